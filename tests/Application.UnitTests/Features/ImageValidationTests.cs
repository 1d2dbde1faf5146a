using CleanBot.Application.Abstractions.Ai;
using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Behaviours;
using CleanBot.Application.Common.Outcomes;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Common.Validation;
using CleanBot.Application.Features.Ask;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

/// <summary>An image is checked before anything is stored or sent: its type, that it has bytes, and its size.</summary>
public sealed class ImageValidationTests
{
    private const int MaxImageBytes = 1_000;

    private readonly AskCommandValidator _validator = new(Options.Create(new ConversationOptions { MaxImageBytes = MaxImageBytes }));

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/png")]
    [InlineData("image/webp")]
    [InlineData("image/heic")]
    [InlineData("IMAGE/HEIF")]
    public void The_image_types_gemini_reads_are_accepted(string mimeType)
    {
        _validator.Validate(Ask(new ImageAttachment(mimeType, new byte[MaxImageBytes]))).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("image/gif")]
    [InlineData("image/svg+xml")]
    [InlineData("application/pdf")]
    [InlineData("")]
    public void Other_types_are_refused(string mimeType)
    {
        ErrorCode(new ImageAttachment(mimeType, new byte[10])).Should().Be(RejectionCodes.ImageTypeNotSupported);
    }

    [Fact]
    public void An_image_without_bytes_is_refused_as_empty()
    {
        ErrorCode(new ImageAttachment("image/jpeg", ReadOnlyMemory<byte>.Empty)).Should().Be(RejectionCodes.ImageEmpty);
    }

    [Fact]
    public async Task An_image_over_the_limit_is_refused_with_the_limit_in_bytes()
    {
        var behaviour = new ValidationBehaviour<AskCommand, AskOutcome>(
            new UserProfileValidator(), [_validator], new UserRegistry(Substitute.For<IUserRepository>(), Substitute.For<ICache>()));

        var outcome = await behaviour.Handle(
            Ask(new ImageAttachment("image/png", new byte[MaxImageBytes + 1])),
            CancellationToken.None,
            () => throw new InvalidOperationException("A refused request must not reach its handler."));

        outcome.Should().Be(new AskOutcome.Refused(new Rejection(RejectionCodes.ImageTooLarge, MaxImageBytes), Language.English));
    }

    [Fact]
    public void A_question_without_an_image_is_not_checked_for_one()
    {
        _validator.Validate(new AskCommand(Profiles.Sara, 1, "just text")).IsValid.Should().BeTrue();
    }

    private static AskCommand Ask(ImageAttachment image) => new(Profiles.Sara, 1, "what is this?", image);

    private string? ErrorCode(ImageAttachment image) => _validator.Validate(Ask(image)).Errors.Select(e => e.ErrorCode).FirstOrDefault();
}
