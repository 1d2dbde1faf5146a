using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Outcomes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanBot.Application.UnitTests.Common;

public sealed class AccessGateTests
{
    private const long Listed = 42;
    private const long Admin = 7;
    private const long Stranger = 99;

    private readonly DictionaryCache _cache = new();

    [Fact]
    public async Task Without_an_allow_list_everyone_is_let_through()
    {
        var gate = Gate(new AccessOptions());

        (await gate.CheckAsync(Stranger, CancellationToken.None)).Should().BeNull();
        _cache.Counters.Should().BeEmpty("an allowed person costs no cache call");
    }

    [Fact]
    public async Task Listed_people_and_admins_are_let_through()
    {
        var gate = Gate(Restricted());

        (await gate.CheckAsync(Listed, CancellationToken.None)).Should().BeNull();
        (await gate.CheckAsync(Admin, CancellationToken.None)).Should().BeNull("an admin needs no place on the allow-list");
    }

    [Fact]
    public async Task A_stranger_is_refused_once_in_words_and_then_in_silence()
    {
        var gate = Gate(Restricted());

        var first = await gate.CheckAsync(Stranger, CancellationToken.None);
        var second = await gate.CheckAsync(Stranger, CancellationToken.None);
        var third = await gate.CheckAsync(Stranger, CancellationToken.None);

        first.Should().Be(new Rejection(RejectionCodes.AccessDenied));
        second.Should().Be(new Rejection(RejectionCodes.AlreadyTold));
        third.Should().Be(new Rejection(RejectionCodes.AlreadyTold));
    }

    [Fact]
    public async Task Each_stranger_is_told_once()
    {
        var gate = Gate(Restricted());

        await gate.CheckAsync(Stranger, CancellationToken.None);

        (await gate.CheckAsync(Stranger + 1, CancellationToken.None)).Should().Be(new Rejection(RejectionCodes.AccessDenied));
    }

    [Fact]
    public async Task Without_a_reachable_cache_a_stranger_is_still_refused_and_told_rather_than_let_in()
    {
        _cache.CountersUnreachable = true;
        var gate = Gate(Restricted());

        (await gate.CheckAsync(Stranger, CancellationToken.None)).Should().Be(new Rejection(RejectionCodes.AccessDenied));
        (await gate.CheckAsync(Stranger, CancellationToken.None)).Should().Be(new Rejection(RejectionCodes.AccessDenied));
    }

    private static AccessOptions Restricted() => new()
    {
        AllowedUserIds = new HashSet<long> { Listed },
        AdminUserIds = new HashSet<long> { Admin },
    };

    private AccessGate Gate(AccessOptions options) => new(Options.Create(options), _cache, NullLogger<AccessGate>.Instance);
}
