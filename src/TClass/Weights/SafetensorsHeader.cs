using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using TClass.Diagnostics;

namespace TClass.Weights;

/// <summary>
/// Reads and checks the header of a safetensors file: an 8-byte little-endian length, then a JSON
/// object of tensor name → <c>{dtype, shape, data_offsets}</c> (plus <c>__metadata__</c>), then the
/// data. The check is the format's own, made strict: the length is bounded before anything is read,
/// every offset lies inside the file, tensors neither overlap nor leave holes, each tensor's byte size
/// is its shape times its element size, and every element type is known. A file that fails gets
/// located diagnostics and no tensors; nothing past the limits is read.
/// </summary>
internal static class SafetensorsHeader
{
    /// <summary>The largest header read. Real headers are well under 2 MiB, even for 1,000-tensor shards.</summary>
    public const long MaxHeaderBytes = 16L * 1024 * 1024;

    private const string Fix = "Re-download or re-export the file; a safetensors file is an 8-byte header length, a JSON header and the tensor data.";

    /// <summary>The most problems reported for one header: a hostile header can have a million.</summary>
    private const int MaxErrors = 20;

    /// <summary>
    /// The tensors of the safetensors file <paramref name="name"/> (of <paramref name="fileLength"/>
    /// bytes), reading its first bytes through <paramref name="read"/>. The tensors' offsets are
    /// absolute file offsets.
    /// </summary>
    public static ImmutableArray<WeightTensor>? Read(string name, long fileLength, Func<long, int, byte[]> read, DiagnosticBag diagnostics)
    {
        if (fileLength < 8)
        {
            diagnostics.Error("truncated", SourcePosition.WholeFile, "", $"{name} is {fileLength} bytes long, shorter than the 8-byte header length.", Fix);
            return null;
        }

        var length = BinaryPrimitives.ReadUInt64LittleEndian(read(0, 8));
        if (length > MaxHeaderBytes)
        {
            diagnostics.Error("header-too-large", SourcePosition.WholeFile, "",
                string.Create(CultureInfo.InvariantCulture, $"{name} declares a {length:N0}-byte header, over the {MaxHeaderBytes:N0}-byte limit; the header is not read."), Fix);
            return null;
        }

        if ((long)length > fileLength - 8)
        {
            diagnostics.Error("truncated", SourcePosition.WholeFile, "",
                string.Create(CultureInfo.InvariantCulture, $"{name} declares a {length:N0}-byte header but holds only {fileLength - 8:N0} bytes after the length."), Fix);
            return null;
        }

        var header = read(8, (int)length);
        var dataStart = 8 + (long)length;
        var dataLength = fileLength - dataStart;
        var local = new DiagnosticBag(diagnostics.File);
        var tensors = Parse(name, header, local);
        if (tensors is null)
        {
            Report(local, diagnostics);
            return null;
        }

        // Offsets inside the data, no overlaps, no holes: sorted by start, each tensor begins where the last ended.
        var ordered = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long expected = 0;
        var ok = true;
        foreach (var t in ordered)
        {
            if (local.Count >= MaxErrors)
            {
                local.Error("more-problems", SourcePosition.WholeFile, "", $"the header has more problems than the {MaxErrors} shown; the file is not read.", Fix);
                break;
            }

            if (t.End > dataLength)
            {
                local.Error("offset-outside-file", t.At, t.Name,
                    string.Create(CultureInfo.InvariantCulture, $"data_offsets [{t.Begin}, {t.End}] run past the end of the data ({dataLength:N0} bytes): the file is truncated or the header is wrong."), Fix);
                ok = false;
            }
            else if (t.Begin < expected)
            {
                local.Error("overlapping-tensors", t.At, t.Name,
                    string.Create(CultureInfo.InvariantCulture, $"data_offsets [{t.Begin}, {t.End}] overlap the tensor before it, which ends at {expected}."), Fix);
                ok = false;
            }
            else if (t.Begin > expected)
            {
                local.Error("hole-in-data", t.At, t.Name,
                    string.Create(CultureInfo.InvariantCulture, $"data_offsets [{t.Begin}, {t.End}] leave bytes {expected}–{t.Begin} that no tensor claims."), Fix);
                ok = false;
            }

            expected = Math.Max(expected, t.End);
        }

        if (ok && expected != dataLength)
        {
            local.Error("trailing-data", SourcePosition.WholeFile, "",
                string.Create(CultureInfo.InvariantCulture, $"{name} holds {dataLength - expected:N0} bytes after its last tensor that no tensor claims."), Fix);
            ok = false;
        }

        if (ordered.Count == 0)
        {
            local.Error("no-tensors", new SourcePosition(1, 1), "", $"{name} holds no tensors: its header lists only metadata.", Fix);
            ok = false;
        }

        Report(local, diagnostics);
        return ok
            ? [.. tensors.Select(t => new WeightTensor(t.Name, t.DType, t.Shape, name, Transposed: false) { Offset = dataStart + t.Begin, ByteLength = t.End - t.Begin })]
            : null;
    }

    /// <summary>Copies the problems found (at most <see cref="MaxErrors"/>, then one that says there are more).</summary>
    private static void Report(DiagnosticBag local, DiagnosticBag diagnostics) => diagnostics.AddRange(local.ToImmutableSorted());

    private sealed record Entry(string Name, TensorDType DType, ImmutableArray<long> Shape, long Begin, long End, byte[] Header)
    {
        /// <summary>Where the entry is in the header, computed only for a message.</summary>
        public SourcePosition At => HeaderPosition(Header, Name);
    }

    private static List<Entry>? Parse(string name, byte[] header, DiagnosticBag diagnostics)
    {
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            diagnostics.Error("invalid-header", SourcePosition.WholeFile, "", $"the header of {name} is not UTF-8 text.", Fix);
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            diagnostics.Error("invalid-header", new SourcePosition((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), "",
                $"the header of {name} is not valid JSON: {e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]}", Fix);
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Error("invalid-header", new SourcePosition(1, 1), "", $"the header of {name} is not a JSON object of tensors.", Fix);
                return null;
            }

            var entries = new List<Entry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var failed = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (diagnostics.Count >= MaxErrors)
                {
                    diagnostics.Error("more-problems", SourcePosition.WholeFile, "", $"the header has more problems than the {MaxErrors} shown; the file is not read.", Fix);
                    break;
                }

                if (!names.Add(property.Name))
                {
                    diagnostics.Error("duplicate-tensor", HeaderPosition(header, property.Name), property.Name, "the header names this tensor twice.", Fix);
                    failed = true;
                    continue;
                }

                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind != JsonValueKind.Object || property.Value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                    {
                        diagnostics.Error("invalid-header", HeaderPosition(header, property.Name), "__metadata__", "__metadata__ must map names to strings.", Fix);
                        failed = true;
                    }

                    continue;
                }

                if (ReadEntry(property, header, diagnostics) is { } entry)
                {
                    entries.Add(entry);
                }
                else
                {
                    failed = true;
                }
            }

            return failed ? null : entries;
        }
    }

    private static Entry? ReadEntry(JsonProperty property, byte[] header, DiagnosticBag diagnostics)
    {
        var name = property.Name;
        var at = new Lazy<SourcePosition>(() => HeaderPosition(header, name));
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error("invalid-tensor-entry", at.Value, name, "a tensor entry must be an object {dtype, shape, data_offsets}.", Fix);
            return null;
        }

        var ok = true;
        foreach (var field in value.EnumerateObject().Where(f => f.Name is not ("dtype" or "shape" or "data_offsets")))
        {
            diagnostics.Error("invalid-tensor-entry", at.Value, name, $"unknown field '{field.Name}' in a tensor entry; only dtype, shape and data_offsets are allowed.", Fix);
            ok = false;
        }

        TensorDType? dtype = null;
        if (!value.TryGetProperty("dtype", out var d) || d.ValueKind != JsonValueKind.String)
        {
            diagnostics.Error("invalid-tensor-entry", at.Value, name, "the tensor has no dtype.", Fix);
            ok = false;
        }
        else if (!TensorDType.ByName.TryGetValue(d.GetString()!, out dtype))
        {
            diagnostics.Error("unknown-dtype", at.Value, name,
                $"unknown dtype '{d.GetString()}'; safetensors defines {string.Join(", ", TensorDType.ByName.Keys.Order(StringComparer.Ordinal))}.", Fix);
            ok = false;
        }

        var shape = ImmutableArray.CreateBuilder<long>();
        if (!value.TryGetProperty("shape", out var s) || s.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Error("invalid-tensor-entry", at.Value, name, "the tensor has no shape list.", Fix);
            ok = false;
        }
        else
        {
            foreach (var dim in s.EnumerateArray())
            {
                if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var n) || n < 0 || n > 1L << 40)
                {
                    diagnostics.Error("invalid-shape", at.Value, name, $"shape holds {dim.GetRawText()}, not a dimension between 0 and 2^40.", Fix);
                    ok = false;
                    break;
                }

                shape.Add(n);
            }
        }

        long begin = 0, end = 0;
        if (!value.TryGetProperty("data_offsets", out var o) || o.ValueKind != JsonValueKind.Array || o.GetArrayLength() != 2
            || o[0].ValueKind != JsonValueKind.Number || o[1].ValueKind != JsonValueKind.Number
            || !o[0].TryGetInt64(out begin) || !o[1].TryGetInt64(out end) || begin < 0 || end < begin)
        {
            diagnostics.Error("invalid-offsets", at.Value, name, "data_offsets must be two non-negative integers [begin, end] with begin ≤ end.", Fix);
            ok = false;
        }

        if (!ok || dtype is null)
        {
            return null;
        }

        var elements = System.Numerics.BigInteger.One;
        foreach (var n in shape)
        {
            elements *= n;
        }

        var bits = elements * dtype.Bits;
        if (bits % 8 != 0 || bits / 8 != end - begin)
        {
            diagnostics.Error("size-mismatch", at.Value, name,
                string.Create(CultureInfo.InvariantCulture, $"shape [{string.Join(", ", shape)}] of {dtype.Name} takes {bits / 8} bytes, but data_offsets give {end - begin}."), Fix);
            return null;
        }

        return new Entry(name, dtype, shape.ToImmutable(), begin, end, header);
    }

    /// <summary>The line and column of the key <paramref name="name"/> in the header, for located messages.</summary>
    private static SourcePosition HeaderPosition(byte[] header, string name)
    {
        var key = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(key))
        {
            writer.WriteStringValue(name);
        }

        var index = header.AsSpan().IndexOf(key.WrittenSpan);
        if (index < 0)
        {
            return new SourcePosition(1, 1);
        }

        var before = header.AsSpan(0, index);
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return new SourcePosition(line, index - lastNewline);
    }
}
