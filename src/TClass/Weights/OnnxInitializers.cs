using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TClass.Diagnostics;

namespace TClass.Weights;

/// <summary>
/// The weights of an ONNX model: the graph's initializers, read with the ONNX protobuf messages of
/// OnnxSharp (Google.Protobuf underneath). Exporters often rename a Linear layer's weight after the
/// MatMul node that uses it (<c>onnx::MatMul_788</c>) and store it transposed (<c>[in, out]</c>);
/// such a weight gets its layer's name back from the bias added to the MatMul's output
/// (<c>encoder.layer.0.attention.self.query.bias</c> → <c>….query.weight</c>) and is read transposed.
/// A weight whose name cannot be recovered keeps the exporter's and is listed under <c>other</c>.
/// Initializers stored as external data are mapped from their file like safetensors.
/// </summary>
internal static class OnnxInitializers
{
    /// <summary>The largest ONNX file read: protobuf messages cannot exceed 2 GiB.</summary>
    public const long MaxOnnxFile = int.MaxValue;

    private const string Fix = "Re-export the model; an ONNX file is a protobuf ModelProto whose graph holds the weights as initializers.";

    /// <summary>A parsed model's tensors, the in-memory blob of their raw bytes, and the tensors stored as external data.</summary>
    public sealed record Initializers(ImmutableArray<WeightTensor> Tensors, ReadOnlyMemory<byte> Blob, ImmutableArray<(WeightTensor Tensor, string Location, long Offset, long Length)> External);

    /// <summary>Reads the initializers of the ONNX model <paramref name="bytes"/> (the file <paramref name="name"/>).</summary>
    public static Initializers? Read(string name, byte[] bytes, int storage, DiagnosticBag diagnostics)
    {
        ModelProto model;
        try
        {
            var input = new CodedInputStream(bytes);
            model = ModelProto.Parser.ParseFrom(input);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidOperationException or ArgumentException)
        {
            diagnostics.Error("invalid-onnx", SourcePosition.WholeFile, "", $"{name} is not an ONNX model: its bytes do not parse as one (the file is truncated, damaged or of another kind).", Fix);
            return null;
        }

        if (model.Graph is null || model.Graph.Initializer.Count == 0)
        {
            diagnostics.Error("invalid-onnx", SourcePosition.WholeFile, "", $"{name} holds no graph initializers, so no weights.", Fix);
            return null;
        }

        var names = RecoveredNames(model.Graph);
        using var blob = new MemoryStream(model.Graph.Initializer.Sum(i => i.RawData.Length));
        var tensors = ImmutableArray.CreateBuilder<WeightTensor>();
        var external = ImmutableArray.CreateBuilder<(WeightTensor, string, long, long)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var initializer in model.Graph.Initializer)
        {
            var (tensorName, transposed) = names.TryGetValue(initializer.Name, out var recovered) ? recovered : (initializer.Name, false);
            if (!seen.Add(tensorName))
            {
                diagnostics.Error("duplicate-tensor", SourcePosition.WholeFile, tensorName, $"{name} holds two initializers named {tensorName}.", Fix);
                continue;
            }

            if (DType(initializer.DataType) is not { } dtype)
            {
                diagnostics.Error("unknown-dtype", SourcePosition.WholeFile, tensorName,
                    string.Create(CultureInfo.InvariantCulture, $"initializer {initializer.Name} has ONNX data type {initializer.DataType}, which TClass does not know."), Fix);
                continue;
            }

            if (initializer.Dims.Any(d => d < 0 || d > 1L << 40))
            {
                diagnostics.Error("invalid-shape", SourcePosition.WholeFile, tensorName, $"initializer {initializer.Name} has a dimension outside 0 … 2^40.", Fix);
                continue;
            }

            var shape = initializer.Dims.ToImmutableArray();
            var elements = shape.Aggregate(System.Numerics.BigInteger.One, (a, b) => a * b);
            var expected = elements * dtype.Bits / 8;
            transposed &= shape.Length == 2;
            var tensor = new WeightTensor(tensorName, dtype, shape, name, transposed) { Storage = storage, ByteLength = (long)expected };
            if (initializer.DataLocation == TensorProto.Types.DataLocation.External)
            {
                var entries = initializer.ExternalData.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
                if (!entries.TryGetValue("location", out var location) || location.Length == 0)
                {
                    diagnostics.Error("invalid-external-data", SourcePosition.WholeFile, tensorName, $"initializer {initializer.Name} is stored outside the model but names no file.", Fix);
                    continue;
                }

                var offset = entries.TryGetValue("offset", out var o) && long.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedOffset) ? parsedOffset : 0;
                var length = entries.TryGetValue("length", out var l) && long.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedLength) ? parsedLength : (long)expected;
                if (length != expected)
                {
                    diagnostics.Error("size-mismatch", SourcePosition.WholeFile, tensorName,
                        string.Create(CultureInfo.InvariantCulture, $"shape [{string.Join(", ", shape)}] of {dtype.Name} takes {expected} bytes, but the external data gives {length}."), Fix);
                    continue;
                }

                external.Add((tensor, location, offset, length));
                continue;
            }

            var data = initializer.RawData.IsEmpty ? Typed(initializer, dtype) : initializer.RawData.Memory;
            if (data is null || data.Value.Length != expected)
            {
                diagnostics.Error("size-mismatch", SourcePosition.WholeFile, tensorName,
                    string.Create(CultureInfo.InvariantCulture, $"shape [{string.Join(", ", shape)}] of {dtype.Name} takes {expected} bytes, but the initializer holds {data?.Length ?? 0}."), Fix);
                continue;
            }

            tensors.Add(tensor with { Offset = blob.Position });
            blob.Write(data.Value.Span);
        }

        return new Initializers(tensors.ToImmutable(), blob.GetBuffer().AsMemory(0, (int)blob.Length), external.ToImmutable());
    }

    /// <summary>The raw little-endian bytes of an initializer whose exporter used a typed field instead of raw_data.</summary>
    private static ReadOnlyMemory<byte>? Typed(TensorProto t, TensorDType dtype) =>
        dtype.Name switch
        {
            "F32" => MemoryMarshal.AsBytes(t.FloatData.ToArray().AsSpan()).ToArray(),
            "F64" => MemoryMarshal.AsBytes(t.DoubleData.ToArray().AsSpan()).ToArray(),
            "F16" or "BF16" or "U16" or "I16" => MemoryMarshal.AsBytes(t.Int32Data.Select(v => (ushort)v).ToArray().AsSpan()).ToArray(),
            "I64" => MemoryMarshal.AsBytes(t.Int64Data.ToArray().AsSpan()).ToArray(),
            "I32" => MemoryMarshal.AsBytes(t.Int32Data.ToArray().AsSpan()).ToArray(),
            "I8" or "U8" or "BOOL" => [.. t.Int32Data.Select(v => (byte)v)],
            _ => null,
        };

    private static TensorDType? DType(int onnxType) => (TensorProto.Types.DataType)onnxType switch
    {
        TensorProto.Types.DataType.Float => TensorDType.F32,
        TensorProto.Types.DataType.Float16 => TensorDType.F16,
        TensorProto.Types.DataType.Bfloat16 => TensorDType.BF16,
        TensorProto.Types.DataType.Double => TensorDType.F64,
        TensorProto.Types.DataType.Uint8 => TensorDType.ByName["U8"],
        TensorProto.Types.DataType.Int8 => TensorDType.ByName["I8"],
        TensorProto.Types.DataType.Uint16 => TensorDType.ByName["U16"],
        TensorProto.Types.DataType.Int16 => TensorDType.ByName["I16"],
        TensorProto.Types.DataType.Int32 => TensorDType.ByName["I32"],
        TensorProto.Types.DataType.Int64 => TensorDType.ByName["I64"],
        TensorProto.Types.DataType.Uint32 => TensorDType.ByName["U32"],
        TensorProto.Types.DataType.Uint64 => TensorDType.ByName["U64"],
        TensorProto.Types.DataType.Bool => TensorDType.ByName["BOOL"],
        TensorProto.Types.DataType.Float8E4M3Fn or TensorProto.Types.DataType.Float8E4M3Fnuz => TensorDType.ByName["F8_E4M3"],
        TensorProto.Types.DataType.Float8E5M2 or TensorProto.Types.DataType.Float8E5M2Fnuz => TensorDType.ByName["F8_E5M2"],
        TensorProto.Types.DataType.Uint4 => TensorDType.ByName["U4"],
        TensorProto.Types.DataType.Int4 => TensorDType.ByName["I4"],
        TensorProto.Types.DataType.Float4E2M1 => TensorDType.ByName["F4"],
        _ => null,
    };

    /// <summary>
    /// Names recovered for anonymous Linear weights: a MatMul (or Gemm) whose weight input is an
    /// initializer, followed by an Add of an initializer named <c>….bias</c>, is that layer.
    /// </summary>
    private static Dictionary<string, (string Name, bool Transposed)> RecoveredNames(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var consumers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(x => x.Input, x => x.Node, StringComparer.Ordinal);
        var names = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        var taken = new HashSet<string>(initializers, StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            string? weight = null, bias = null;
            var transposed = true;
            if (node.OpType == "MatMul" && node.Input.Count == 2 && initializers.Contains(node.Input[1]) && node.Output.Count == 1)
            {
                weight = node.Input[1];
                bias = consumers[node.Output[0]].Where(n => n.OpType == "Add")
                    .SelectMany(n => n.Input).FirstOrDefault(i => i != node.Output[0] && initializers.Contains(i) && i.EndsWith(".bias", StringComparison.Ordinal));
            }
            else if (node.OpType == "Gemm" && node.Input.Count == 3 && initializers.Contains(node.Input[1]) && initializers.Contains(node.Input[2]))
            {
                weight = node.Input[1];
                bias = node.Input[2].EndsWith(".bias", StringComparison.Ordinal) ? node.Input[2] : null;
                transposed = !node.Attribute.Any(a => a.Name == "transB" && a.I == 1);
            }

            if (weight is null || names.ContainsKey(weight))
            {
                continue;
            }

            if (weight.EndsWith(".weight", StringComparison.Ordinal))
            {
                // A named weight keeps its name; a MatMul still stores it [in, out].
                names[weight] = (weight, transposed);
                continue;
            }

            if (bias is null)
            {
                continue;
            }

            var recovered = bias[..^".bias".Length] + ".weight";
            if (taken.Add(recovered))
            {
                names[weight] = (recovered, transposed);
            }
        }

        return names;
    }
}
