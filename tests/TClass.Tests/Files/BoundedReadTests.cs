using TClass.Files;

namespace TClass.Tests.Files;

/// <summary>A bounded read returns every byte up to the limit and refuses the one past it, whatever length the stream claims.</summary>
public sealed class BoundedReadTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(10, 10)]
    [InlineData(70_000, 100_000)]
    public void Every_byte_up_to_the_limit_is_read(int size, long limit)
    {
        var bytes = Bytes(size);
        foreach (var stream in Streams(bytes, reported: size))
        {
            Assert.Equal(bytes, BoundedRead.Stream(stream, limit).Bytes);
        }
    }

    [Theory]
    [InlineData(11, 10)]
    [InlineData(100_001, 100_000)]
    public void One_byte_past_the_limit_is_refused(int size, long limit)
    {
        foreach (var stream in Streams(Bytes(size), reported: size))
        {
            var read = BoundedRead.Stream(stream, limit);
            Assert.Null(read.Bytes);
            Assert.Equal("too-large", read.Problem?.Code);
        }
    }

    [Theory]
    [InlineData(5_000, 10)]
    [InlineData(5_000, 4_999)]
    [InlineData(5_000, 5_001)]
    [InlineData(5_000, 1_000_000)]
    public void The_length_a_stream_reports_is_only_a_guess(int size, long reported)
    {
        var bytes = Bytes(size);
        Assert.Equal(bytes, BoundedRead.Stream(new Claiming(bytes, reported), 10_000).Bytes);
        Assert.Equal("too-large", BoundedRead.Stream(new Claiming(bytes, reported), 4_999).Problem?.Code);
    }

    private static byte[] Bytes(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(i * 7))];

    private static IEnumerable<Stream> Streams(byte[] bytes, long reported)
    {
        yield return new MemoryStream(bytes);
        yield return new Claiming(bytes, reported, seekable: false);
        yield return new Claiming(bytes, reported);
    }

    /// <summary>A stream over <c>bytes</c> that reports the length it is told to, handing out a few bytes per read.</summary>
    private sealed class Claiming(byte[] bytes, long reported, bool seekable = true) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? reported : throw new NotSupportedException();

        public override long Position { get => seekable ? 0 : throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 777), bytes.Length - _at);
            Array.Copy(bytes, _at, buffer, offset, n);
            _at += n;
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
