namespace PayHub.Exchanges;

/// <summary>
/// The answer's bytes as they go out (after encryption and signing), copied while the family writes them, up to
/// <see cref="Limit"/>: what the journal keeps as the answer "as sent" where it keeps raw bytes. The response's own
/// stream is put back when the capture stops.
/// </summary>
public sealed class AnswerCapture : Stream
{
    public const int Limit = 256 * 1024;

    private readonly HttpResponse _response;
    private readonly Stream _inner;
    private readonly MemoryStream _copy = new();

    private AnswerCapture(HttpResponse response)
    {
        _response = response;
        _inner = response.Body;
    }

    public static AnswerCapture Start(HttpResponse response)
    {
        var capture = new AnswerCapture(response);
        response.Body = capture;
        return capture;
    }

    /// <summary>Puts the response's stream back; the bytes written meanwhile.</summary>
    public byte[] Stop()
    {
        _response.Body = _inner;
        return _copy.ToArray();
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        _inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        await _inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        var room = Limit - (int)_copy.Length;
        if (room > 0)
        {
            _copy.Write(bytes[..Math.Min(room, bytes.Length)]);
        }
    }
}
