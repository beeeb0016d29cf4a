using System.IO.MemoryMappedFiles;

namespace TClass.Weights;

/// <summary>Where a checkpoint's tensor bytes are: a memory-mapped file, or bytes already in memory (ONNX).</summary>
internal abstract class WeightStorage : IDisposable
{
    /// <summary>The number of bytes held.</summary>
    public abstract long Length { get; }

    /// <summary>Copies <paramref name="into"/>.Length bytes starting at <paramref name="offset"/>.</summary>
    public abstract void Read(long offset, Span<byte> into);

    /// <inheritdoc/>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>
/// A memory-mapped file. Each read maps only the window it needs and unmaps it afterwards, so the
/// pages read never accumulate in the process: memory stays flat however large the checkpoint.
/// </summary>
internal sealed class MappedStorage(MemoryMappedFile map, long length) : WeightStorage
{
    public override long Length => length;

    public override void Read(long offset, Span<byte> into)
    {
        if (into.IsEmpty)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + into.Length, length);
        using var view = map.CreateViewStream(offset, into.Length, MemoryMappedFileAccess.Read);
        view.ReadExactly(into);
    }

    public override void Dispose()
    {
        map.Dispose();
        base.Dispose();
    }
}

/// <summary>Bytes in memory (the initializers of an ONNX model, which protobuf reads whole).</summary>
internal sealed class MemoryStorage(ReadOnlyMemory<byte> bytes) : WeightStorage
{
    public override long Length => bytes.Length;

    public override void Read(long offset, Span<byte> into) => bytes.Span.Slice(checked((int)offset), into.Length).CopyTo(into);
}
