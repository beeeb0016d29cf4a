using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace TClass.Tests.Weights;

/// <summary>The shape of a synthetic decoder model named like Llama / Qwen2 on the Hugging Face Hub.</summary>
public sealed record ModelShape(int Layers = 6, int Hidden = 64, int Intermediate = 176, int Heads = 4, int Vocab = 512, int Experts = 0, int VisionLayers = 0, int VisionHidden = 48);

/// <summary>
/// Synthetic checkpoints generated deterministically from a seed: weights drawn like an
/// initialisation (Gaussian, norms near 1), and the transformations that make a derived model —
/// fine-tuning, continued pre-training, permutations that keep the function, depth up-scaling,
/// pruning, merging, vocabulary expansion, a borrowed vision tower. Written as safetensors (any
/// element type, sharded or not) for <c>tclass weights</c> to read like a downloaded model.
/// </summary>
public sealed class SyntheticModel
{
    private readonly SortedDictionary<string, (long[] Shape, float[] Data)> _tensors;

    private SyntheticModel(SortedDictionary<string, (long[] Shape, float[] Data)> tensors) => _tensors = tensors;

    public IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Tensors => _tensors;

    public int Layers => _tensors.Keys.Where(k => k.StartsWith("model.layers.", StringComparison.Ordinal)).Select(k => int.Parse(k.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;

    /// <summary>A model initialised at random. <paramref name="normSpread"/> is the spread of the norm weights around 1.</summary>
    public static SyntheticModel Random(ModelShape shape, int seed, double normSpread = 0.05)
    {
        var random = new Random(seed);
        var tensors = new SortedDictionary<string, (long[], float[])>(StringComparer.Ordinal);
        void Matrix(string name, int rows, int columns, double std = 0.02) => tensors[name] = ([rows, columns], Gaussian(random, rows * columns, 0, std));
        void Norm(string name, int size) => tensors[name] = ([size], Gaussian(random, size, 1, normSpread));
        var d = shape.Hidden;
        var headDim = d / shape.Heads;
        Matrix("model.embed_tokens.weight", shape.Vocab, d);
        for (var l = 0; l < shape.Layers; l++)
        {
            var p = $"model.layers.{l}.";
            Norm(p + "input_layernorm.weight", d);
            Matrix(p + "self_attn.q_proj.weight", shape.Heads * headDim, d);
            Matrix(p + "self_attn.k_proj.weight", shape.Heads * headDim, d);
            Matrix(p + "self_attn.v_proj.weight", shape.Heads * headDim, d);
            Matrix(p + "self_attn.o_proj.weight", d, shape.Heads * headDim);
            Norm(p + "post_attention_layernorm.weight", d);
            if (shape.Experts > 0)
            {
                Matrix(p + "mlp.gate.weight", shape.Experts, d);
                for (var e = 0; e < shape.Experts; e++)
                {
                    Matrix(p + $"mlp.experts.{e}.gate_proj.weight", shape.Intermediate, d);
                    Matrix(p + $"mlp.experts.{e}.up_proj.weight", shape.Intermediate, d);
                    Matrix(p + $"mlp.experts.{e}.down_proj.weight", d, shape.Intermediate);
                }
            }
            else
            {
                Matrix(p + "mlp.gate_proj.weight", shape.Intermediate, d);
                Matrix(p + "mlp.up_proj.weight", shape.Intermediate, d);
                Matrix(p + "mlp.down_proj.weight", d, shape.Intermediate);
            }
        }

        Norm("model.norm.weight", d);
        Matrix("lm_head.weight", shape.Vocab, d);
        if (shape.VisionLayers > 0)
        {
            var v = shape.VisionHidden;
            tensors["visual.patch_embed.proj.weight"] = ([v, 3, 2, 8, 8], Gaussian(random, v * 3 * 2 * 8 * 8, 0, 0.02));
            for (var l = 0; l < shape.VisionLayers; l++)
            {
                var p = $"visual.blocks.{l}.";
                Norm(p + "norm1.weight", v);
                Matrix(p + "attn.qkv.weight", 3 * v, v);
                Matrix(p + "attn.proj.weight", v, v);
                Norm(p + "norm2.weight", v);
                Matrix(p + "mlp.fc1.weight", 4 * v, v);
                Matrix(p + "mlp.fc2.weight", v, 4 * v);
            }

            Matrix("visual.merger.mlp.0.weight", 4 * v, 4 * v);
            Matrix("visual.merger.mlp.2.weight", d, 4 * v);
        }

        return new SyntheticModel(tensors);
    }

    /// <summary>Every weight moved by Gaussian noise of <paramref name="relative"/> times its tensor's spread (fine-tuning, continued pre-training).</summary>
    public SyntheticModel Train(double relative, int seed)
    {
        var random = new Random(seed);
        return Map((_, _, data) =>
        {
            var std = Std(data);
            var result = new float[data.Length];
            for (var i = 0; i < data.Length; i++)
            {
                result[i] = (float)(data[i] + relative * std * Normal(random));
            }

            return result;
        });
    }

    /// <summary>
    /// The same function with the residual stream, the MLP hidden units and the attention heads
    /// permuted: every matrix and norm is rearranged so that the model computes exactly what it did.
    /// </summary>
    public SyntheticModel Permute(int seed, int heads)
    {
        var random = new Random(seed);
        var d = _tensors["model.embed_tokens.weight"].Shape[1];
        var residual = Permutation(random, (int)d);
        var tensors = new SortedDictionary<string, (long[], float[])>(StringComparer.Ordinal);
        var unitPermutations = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int[] Units(string key, int size) => unitPermutations.TryGetValue(key, out var p) ? p : unitPermutations[key] = Permutation(random, size);
        int[] HeadOrder(string key, int size)
        {
            if (unitPermutations.TryGetValue(key, out var p))
            {
                return p;
            }

            var headDim = size / heads;
            var order = Permutation(random, heads);
            return unitPermutations[key] = [.. Enumerable.Range(0, size).Select(i => order[i / headDim] * headDim + i % headDim)];
        }

        foreach (var (name, (shape, data)) in _tensors)
        {
            if (name.StartsWith("visual.", StringComparison.Ordinal))
            {
                tensors[name] = (shape, data);
                continue;
            }

            var rows = (int)shape[0];
            var columns = shape.Length > 1 ? (int)shape[1] : 1;
            var layer = name.StartsWith("model.layers.", StringComparison.Ordinal) ? string.Join('.', name.Split('.').Take(3)) : "";
            var expert = name.Contains(".experts.", StringComparison.Ordinal) ? string.Join('.', name.Split('.').Take(6)) : layer + ".mlp";
            int[]? rowOrder = null, columnOrder = null;
            if (shape.Length == 1)
            {
                rowOrder = residual;
            }
            else if (name.EndsWith("embed_tokens.weight", StringComparison.Ordinal) || name.EndsWith("lm_head.weight", StringComparison.Ordinal))
            {
                columnOrder = residual;
            }
            else if (name.Contains("q_proj", StringComparison.Ordinal) || name.Contains("k_proj", StringComparison.Ordinal) || name.Contains("v_proj", StringComparison.Ordinal))
            {
                (rowOrder, columnOrder) = (HeadOrder(layer + ".heads", rows), residual);
            }
            else if (name.Contains("o_proj", StringComparison.Ordinal))
            {
                (rowOrder, columnOrder) = (residual, HeadOrder(layer + ".heads", columns));
            }
            else if (name.Contains("gate_proj", StringComparison.Ordinal) || name.Contains("up_proj", StringComparison.Ordinal))
            {
                (rowOrder, columnOrder) = (Units(expert, rows), residual);
            }
            else if (name.Contains("down_proj", StringComparison.Ordinal))
            {
                (rowOrder, columnOrder) = (residual, Units(expert, columns));
            }
            else if (name.EndsWith("mlp.gate.weight", StringComparison.Ordinal))
            {
                columnOrder = residual;
            }
            else if (name.StartsWith("visual.merger.mlp.2", StringComparison.Ordinal))
            {
                rowOrder = residual;
            }

            var result = new float[data.Length];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    result[r * columns + c] = data[(rowOrder?[r] ?? r) * columns + (columnOrder?[c] ?? c)];
                }
            }

            tensors[name] = (shape, result);
        }

        return new SyntheticModel(tensors);
    }

    /// <summary>A deeper model whose blocks are copies of this model's blocks <paramref name="sources"/> (depth up-scaling, layer copying).</summary>
    public SyntheticModel Blocks(params int[] sources)
    {
        var tensors = new SortedDictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (name, value) in _tensors.Where(t => !t.Key.StartsWith("model.layers.", StringComparison.Ordinal)))
        {
            tensors[name] = value;
        }

        for (var l = 0; l < sources.Length; l++)
        {
            var prefix = $"model.layers.{sources[l]}.";
            foreach (var (name, value) in _tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                tensors[$"model.layers.{l}." + name[prefix.Length..]] = (value.Shape, (float[])value.Data.Clone());
            }
        }

        return new SyntheticModel(tensors);
    }

    /// <summary>
    /// Width pruning: each MLP keeps the hidden units <paramref name="keep"/> (rows of gate and up,
    /// columns of down), and the residual stream keeps the dimensions <paramref name="residual"/>
    /// (all of them when null) in every matrix, norm and embedding.
    /// </summary>
    public SyntheticModel PruneWidth(int[] keep, int[]? residual = null)
    {
        var tensors = new SortedDictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (name, (shape, data)) in _tensors)
        {
            var rows = (int)shape[0];
            var columns = shape.Length > 1 ? (int)shape[1] : 1;
            int[]? rowKeep = null, columnKeep = null;
            if (name.StartsWith("visual.", StringComparison.Ordinal))
            {
                tensors[name] = (shape, data);
                continue;
            }

            if (shape.Length == 1)
            {
                rowKeep = residual;
            }
            else if (name.Contains("gate_proj", StringComparison.Ordinal) || name.Contains("up_proj", StringComparison.Ordinal))
            {
                (rowKeep, columnKeep) = (keep, residual);
            }
            else if (name.Contains("down_proj", StringComparison.Ordinal))
            {
                (rowKeep, columnKeep) = (residual, keep);
            }
            else if (name.Contains("o_proj", StringComparison.Ordinal))
            {
                rowKeep = residual;
            }
            else
            {
                columnKeep = residual;
            }

            var r = rowKeep ?? [.. Enumerable.Range(0, rows)];
            var c = columnKeep ?? [.. Enumerable.Range(0, columns)];
            var result = new float[r.Length * c.Length];
            for (var i = 0; i < r.Length; i++)
            {
                for (var j = 0; j < c.Length; j++)
                {
                    result[i * c.Length + j] = data[r[i] * columns + c[j]];
                }
            }

            tensors[name] = (shape.Length == 1 ? [r.Length] : [r.Length, c.Length], result);
        }

        return new SyntheticModel(tensors);
    }

    /// <summary>A linear interpolation (1 − t)·this + t·other of two models of one shape (a merge).</summary>
    public SyntheticModel Merge(SyntheticModel other, double t) =>
        Map((name, _, data) => [.. data.Select((v, i) => (float)((1 - t) * v + t * other._tensors[name].Data[i]))]);

    /// <summary>The embeddings and output head grown by <paramref name="rows"/> new rows (vocabulary expansion).</summary>
    public SyntheticModel ExpandVocabulary(int rows, int seed)
    {
        var random = new Random(seed);
        var tensors = new SortedDictionary<string, (long[], float[])>(_tensors, StringComparer.Ordinal);
        foreach (var name in new[] { "model.embed_tokens.weight", "lm_head.weight" })
        {
            var (shape, data) = _tensors[name];
            tensors[name] = ([shape[0] + rows, shape[1]], [.. data, .. Gaussian(random, rows * (int)shape[1], 0, Std(data))]);
        }

        return new SyntheticModel(tensors);
    }

    /// <summary>
    /// The same model with its vocabulary re-indexed: row j of the embeddings and output head is the
    /// old row <c>order[j]</c>. Write the matching vocab.txt with <see cref="WriteVocabulary"/>.
    /// </summary>
    public SyntheticModel ReindexVocabulary(int[] order)
    {
        var tensors = new SortedDictionary<string, (long[], float[])>(_tensors, StringComparer.Ordinal);
        foreach (var name in new[] { "model.embed_tokens.weight", "lm_head.weight" })
        {
            var (shape, data) = _tensors[name];
            var columns = (int)shape[1];
            var result = new float[data.Length];
            for (var j = 0; j < order.Length; j++)
            {
                Array.Copy(data, order[j] * columns, result, j * columns, columns);
            }

            tensors[name] = (shape, result);
        }

        return new SyntheticModel(tensors);
    }

    /// <summary>Writes a WordPiece vocab.txt whose line j is the token <c>t{order[j]}</c>.</summary>
    public static void WriteVocabulary(string folder, IEnumerable<int> order) =>
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), order.Select(i => "t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>This model with the vision tower and projector of <paramref name="donor"/>.</summary>
    public SyntheticModel WithVisionOf(SyntheticModel donor)
    {
        var tensors = new SortedDictionary<string, (long[], float[])>(_tensors.Where(t => !t.Key.StartsWith("visual.", StringComparison.Ordinal)).ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in donor._tensors.Where(t => t.Key.StartsWith("visual.", StringComparison.Ordinal)))
        {
            tensors[name] = value;
        }

        return new SyntheticModel(tensors);
    }

    /// <summary>This model with the tensor <paramref name="name"/> added or replaced.</summary>
    public SyntheticModel With(string name, long[] shape, float[] data) =>
        new(new SortedDictionary<string, (long[], float[])>(_tensors, StringComparer.Ordinal) { [name] = (shape, data) });

    /// <summary>This model without the tensor <paramref name="name"/>.</summary>
    public SyntheticModel Without(string name)
    {
        var tensors = new SortedDictionary<string, (long[], float[])>(_tensors, StringComparer.Ordinal);
        tensors.Remove(name);
        return new SyntheticModel(tensors);
    }

    /// <summary>Writes the model as safetensors into <paramref name="folder"/>: one file, or <paramref name="shards"/> shards with an index.</summary>
    public void Write(string folder, string dtype = "F32", int shards = 1, Func<string, string>? dtypeOf = null)
    {
        Directory.CreateDirectory(folder);
        var names = _tensors.Keys.ToList();
        var perShard = (names.Count + shards - 1) / shards;
        var index = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var s = 0; s < shards; s++)
        {
            var file = shards == 1 ? "model.safetensors" : $"model-{s + 1:00000}-of-{shards:00000}.safetensors";
            var part = names.Skip(s * perShard).Take(perShard).ToList();
            Safetensors.Write(Path.Combine(folder, file), part.Select(n => (n, dtypeOf?.Invoke(n) ?? dtype, _tensors[n].Shape, _tensors[n].Data)));
            foreach (var name in part)
            {
                index[name] = file;
            }
        }

        if (shards > 1)
        {
            File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), JsonSerializer.Serialize(new { metadata = new { total_size = 0 }, weight_map = index }));
        }
    }

    private SyntheticModel Map(Func<string, long[], float[], float[]> transform) =>
        new(new SortedDictionary<string, (long[], float[])>(_tensors.ToDictionary(t => t.Key, t => (t.Value.Shape, transform(t.Key, t.Value.Shape, t.Value.Data))), StringComparer.Ordinal));

    private static int[] Permutation(Random random, int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        return order;
    }

    private static float[] Gaussian(Random random, int count, double mean, double std)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(mean + std * Normal(random));
        }

        return values;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Std(float[] data)
    {
        var mean = data.Average(v => (double)v);
        return Math.Sqrt(data.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, data.Length - 1));
    }
}

/// <summary>Writes safetensors files the way the reference implementation lays them out.</summary>
public static class Safetensors
{
    public static void Write(string path, IEnumerable<(string Name, string DType, long[] Shape, float[] Data)> tensors)
    {
        var list = tensors.ToList();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        var data = new MemoryStream();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var (name, dtype, shape, values) in list)
        {
            var begin = data.Position;
            foreach (var v in values)
            {
                switch (dtype)
                {
                    case "F32":
                        BinaryPrimitives.WriteSingleLittleEndian(bytes, v);
                        data.Write(bytes);
                        break;
                    case "F16":
                        BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)v);
                        data.Write(bytes[..2]);
                        break;
                    case "BF16":
                        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16));
                        data.Write(bytes[..2]);
                        break;
                    case "F8_E4M3":
                        data.WriteByte(0x38);
                        break;
                    default:
                        throw new ArgumentException(dtype);
                }
            }

            header[name] = new { dtype, shape, data_offsets = new[] { begin, data.Position } };
        }

        header["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" };
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = (json.Length + 7) / 8 * 8;
        using var file = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        file.Write(length);
        file.Write(json);
        for (var i = json.Length; i < padded; i++)
        {
            file.WriteByte((byte)' ');
        }

        data.Position = 0;
        data.CopyTo(file);
    }
}
