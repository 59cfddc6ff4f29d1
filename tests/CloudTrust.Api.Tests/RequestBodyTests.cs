namespace CloudTrust.Api.Tests;

public sealed class RequestBodyTests
{
    [Fact]
    public async Task A_body_at_the_limit_is_read_whole()
    {
        var bytes = new byte[RolloutStartRequest.MaxBytes];
        Random.Shared.NextBytes(bytes);

        var (read, problem) = await RequestBody.ReadAsync(new TrickleStream(bytes.Length, bytes), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(bytes, read);
    }

    [Fact]
    public async Task An_endless_body_stops_one_byte_past_the_limit_with_a_problem()
    {
        var stream = new TrickleStream(long.MaxValue, null);

        var (read, problem) = await RequestBody.ReadAsync(stream, CancellationToken.None);

        Assert.Null(read);
        Assert.Equal($"body: larger than {RolloutStartRequest.MaxBytes} bytes", Assert.Single(problem!.Errors).ToString());
        Assert.Equal(RolloutStartRequest.MaxBytes + 1, stream.Served);
    }

    /// <summary>Serves a body in small, uneven pieces, as a network stream does.</summary>
    private sealed class TrickleStream(long length, byte[]? content) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, 1000 + (Served % 7)), length - Served);
            if (content is not null)
            {
                Array.Copy(content, Served, buffer, offset, n);
            }

            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
