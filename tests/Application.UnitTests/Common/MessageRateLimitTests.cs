using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Outcomes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.UnitTests.Common;

public sealed class MessageRateLimitTests
{
    private const long UserId = 42;

    // 40 seconds into a minute: the window ends 20 seconds later.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 30, 40, TimeSpan.Zero);

    private readonly DictionaryCache _cache = new();

    [Fact]
    public async Task Questions_up_to_the_limit_go_through_the_next_is_told_when_to_write_again_the_rest_are_silent()
    {
        var limit = Limit(3);

        var results = new List<Rejection?>();
        for (var question = 0; question < 6; question++)
        {
            results.Add(await limit.CountAsync(UserId, Now.AddSeconds(question), CancellationToken.None));
        }

        results.Take(3).Should().AllSatisfy(result => result.Should().BeNull());
        results[3].Should().Be(new Rejection(RejectionCodes.TooManyMessages, 3, TimeSpan.FromSeconds(17)));
        results.Skip(4).Should().AllSatisfy(result => result.Should().Be(new Rejection(RejectionCodes.AlreadyTold)));
    }

    [Fact]
    public async Task A_new_minute_starts_a_new_count()
    {
        var limit = Limit(1);
        await limit.CountAsync(UserId, Now, CancellationToken.None);
        (await limit.CountAsync(UserId, Now, CancellationToken.None)).Should().NotBeNull();

        (await limit.CountAsync(UserId, Now.AddSeconds(20), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Each_person_has_their_own_count()
    {
        var limit = Limit(1);
        await limit.CountAsync(UserId, Now, CancellationToken.None);

        (await limit.CountAsync(UserId + 1, Now, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Zero_turns_the_limit_off_without_touching_the_cache()
    {
        var limit = Limit(0);

        for (var question = 0; question < 100; question++)
        {
            (await limit.CountAsync(UserId, Now, CancellationToken.None)).Should().BeNull();
        }

        _cache.Counters.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_reachable_cache_questions_go_through()
    {
        _cache.CountersUnreachable = true;
        var limit = Limit(1);

        (await limit.CountAsync(UserId, Now, CancellationToken.None)).Should().BeNull();
        (await limit.CountAsync(UserId, Now, CancellationToken.None)).Should().BeNull();
    }

    private MessageRateLimit Limit(int perMinute) =>
        new(Options.Create(new AccessOptions { MessagesPerMinute = perMinute }), _cache, NullLogger<MessageRateLimit>.Instance);
}
