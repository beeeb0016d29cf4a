using System.Buffers.Binary;
using System.Text;
using TClass.Tests.Cli;
using TClass.Weights;

namespace TClass.Tests.Weights;

/// <summary>Edge cases of real checkpoints: tiny models, buffers, tied or short heads, odd tokenizers, copies in another dtype.</summary>
[Collection(CliCollection.Name)]
public sealed class EdgeCaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tclass-weights-edges-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, SyntheticModel model, string dtype = "F32")
    {
        var folder = Path.Combine(_root, name);
        model.Write(folder, dtype);
        return folder;
    }

    private static WeightComparison Compare(string model, string reference)
    {
        var result = WeightLineage.Compare(model, [reference]);
        Assert.True(result.Report is not null, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Report!.Comparisons);
    }

    [Theory]
    [InlineData(16, 64, 2, 100)]
    [InlineData(24, 64, 2, 200)]
    [InlineData(32, 64, 4, 256)]
    [InlineData(32, 86, 2, 256)]
    public void Tiny_independent_models_are_independent_and_tiny_fine_tunes_derived(int hidden, int intermediate, int layers, int vocab)
    {
        var shape = new ModelShape(Layers: layers, Hidden: hidden, Intermediate: intermediate, Heads: 4, Vocab: vocab);
        var parent = SyntheticModel.Random(shape, 1);
        var reference = Write($"parent-{hidden}-{intermediate}", parent);
        Assert.Equal(LineageRelation.Independent, Compare(Write($"other-{hidden}-{intermediate}", SyntheticModel.Random(shape, 2)), reference).Relation);
        Assert.Equal(LineageRelation.Derived, Compare(Write($"child-{hidden}-{intermediate}", parent.Train(0.05, 3)), reference).Relation);
    }

    [Fact]
    public void Identical_rotary_buffers_do_not_make_independent_models_derived()
    {
        var inverse = Enumerable.Range(0, 8).Select(i => (float)Math.Pow(10000, -i / 8.0)).ToArray();
        SyntheticModel WithRotary(int seed) => Enumerable.Range(0, 6).Aggregate(SyntheticModel.Random(new ModelShape(), seed),
            (m, l) => m.With($"model.layers.{l}.self_attn.rotary_emb.inv_freq", [8], inverse));
        var result = Compare(Write("a", WithRotary(1)), Write("b", WithRotary(2)));
        Assert.Equal(LineageRelation.Independent, result.Relation);
        Assert.Contains(result.NotCompared, n => n.Tensor.EndsWith("inv_freq", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tied_model_without_an_output_head_is_compared_through_its_embeddings()
    {
        var parent = SyntheticModel.Random(new ModelShape(), 1).Without("lm_head.weight");
        Assert.Equal("fine-tune", Compare(Write("child", parent.Train(0.05, 2)), Write("parent", parent)).Kind);
        Assert.Equal(LineageRelation.Independent, Compare(Write("other", SyntheticModel.Random(new ModelShape(), 3).Without("lm_head.weight")), Write("parent2", parent)).Relation);
    }

    [Fact]
    public void An_output_head_shorter_than_the_embeddings_is_read_within_its_rows()
    {
        var parent = SyntheticModel.Random(new ModelShape(), 1).ExpandVocabulary(64, 5);
        var (shape, data) = parent.Tensors["lm_head.weight"];
        var shortHead = parent.With("lm_head.weight", [512, shape[1]], data[..(512 * (int)shape[1])]);
        var result = Compare(Write("child", shortHead.Train(0.05, 2)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
    }

    [Fact]
    public void A_copy_in_bf16_of_f32_weights_is_identical()
    {
        var parent = SyntheticModel.Random(new ModelShape(), 1);
        Assert.Equal("identical", Compare(Write("copy", parent, "BF16"), Write("parent", parent)).Kind);
    }

    [Fact]
    public void Tokenizers_with_no_tokens_in_common_fall_back_to_rows_by_index()
    {
        var parent = SyntheticModel.Random(new ModelShape(), 1);
        var child = Write("child", parent.Train(0.05, 2));
        var reference = Write("parent", parent);
        File.WriteAllLines(Path.Combine(child, "vocab.txt"), Enumerable.Range(0, 512).Select(i => "a" + i));
        File.WriteAllLines(Path.Combine(reference, "vocab.txt"), Enumerable.Range(0, 512).Select(i => "b" + i));
        Assert.Equal("fine-tune", Compare(child, reference).Kind);
    }

    [Theory]
    [InlineData("""{"model": null}""")]
    [InlineData("""{"model": {"vocab": {"x": "1", "y": null}}, "added_tokens": [{"content": "z", "id": "3"}]}""")]
    [InlineData("""[1, 2, 3]""")]
    public void A_malformed_tokenizer_json_is_passed_over(string json)
    {
        var parent = SyntheticModel.Random(new ModelShape(), 1);
        var child = Write("child", parent.Train(0.05, 2));
        var reference = Write("parent", parent);
        File.WriteAllText(Path.Combine(child, "tokenizer.json"), json);
        File.WriteAllText(Path.Combine(reference, "tokenizer.json"), json);
        Assert.Equal("fine-tune", Compare(child, reference).Kind);
    }

    [Fact]
    public void A_nan_outside_the_sampled_rows_is_still_found()
    {
        var shape = new ModelShape(Intermediate: 1024);
        var model = SyntheticModel.Random(shape, 2);
        model.Tensors["model.layers.2.mlp.up_proj.weight"].Data[777 * 64 + 3] = float.PositiveInfinity;
        var run = CliRun.Of(["weights", Write("broken", model), "--against", Write("parent", SyntheticModel.Random(shape, 1))]);
        Assert.Equal(2, run.Exit);
        Assert.Contains("model.layers.2.mlp.up_proj.weight: the tensor holds an infinity at element 49,731 (row 777, column 3)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"__metadata__":{"format":"pt"}}""", "holds no tensors: its header lists only metadata")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":["0","8"]}}""", "data_offsets must be two non-negative integers")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[null,true]}}""", "data_offsets must be two non-negative integers")]
    public void Odd_headers_are_located_errors(string header, string message)
    {
        var folder = Path.Combine(_root, "odd" + header.Length);
        Directory.CreateDirectory(folder);
        WriteRaw(Path.Combine(folder, "model.safetensors"), header, 8);
        var run = CliRun.Of(["weights", folder, "--against", folder]);
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_of_many_broken_entries_reports_twenty_and_stops()
    {
        var folder = Path.Combine(_root, "many");
        Directory.CreateDirectory(folder);
        var header = "{" + string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"t{i}\":{{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}")) + "}";
        WriteRaw(Path.Combine(folder, "model.safetensors"), header, 4);
        var run = CliRun.Of(["weights", folder, "--against", folder]);
        Assert.Equal(2, run.Exit);
        Assert.InRange(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 2, 25);
        Assert.Contains("more problems than the 20 shown", run.Error, StringComparison.Ordinal);
    }

    private static void WriteRaw(string path, string header, int data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
    }
}
