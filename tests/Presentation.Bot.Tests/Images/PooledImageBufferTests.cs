using CleanBot.Presentation.Bot.Telegram.Images;

namespace CleanBot.Presentation.Bot.Tests.Images;

public sealed class PooledImageBufferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bytes_copied_in_keep_their_order_when_the_buffer_grows_past_the_declared_size()
    {
        var content = new byte[300_000];
        new Random(11).NextBytes(content);
        using var buffer = new PooledImageBuffer(expectedBytes: 1_000, limit: 1_000_000);

        await new MemoryStream(content).CopyToAsync(buffer, bufferSize: 8_192, Ct);

        buffer.Written.ToArray().Should().Equal(content);
        buffer.Overflowed.Should().BeFalse();
    }

    [Fact]
    public async Task A_write_past_the_limit_throws_and_marks_the_buffer_overflowed()
    {
        using var buffer = new PooledImageBuffer(expectedBytes: null, limit: 10_000);

        var copy = () => new MemoryStream(new byte[10_001]).CopyToAsync(buffer, bufferSize: 4_096, Ct);

        await copy.Should().ThrowAsync<IOException>();
        buffer.Overflowed.Should().BeTrue();
        buffer.Length.Should().BeLessThanOrEqualTo(10_000);
    }

    [Fact]
    public void Exactly_the_limit_fits()
    {
        using var buffer = new PooledImageBuffer(expectedBytes: 10_000, limit: 10_000);

        buffer.Write(new byte[10_000]);

        buffer.Written.Length.Should().Be(10_000);
        buffer.Overflowed.Should().BeFalse();
    }

    [Fact]
    public void The_bytes_cannot_be_read_after_the_buffer_is_returned()
    {
        var buffer = new PooledImageBuffer(expectedBytes: 10, limit: 100);
        buffer.Write(new byte[10]);

        buffer.Dispose();

        var read = () => buffer.Written;
        read.Should().Throw<ObjectDisposedException>();
    }
}
