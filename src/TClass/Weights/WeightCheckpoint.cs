using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using TClass.Diagnostics;
using TClass.ModelFiles;

namespace TClass.Weights;

/// <summary>What a checkpoint's <c>config.json</c> says about its layout, where it says it.</summary>
/// <param name="Layers">num_hidden_layers (of the text model).</param>
/// <param name="MtpLayers">num_nextn_predict_layers: multi-token-prediction blocks after the last decoder block.</param>
/// <param name="HiddenSize">hidden_size.</param>
public sealed record CheckpointLayout(int? Layers, int? MtpLayers, int? HiddenSize);

/// <summary>
/// The weights of a local model folder, opened for sampling: safetensors (one file, or shards listed
/// by <c>model.safetensors.index.json</c>) mapped into memory, or the initializers of an ONNX model.
/// Every header is checked before a tensor is listed; reads are counted against a budget and convert
/// F16/BF16/F32/F64 to single precision with System.Numerics.Tensors. Pickle (<c>.bin</c>, <c>.pt</c>)
/// checkpoints are never read: loading them can run code.
/// </summary>
public sealed class WeightCheckpoint : IDisposable
{
    private readonly ImmutableArray<WeightStorage> _storages;
    private readonly FrozenDictionary<string, WeightTensor> _byName;

    private WeightCheckpoint(string folder, string format, ImmutableArray<WeightTensor> tensors, ImmutableArray<WeightStorage> storages, CheckpointLayout layout, long headerBytes)
    {
        Folder = folder;
        Format = format;
        Tensors = tensors;
        _storages = storages;
        _byName = tensors.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        Layout = layout;
        HeaderBytes = headerBytes;
    }

    /// <summary>The folder (or file) as the user named it.</summary>
    public string Folder { get; }

    /// <summary>How the weights are stored, e.g. <c>safetensors (4 shards)</c> or <c>ONNX</c>.</summary>
    public string Format { get; }

    /// <summary>Every tensor, by name in ordinal order.</summary>
    public ImmutableArray<WeightTensor> Tensors { get; }

    /// <summary>The layout config.json declares.</summary>
    public CheckpointLayout Layout { get; }

    /// <summary>The bytes of headers (and ONNX protobuf) read to list the tensors.</summary>
    public long HeaderBytes { get; }

    /// <summary>The tensor named <paramref name="name"/>, if any.</summary>
    public WeightTensor? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Opens the weights in <paramref name="path"/>: a model folder, or one .safetensors or .onnx file.</summary>
    public static WeightCheckpointResult Open(string path) => Open(path, null);

    /// <summary>
    /// Tells of every read of tensor data: the file's full path, the offset and the length. The
    /// benchmarks use it to fill sparse synthetic checkpoints where the comparison reads.
    /// </summary>
    internal Action<string, long, int>? ReadObserver { get; private init; }

    /// <summary>Opens the weights in <paramref name="path"/>, telling <paramref name="observer"/> of every data read.</summary>
    internal static WeightCheckpointResult Open(string path, Action<string, long, int>? observer)
    {
        ArgumentNullException.ThrowIfNull(path);
        var diagnostics = new DiagnosticBag(path);
        string folder;
        string[] names;
        if (Directory.Exists(path))
        {
            folder = path;
            names = [];
        }
        else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            names = [Path.GetFileName(path)];
        }
        else
        {
            diagnostics.Error("not-found", SourcePosition.WholeFile, "", "no such folder or file.", "Check the path; name the model folder that holds its *.safetensors or *.onnx files.");
            return new WeightCheckpointResult(null, diagnostics.ToImmutableSorted());
        }

        var files = new ModelFolder(folder, diagnostics);
        var layout = ReadLayout(files);
        var storages = new List<WeightStorage>();
        var tensors = new List<WeightTensor>();
        long headerBytes = 0;
        string format;
        try
        {
            var index = names.Length == 0 && files.Has("model.safetensors.index.json") ? ShardIndex(files) : null;
            if (names.Length == 0)
            {
                names = index is not null ? [.. index.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
                    : files.Files("*.safetensors").ToArray() is { Length: > 0 } safetensors ? safetensors
                    : files.Files("*.onnx").ToArray() is { Length: > 0 } onnx ? onnx
                    : Directory.Exists(Path.Combine(files.Root, "onnx")) ? [.. Directory.EnumerateFiles(Path.Combine(files.Root, "onnx"), "*.onnx").Select(f => "onnx/" + Path.GetFileName(f)).Order(StringComparer.Ordinal)]
                    : [];
            }

            if (index is { Count: 0 })
            {
                diagnostics.Error("no-tensors", SourcePosition.WholeFile, "model.safetensors.index.json", "model.safetensors.index.json lists no tensors in its weight_map.",
                    "Re-download the index, or remove it if the folder holds a single model.safetensors.");
                return new WeightCheckpointResult(null, diagnostics.ToImmutableSorted());
            }

            if (names.Length == 0)
            {
                var pickle = files.Files("*.bin").Concat(files.Files("*.pt")).Concat(files.Files("*.pth")).FirstOrDefault();
                var gguf = files.Files("*.gguf").FirstOrDefault();
                diagnostics.Error("no-weights", SourcePosition.WholeFile, "",
                    pickle is not null ? $"the folder holds {pickle}, a pickle checkpoint: TClass does not read pickle files, because loading one can run code."
                    : gguf is not null ? $"the folder holds {gguf}, a GGUF file of quantized weights, which are not compared."
                    : "the folder holds no *.safetensors, model.safetensors.index.json or *.onnx file.",
                    pickle is not null ? "Convert it to safetensors (e.g. with the safetensors convert script) and compare that."
                    : "Point at the model folder that holds its safetensors or ONNX weights.");
            }

            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var shardDiagnostics = new DiagnosticBag(Path.Combine(path, name));
                var read = name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
                    ? ReadOnnx(files, name, storages, shardDiagnostics, ref headerBytes)
                    : ReadSafetensors(files, name, storages, shardDiagnostics, ref headerBytes);
                diagnostics.AddRange(shardDiagnostics.ToImmutableSorted().Select(d => d with { File = Path.Combine(path, name) }));
                foreach (var tensor in read)
                {
                    if (seen.TryGetValue(tensor.Name, out var other))
                    {
                        diagnostics.Error("duplicate-tensor", SourcePosition.WholeFile, tensor.Name, $"the tensor is stored twice, in {other} and in {name}.",
                            "Remove the stray file; each tensor belongs to one shard.");
                        continue;
                    }

                    seen[tensor.Name] = name;
                    tensors.Add(tensor);
                }
            }

            if (index is not null)
            {
                foreach (var (tensor, shard) in index.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    if (seen.TryGetValue(tensor, out var actual) && actual != shard)
                    {
                        diagnostics.Error("index-mismatch", SourcePosition.WholeFile, tensor, $"model.safetensors.index.json places the tensor in {shard}, but it is in {actual}.",
                            "Regenerate the index, or re-download the shards.");
                    }
                    else if (!seen.ContainsKey(tensor) && !diagnostics.HasErrors)
                    {
                        diagnostics.Error("missing-tensor", SourcePosition.WholeFile, tensor, $"model.safetensors.index.json names the tensor in {shard}, which does not hold it.",
                            "Re-download the shard; it may be from another revision.");
                    }
                }
            }

            format = names.Length == 0 ? "none"
                : names[0].EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? "ONNX"
                : names.Length == 1 ? "safetensors"
                : string.Create(CultureInfo.InvariantCulture, $"safetensors ({names.Length} shards)");
        }
        catch
        {
            storages.ForEach(s => s.Dispose());
            throw;
        }

        if (diagnostics.HasErrors || tensors.Count == 0)
        {
            storages.ForEach(s => s.Dispose());
            return new WeightCheckpointResult(null, diagnostics.ToImmutableSorted());
        }

        return new WeightCheckpointResult(
            new WeightCheckpoint(path, format, [.. tensors.OrderBy(t => t.Name, StringComparer.Ordinal)], [.. storages], layout, headerBytes) { ReadObserver = observer },
            diagnostics.ToImmutableSorted());
    }

    /// <summary>
    /// Reads <paramref name="count"/> rows from <paramref name="firstRow"/> of <paramref name="tensor"/>
    /// seen as a matrix (<see cref="WeightTensor.Rows"/> × <see cref="WeightTensor.Columns"/>) into
    /// <paramref name="into"/> as single-precision values, counting the bytes on <paramref name="meter"/>.
    /// </summary>
    internal void ReadRows(WeightTensor tensor, long firstRow, int count, Span<float> into, ReadMeter meter)
    {
        var columns = (int)tensor.Columns;
        var size = tensor.DType.Bits / 8;
        var values = into[..checked(count * columns)];
        if (!tensor.DType.Comparable || firstRow < 0 || firstRow + count > tensor.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRow), $"rows {firstRow}+{count} of {tensor.Name} ({tensor.Rows} rows, {tensor.DType})");
        }

        var storage = _storages[tensor.Storage];
        var bytes = new byte[checked(values.Length * size)];

        // Only reads from files count: an ONNX model's initializers are in memory since it was opened.
        meter.Take(storage is MappedStorage ? bytes.Length : 0);
        if (!tensor.Transposed)
        {
            ReadObserver?.Invoke(FullPath(tensor), tensor.Offset + firstRow * columns * size, bytes.Length);
            storage.Read(tensor.Offset + firstRow * columns * size, bytes);
        }
        else
        {
            // Stored [in, out]: logical row r is stored column r, a run of `count` elements in each stored row.
            var stored = tensor.Shape[^1];
            var segment = new byte[count * size];
            for (var i = 0; i < columns; i++)
            {
                ReadObserver?.Invoke(FullPath(tensor), tensor.Offset + (i * stored + firstRow) * size, segment.Length);
                storage.Read(tensor.Offset + (i * stored + firstRow) * size, segment);
                for (var r = 0; r < count; r++)
                {
                    segment.AsSpan(r * size, size).CopyTo(bytes.AsSpan((r * columns + i) * size, size));
                }
            }
        }

        Convert(tensor.DType, bytes, values);
        if (!TensorPrimitives.IsFiniteAll<float>(values))
        {
            var at = 0;
            while (float.IsFinite(values[at]))
            {
                at++;
            }

            var element = firstRow * columns + at;
            throw new WeightDataException(new Diagnostic(DiagnosticSeverity.Error, "non-finite-weights", Path.Combine(Folder, tensor.File), 0, 0, tensor.Name,
                string.Create(CultureInfo.InvariantCulture, $"the tensor holds {(float.IsNaN(values[at]) ? "NaN" : "an infinity")} at element {element:N0} (row {element / columns}, column {element % columns}); weights with NaN or infinite values are broken, and no statistic over them means anything."),
                "Re-download the file; if it is what the model ships, report it to the model's authors."));
        }
    }

    private string FullPath(WeightTensor tensor) => Path.GetFullPath(Directory.Exists(Folder) ? Path.Combine(Folder, tensor.File) : Folder);

    /// <summary>
    /// Reads every value of the tensors a comparison can afford to scan whole — all of them when the
    /// checkpoint's comparable weights take at most <paramref name="wholeLimit"/> bytes, else those
    /// of at most 1 MiB (norms, biases, routers) up to <paramref name="smallLimit"/> bytes in all —
    /// so that NaN or infinite values are found beyond the sampled rows. Returns the bytes read.
    /// </summary>
    internal long ScanFinite(IEnumerable<WeightTensor> comparable, long wholeLimit, long smallLimit)
    {
        var tensors = comparable.ToList();
        var whole = tensors.Sum(t => t.ByteLength) <= wholeLimit;
        var meter = new ReadMeter(long.MaxValue);
        long scanned = 0;
        foreach (var tensor in tensors.OrderBy(t => t.ByteLength).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            if (!whole && (tensor.ByteLength > 1 << 20 || scanned + tensor.ByteLength > smallLimit))
            {
                break;
            }

            var rowsPerRead = (int)Math.Max(1, (1 << 20) / Math.Max(1, tensor.Columns));
            var buffer = new float[rowsPerRead * tensor.Columns];
            for (long row = 0; row < tensor.Rows; row += rowsPerRead)
            {
                var count = (int)Math.Min(rowsPerRead, tensor.Rows - row);
                ReadRows(tensor, row, count, buffer, meter);
            }

            scanned += tensor.ByteLength;
        }

        return meter.Read;
    }

    /// <summary>Converts stored little-endian values of <paramref name="dtype"/> to single precision.</summary>
    internal static void Convert(TensorDType dtype, ReadOnlySpan<byte> bytes, Span<float> into)
    {
        switch (dtype.Name)
        {
            case "F32":
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(into);
                break;
            case "F16":
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(bytes), into);
                break;
            case "BF16":
                // bfloat16 is the upper half of a float: widen and shift into place.
                var bits = MemoryMarshal.Cast<float, uint>(into);
                TensorPrimitives.ConvertTruncating<ushort, uint>(MemoryMarshal.Cast<byte, ushort>(bytes), bits);
                TensorPrimitives.ShiftLeft<uint>(bits, 16, bits);
                break;
            case "F64":
                TensorPrimitives.ConvertTruncating<double, float>(MemoryMarshal.Cast<byte, double>(bytes), into);
                break;
            default:
                throw new NotSupportedException(dtype.Name + " values are not compared");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var storage in _storages)
        {
            storage.Dispose();
        }
    }

    private static IEnumerable<WeightTensor> ReadSafetensors(ModelFolder files, string name, List<WeightStorage> storages, DiagnosticBag diagnostics, ref long headerBytes)
    {
        var scoped = new ModelFolder(files.Root, diagnostics);
        if (scoped.Map(name) is not { } mapped)
        {
            return [];
        }

        var storage = new MappedStorage(mapped.Map, mapped.Length);
        long read = 0;
        byte[] Read(long offset, int length)
        {
            var buffer = new byte[length];
            storage.Read(offset, buffer);
            read += length;
            return buffer;
        }

        var tensors = SafetensorsHeader.Read(name, mapped.Length, Read, diagnostics);
        headerBytes += read;
        if (tensors is not { } list)
        {
            storage.Dispose();
            return [];
        }

        storages.Add(storage);
        var index = storages.Count - 1;
        return list.Select(t => t with { Storage = index });
    }

    private static List<WeightTensor> ReadOnnx(ModelFolder files, string name, List<WeightStorage> storages, DiagnosticBag diagnostics, ref long headerBytes)
    {
        var scoped = new ModelFolder(files.Root, diagnostics);
        if (scoped.Bytes(name, OnnxInitializers.MaxOnnxFile) is not { } bytes)
        {
            return [];
        }

        headerBytes += bytes.Length;
        var index = storages.Count;
        if (OnnxInitializers.Read(name, bytes, index, diagnostics) is not { } initializers)
        {
            return [];
        }

        storages.Add(new MemoryStorage(initializers.Blob));
        var tensors = initializers.Tensors.ToList();
        var folder = Path.GetDirectoryName(name) is { Length: > 0 } sub ? sub + "/" : "";
        foreach (var (tensor, location, offset, length) in initializers.External)
        {
            if (location.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(location))
            {
                diagnostics.Error("outside-folder", SourcePosition.WholeFile, tensor.Name, $"the external data file {location} is not inside the model folder; it is not read.",
                    "Keep the external data next to the model.");
                continue;
            }

            if (scoped.Map(folder + location) is not { } mapped)
            {
                continue;
            }

            if (offset < 0 || offset + length > mapped.Length)
            {
                mapped.Map.Dispose();
                diagnostics.Error("offset-outside-file", SourcePosition.WholeFile, tensor.Name,
                    string.Create(CultureInfo.InvariantCulture, $"the external data [{offset}, {offset + length}) runs past the end of {location} ({mapped.Length:N0} bytes)."),
                    "Re-export the model; the external data file is truncated.");
                continue;
            }

            storages.Add(new MappedStorage(mapped.Map, mapped.Length));
            tensors.Add(tensor with { Storage = storages.Count - 1, Offset = offset, File = folder + location });
        }

        return tensors;
    }

    /// <summary>The tensor → shard map of <c>model.safetensors.index.json</c>, with every shard checked to be a file name inside the folder.</summary>
    private static Dictionary<string, string>? ShardIndex(ModelFolder files)
    {
        using var json = files.Json("model.safetensors.index.json");
        if (json is null)
        {
            return null;
        }

        if (!json.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            files.Error("model.safetensors.index.json", "invalid-index", "model.safetensors.index.json has no weight_map object of tensor → shard file.", "Re-download the index.");
            return null;
        }

        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String || entry.Value.GetString() is not { Length: > 0 } shard
                || Path.IsPathRooted(shard) || shard.Split('/', '\\').Any(p => p is ".." or "."))
            {
                files.Error("model.safetensors.index.json", "invalid-index", $"weight_map.{entry.Name} must name a shard file in the model folder.", "Re-download the index.");
                continue;
            }

            index[entry.Name] = shard;
        }

        return index;
    }

    private static CheckpointLayout ReadLayout(ModelFolder files)
    {
        var quiet = new ModelFolder(files.Root, new DiagnosticBag("config.json"));
        using var json = quiet.Json("config.json");
        if (json?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return new CheckpointLayout(null, null, null);
        }

        var text = root.TryGetProperty("text_config", out var t) && t.ValueKind == JsonValueKind.Object ? t : root;
        int? Int(string key) => text.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
            : root.TryGetProperty(key, out var w) && w.ValueKind == JsonValueKind.Number && w.TryGetInt32(out var m) ? m : null;
        return new CheckpointLayout(Int("num_hidden_layers"), Int("num_nextn_predict_layers"), Int("hidden_size"));
    }
}

/// <summary>The opened checkpoint, or the diagnostics that say why it could not be opened.</summary>
/// <param name="Checkpoint">The checkpoint, or null when a file is broken.</param>
/// <param name="Diagnostics">Every problem found, each naming its file.</param>
public sealed record WeightCheckpointResult(WeightCheckpoint? Checkpoint, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>Broken weight data met while reading (NaN or infinite values): the comparison stops and reports it.</summary>
internal sealed class WeightDataException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
