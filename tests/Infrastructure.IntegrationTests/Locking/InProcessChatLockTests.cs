using CleanBot.Infrastructure.Locking;

namespace CleanBot.Infrastructure.IntegrationTests.Locking;

public sealed class InProcessChatLockTests
{
    private readonly InProcessChatLock _lock = new();

    [Fact]
    public async Task A_second_caller_for_the_same_chat_waits_until_the_first_releases()
    {
        var first = await _lock.AcquireAsync(1, TestContext.Current.CancellationToken);

        var second = _lock.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        second.IsCompleted.Should().BeFalse();

        await first.DisposeAsync();
        await using var held = await second.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Different_chats_do_not_wait_for_each_other()
    {
        await using var one = await _lock.AcquireAsync(1, TestContext.Current.CancellationToken);

        var other = _lock.AcquireAsync(2, TestContext.Current.CancellationToken).AsTask();

        other.IsCompletedSuccessfully.Should().BeTrue();
        await (await other).DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_work_on_one_chat_runs_one_at_a_time_in_arrival_order()
    {
        var inside = 0;
        var maxInside = 0;
        var order = new List<int>();
        var workers = Enumerable.Range(0, 50).Select(async index =>
        {
            await using var held = await _lock.AcquireAsync(7, TestContext.Current.CancellationToken);
            maxInside = Math.Max(maxInside, Interlocked.Increment(ref inside));
            order.Add(index);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
        }).ToArray();

        await Task.WhenAll(workers);

        maxInside.Should().Be(1);
        order.Should().HaveCount(50).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_lock_usable()
    {
        var first = await _lock.AcquireAsync(1, TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        var waiting = () => _lock.AcquireAsync(1, cancel.Token).AsTask();

        await waiting.Should().ThrowAsync<OperationCanceledException>();
        await first.DisposeAsync();
        await using var again = await _lock.AcquireAsync(1, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Releasing_twice_does_not_free_the_chat_for_two_callers()
    {
        var first = await _lock.AcquireAsync(1, TestContext.Current.CancellationToken);
        await first.DisposeAsync();
        var second = await _lock.AcquireAsync(1, TestContext.Current.CancellationToken);

        await first.DisposeAsync();
        var third = _lock.AcquireAsync(1, TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);

        third.IsCompleted.Should().BeFalse();
        await second.DisposeAsync();
        await (await third).DisposeAsync();
    }
}
