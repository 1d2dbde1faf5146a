using CleanBot.Application.Abstractions.Caching;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Common.Users;
using CleanBot.Application.Features.NotText;
using CleanBot.Domain.Users;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanBot.Application.UnitTests.Features;

public sealed class NotTextQueryHandlerTests
{
    private readonly NotTextQueryHandler _handler = new(
        new UserRegistry(Substitute.For<IUserRepository>(), Substitute.For<ICache>()),
        Options.Create(new ConversationOptions { MaxImageBytes = 5_000_000 }));

    [Theory]
    [InlineData(NotTextKind.Voice)]
    [InlineData(NotTextKind.Document)]
    [InlineData(NotTextKind.Other)]
    public async Task A_message_the_bot_cannot_read_is_answered_with_its_kind_in_the_users_language(NotTextKind kind)
    {
        var outcome = await _handler.Handle(new NotTextQuery(Profiles.Maryam, kind), CancellationToken.None);

        outcome.Should().Be(new NotTextOutcome.Unsupported(Language.Persian, kind));
    }

    [Fact]
    public async Task An_oversized_image_is_answered_with_the_configured_limit()
    {
        var outcome = await _handler.Handle(new NotTextQuery(Profiles.Sara, NotTextKind.OversizedImage), CancellationToken.None);

        outcome.Should().Be(new NotTextOutcome.ImageTooLarge(Language.English, 5_000_000));
    }
}
