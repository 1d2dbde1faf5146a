using System.Buffers;

namespace CleanBot.Presentation.Bot.Telegram.Images;

/// <summary>
/// Where a downloaded image is written: one array rented from the shared pool (grown by renting a larger one when
/// the declared size was missing or low) that refuses to take more than the limit. Dispose returns the array, so the
/// bytes must not be used afterwards.
/// </summary>
internal sealed class PooledImageBuffer : Stream
{
    private const int UnknownSizeGuess = 256 * 1024;

    private readonly int _limit;
    private byte[]? _buffer;
    private int _length;

    public PooledImageBuffer(long? expectedBytes, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _limit = limit;
        _buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(expectedBytes ?? UnknownSizeGuess, 1, limit));
    }

    /// <summary>Set once a write would have gone past the limit; the write threw and the content is incomplete.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> Written => Buffer.AsMemory(0, _length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledImageBuffer));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if ((long)_length + buffer.Length > _limit)
        {
            Overflowed = true;
            throw new IOException($"The image is larger than the limit of {_limit} bytes.");
        }

        Reserve(_length + buffer.Length);
        buffer.CopyTo(Buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer is { } rented)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }

    private void Reserve(int needed)
    {
        var current = Buffer;
        if (needed <= current.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(needed, (long)current.Length * 2), _limit));
        current.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(current);
        _buffer = larger;
    }
}
