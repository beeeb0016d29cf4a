using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using TClass.Weights;

namespace TClass.Benchmarks;

/// <summary>A tensor of a synthetic checkpoint: its name and shape.</summary>
internal sealed record TensorSpec(string Name, long[] Shape)
{
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// Synthetic checkpoints shaped like real models — a 7B dense Llama and a 106B-parameter GLM-4.5-Air
/// style mixture of experts — written as BF16 safetensors shards of their full size. The files are
/// sparse: a 212 GB shard set takes no disk until written. Values are a pure function of (model,
/// tensor, element), so any region can be filled on its own: the harness runs the comparison, fills
/// every region it read, and repeats until a run reads nothing new. The measured run then reads
/// real values everywhere it looks — the comparison never knows the rest of the file is a hole.
/// </summary>
internal static class SparseCheckpoints
{
    /// <summary>Llama-2-7B: 32 blocks, hidden 4,096, MLP 11,008, vocabulary 32,000 (6.7B parameters).</summary>
    public static IReadOnlyList<TensorSpec> Dense7B() => Llama(layers: 32, hidden: 4096, intermediate: 11008, heads: 32, kvHeads: 32, headDim: 128, vocab: 32000);

    /// <summary>GLM-4.5-Air's shape: 46 blocks (the first dense), 128 experts of 1,408 and a shared one, hidden 4,096, vocabulary 151,552 (106B parameters).</summary>
    public static IReadOnlyList<TensorSpec> Moe100B()
    {
        const int hidden = 4096, vocab = 151552, layers = 46, experts = 128, expert = 1408, dense = 10944;
        var specs = new List<TensorSpec> { new("model.embed_tokens.weight", [vocab, hidden]) };
        for (var l = 0; l < layers; l++)
        {
            var p = $"model.layers.{l}.";
            specs.AddRange(Attention(p, hidden, heads: 96, kvHeads: 8, headDim: 128));
            if (l == 0)
            {
                specs.AddRange(Mlp(p + "mlp.", hidden, dense));
                continue;
            }

            specs.Add(new(p + "mlp.gate.weight", [experts, hidden]));
            specs.AddRange(Mlp(p + "mlp.shared_experts.", hidden, expert));
            for (var e = 0; e < experts; e++)
            {
                specs.AddRange(Mlp(p + $"mlp.experts.{e}.", hidden, expert));
            }
        }

        specs.Add(new("model.norm.weight", [hidden]));
        specs.Add(new("lm_head.weight", [vocab, hidden]));
        return specs;
    }

    /// <summary>Writes the header of every shard and sizes the files (sparse), plus the shard index and a config.json.</summary>
    public static void Create(string folder, IReadOnlyList<TensorSpec> specs, long shardBytes)
    {
        Directory.CreateDirectory(folder);
        var shards = new List<List<TensorSpec>> { new() };
        long size = 0;
        foreach (var spec in specs)
        {
            if (size > 0 && size + spec.Elements * 2 > shardBytes)
            {
                shards.Add([]);
                size = 0;
            }

            shards[^1].Add(spec);
            size += spec.Elements * 2;
        }

        var index = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Span<byte> length = stackalloc byte[8];
        for (var s = 0; s < shards.Count; s++)
        {
            var name = $"model-{s + 1:00000}-of-{shards.Count:00000}.safetensors";
            var header = new Dictionary<string, object>(StringComparer.Ordinal);
            long offset = 0;
            foreach (var spec in shards[s])
            {
                header[spec.Name] = new { dtype = "BF16", shape = spec.Shape, data_offsets = new[] { offset, offset + spec.Elements * 2 } };
                offset += spec.Elements * 2;
                index[spec.Name] = name;
            }

            var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
            var padded = (json.Length + 7) / 8 * 8;
            using var file = File.Create(Path.Combine(folder, name));
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            file.Write(length);
            file.Write(json);
            file.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
            file.SetLength(8 + padded + offset);
        }

        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), JsonSerializer.Serialize(new { metadata = new { }, weight_map = index }));
    }

    /// <summary>
    /// Runs the comparison of <paramref name="model"/> with <paramref name="reference"/> until it reads
    /// only regions already filled; fills each new region with the values of <paramref name="value"/>.
    /// Returns the number of rounds.
    /// </summary>
    public static int FillWhereRead(string model, string reference, Func<string, string, long, float> value)
    {
        var filled = new HashSet<(string, long, int)>();
        var headers = new Dictionary<string, List<(string Name, long Begin, long End)>>(StringComparer.Ordinal);
        for (var round = 1; round <= 8; round++)
        {
            var wanted = new HashSet<(string File, long Offset, int Length)>();
            WeightLineage.Compare(model, [reference], null, (file, offset, length) =>
            {
                lock (wanted)
                {
                    wanted.Add((file, offset, length));
                }
            });
            wanted.ExceptWith(filled);
            if (wanted.Count == 0)
            {
                return round;
            }

            foreach (var region in wanted)
            {
                Fill(region.File, region.Offset, region.Length, value, headers);
                filled.Add(region);
            }
        }

        throw new InvalidOperationException("the comparison kept reading new regions");
    }

    /// <summary>Values of a base model: Gaussian weights of spread 0.02, norms near 1.</summary>
    public static float Base(string tensor, long element) =>
        tensor.EndsWith("norm.weight", StringComparison.Ordinal) ? (float)(1 + 0.05 * Normal(tensor, element, 1)) : (float)(0.02 * Normal(tensor, element, 1));

    /// <summary>Values of a light fine-tune of <see cref="Base"/>.</summary>
    public static float FineTune(string tensor, long element) =>
        Base(tensor, element) + (float)((tensor.EndsWith("norm.weight", StringComparison.Ordinal) ? 0.05 : 0.02) * 0.05 * Normal(tensor, element, 2));

    /// <summary>Values of an independent model.</summary>
    public static float Independent(string tensor, long element) =>
        tensor.EndsWith("norm.weight", StringComparison.Ordinal) ? (float)(1 + 0.05 * Normal(tensor, element, 3)) : (float)(0.02 * Normal(tensor, element, 3));

    private static void Fill(string path, long offset, int length, Func<string, string, long, float> value, Dictionary<string, List<(string Name, long Begin, long End)>> cache)
    {
        var folder = Path.GetDirectoryName(path)!;
        var headers = cache.TryGetValue(path, out var known) ? known : cache[path] = Headers(path);
        var buffer = new byte[length];
        foreach (var (name, begin, end) in headers)
        {
            var from = Math.Max(begin, offset);
            var to = Math.Min(end, offset + length);
            for (var at = from; at < to; at += 2)
            {
                var v = value(folder, name, (at - begin) / 2);
                BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan((int)(at - offset), 2), (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16));
            }
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(buffer);
    }

    private static List<(string Name, long Begin, long End)> Headers(string path)
    {
        {
            using var file = File.OpenRead(path);
            Span<byte> length = stackalloc byte[8];
            file.ReadExactly(length);
            var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(length);
            var json = new byte[size];
            file.ReadExactly(json);
            using var document = JsonDocument.Parse(json);
            var list = document.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__")
                .Select(p => (p.Name, 8 + size + p.Value.GetProperty("data_offsets")[0].GetInt64(), 8 + size + p.Value.GetProperty("data_offsets")[1].GetInt64())).ToList();
            return list;
        }
    }

    private static double Normal(string tensor, long element, int stream)
    {
        Span<byte> key = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(key, element);
        BinaryPrimitives.WriteInt32LittleEndian(key[8..], stream);
        var seed = (long)XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(tensor));
        var h = XxHash3.HashToUInt64(key, seed);
        var u1 = ((h >> 11) + 1) / (double)(1UL << 53);
        var u2 = (XxHash3.HashToUInt64(key, seed ^ 0x5bd1e995) >> 11) / (double)(1UL << 53);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static List<TensorSpec> Llama(int layers, int hidden, int intermediate, int heads, int kvHeads, int headDim, int vocab)
    {
        var specs = new List<TensorSpec> { new("model.embed_tokens.weight", [vocab, hidden]) };
        for (var l = 0; l < layers; l++)
        {
            specs.AddRange(Attention($"model.layers.{l}.", hidden, heads, kvHeads, headDim));
            specs.AddRange(Mlp($"model.layers.{l}.mlp.", hidden, intermediate));
        }

        specs.Add(new("model.norm.weight", [hidden]));
        specs.Add(new("lm_head.weight", [vocab, hidden]));
        return specs;
    }

    private static IEnumerable<TensorSpec> Attention(string p, int hidden, int heads, int kvHeads, int headDim) =>
    [
        new(p + "input_layernorm.weight", [hidden]),
        new(p + "self_attn.q_proj.weight", [heads * headDim, hidden]),
        new(p + "self_attn.k_proj.weight", [kvHeads * headDim, hidden]),
        new(p + "self_attn.v_proj.weight", [kvHeads * headDim, hidden]),
        new(p + "self_attn.o_proj.weight", [hidden, heads * headDim]),
        new(p + "post_attention_layernorm.weight", [hidden]),
    ];

    private static IEnumerable<TensorSpec> Mlp(string p, int hidden, int intermediate) =>
    [
        new(p + "gate_proj.weight", [intermediate, hidden]),
        new(p + "up_proj.weight", [intermediate, hidden]),
        new(p + "down_proj.weight", [hidden, intermediate]),
    ];
}
