using CleanBot.Presentation.Bot.Telegram.Replies.Streaming;
using Microsoft.Extensions.Time.Testing;

namespace CleanBot.Presentation.Bot.Tests.Replies;

public sealed class PreviewThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly PreviewThrottle _throttle;

    public PreviewThrottleTests() => _throttle = new PreviewThrottle(_time, Interval);

    [Fact]
    public void The_first_preview_waits_one_interval_after_the_first_words()
    {
        _throttle.Start();

        _throttle.UntilDue().Should().Be(Interval, "an answer complete within the interval goes out whole, with no preview");
        _time.Advance(TimeSpan.FromMilliseconds(400));
        _throttle.UntilDue().Should().Be(TimeSpan.FromMilliseconds(600));
        _time.Advance(TimeSpan.FromMilliseconds(600));
        _throttle.UntilDue().Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Later_words_do_not_move_the_first_preview()
    {
        _throttle.Start();
        _time.Advance(TimeSpan.FromMilliseconds(700));

        _throttle.Start();

        _throttle.UntilDue().Should().Be(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Each_attempt_makes_the_next_wait_a_whole_interval()
    {
        _throttle.Start();
        _time.Advance(TimeSpan.FromSeconds(5));
        _throttle.UntilDue().Should().Be(TimeSpan.Zero, "a late preview is due at once, not once per missed interval");

        _throttle.Attempted();

        _throttle.UntilDue().Should().Be(Interval);
    }

    [Fact]
    public void Over_any_stretch_previews_are_at_most_one_per_interval()
    {
        _throttle.Start();
        var attempts = 0;
        var step = TimeSpan.FromMilliseconds(70);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(10); elapsed += step)
        {
            if (_throttle.UntilDue() == TimeSpan.Zero)
            {
                _throttle.Attempted();
                attempts++;
            }

            _time.Advance(step);
        }

        attempts.Should().BeInRange(9, 10);
    }

    [Fact]
    public void Asking_before_any_words_is_a_bug()
    {
        var asking = () => _throttle.UntilDue();

        asking.Should().Throw<InvalidOperationException>();
    }
}
