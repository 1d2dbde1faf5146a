using System.Collections.Concurrent;
using CleanBot.Application.Abstractions.Inbox;
using CleanBot.Presentation.Bot.Telegram.Updates;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>Handled marks are written together when they come while a write is in flight, alone otherwise.</summary>
public sealed class HandledMarksTests : IAsyncDisposable
{
    private readonly IUpdateInbox _inbox = Substitute.For<IUpdateInbox>();
    private readonly ConcurrentQueue<long[]> _writes = new();
    private readonly ServiceProvider _services;
    private readonly HandledMarks _marks;
    private Func<int, Task> _write = _ => Task.CompletedTask;

    public HandledMarksTests()
    {
        _inbox.MarkHandledAsync(Arg.Any<IReadOnlyCollection<long>>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                _writes.Enqueue([.. call.Arg<IReadOnlyCollection<long>>()]);
                return _write(_writes.Count);
            });
        _services = new ServiceCollection().AddScoped(_ => _inbox).BuildServiceProvider();
        _marks = new HandledMarks(_services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lone_mark_is_written_at_once_on_its_own()
    {
        await _marks.MarkAsync(5, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        _writes.Should().ContainSingle().Which.Should().Equal(5);
    }

    [Fact]
    public async Task Marks_that_come_while_a_write_is_in_flight_go_together_in_the_next_one()
    {
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _write = count => count == 1 ? firstWrite.Task : Task.CompletedTask;

        var first = _marks.MarkAsync(1, Ct);
        await Eventually.HoldsAsync(() => !_writes.IsEmpty);
        var later = new[] { _marks.MarkAsync(2, Ct), _marks.MarkAsync(3, Ct), _marks.MarkAsync(4, Ct) };
        later.Should().OnlyContain(mark => !mark.IsCompleted);
        firstWrite.SetResult();

        await Task.WhenAll([first, .. later]).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _writes.Should().SatisfyRespectively(
            write => write.Should().Equal(1),
            write => write.Should().Equal(2, 3, 4));
    }

    [Fact]
    public async Task A_failed_write_fails_its_marks_and_the_next_marks_are_still_written()
    {
        _write = count => count == 1 ? Task.FromException(new TimeoutException("database restarting")) : Task.CompletedTask;

        var failed = () => _marks.MarkAsync(1, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await failed.Should().ThrowAsync<TimeoutException>();

        await _marks.MarkAsync(1, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _writes.Should().HaveCount(2).And.AllSatisfy(write => write.Should().Equal(1));
    }

    [Fact]
    public async Task A_mark_whose_caller_stops_waiting_is_still_written()
    {
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _write = count => count == 1 ? firstWrite.Task : Task.CompletedTask;
        using var stopping = new CancellationTokenSource();
        var first = _marks.MarkAsync(1, Ct);
        await Eventually.HoldsAsync(() => !_writes.IsEmpty);

        var abandoned = _marks.MarkAsync(2, stopping.Token);
        await stopping.CancelAsync();
        await abandoned.Invoking(mark => mark).Should().ThrowAsync<OperationCanceledException>();
        firstWrite.SetResult();

        await first.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Eventually.HoldsAsync(() => _writes.Count == 2);
        _writes.Last().Should().Equal(2);
    }

    [Fact]
    public async Task Waiting_for_the_writes_covers_a_mark_whose_caller_stopped_waiting()
    {
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _write = count => count == 1 ? firstWrite.Task : Task.CompletedTask;
        using var stopping = new CancellationTokenSource();
        _ = _marks.MarkAsync(1, Ct);
        await Eventually.HoldsAsync(() => !_writes.IsEmpty);
        var abandoned = _marks.MarkAsync(2, stopping.Token);
        await stopping.CancelAsync();
        await abandoned.Invoking(mark => mark).Should().ThrowAsync<OperationCanceledException>();

        var written = _marks.WhenWrittenAsync();
        written.IsCompleted.Should().BeFalse("the first write is still in flight");
        firstWrite.SetResult();

        await written.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        _writes.Should().HaveCount(2, "the abandoned mark goes with the write after the first");
        _writes.Last().Should().Equal(2);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
