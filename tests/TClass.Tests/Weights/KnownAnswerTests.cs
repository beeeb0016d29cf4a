using TClass.Weights;

namespace TClass.Tests.Weights;

/// <summary>
/// Known answers on synthetic families: each model is made from a parent by a transformation whose
/// answer is known, written as safetensors and compared with the parent the way a user would.
/// </summary>
public sealed class KnownAnswerTests : IDisposable
{
    private static readonly ModelShape Shape = new();
    private readonly string _root = Directory.CreateTempSubdirectory("tclass-weights-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, SyntheticModel model, string dtype = "F32", int shards = 1, Func<string, string>? dtypeOf = null)
    {
        var folder = Path.Combine(_root, name);
        model.Write(folder, dtype, shards, dtypeOf);
        return folder;
    }

    private static WeightComparison Compare(string model, string reference)
    {
        var result = WeightLineage.Compare(model, [reference]);
        Assert.True(result.Report is not null, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Report!.Comparisons);
    }

    [Fact]
    public void The_same_weights_are_an_identical_copy()
    {
        var parent = Write("parent", SyntheticModel.Random(Shape, 1));
        var copy = Compare(parent, parent);
        Assert.Equal(LineageRelation.Derived, copy.Relation);
        Assert.Equal("identical", copy.Kind);
    }

    [Fact]
    public void A_light_fine_tune_is_derived_as_a_fine_tune()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var result = Compare(Write("child", parent.Train(0.05, 2)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("fine-tune", result.Kind);
        Assert.Equal(LineageRelation.Derived, result[WeightComponent.Decoder]!.Relation);
        Assert.Equal(LineageRelation.Derived, result[WeightComponent.Embeddings]!.Relation);
    }

    [Fact]
    public void Heavy_continued_pre_training_is_still_derived()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var result = Compare(Write("child", parent.Train(1.5, 2)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("continued-pretraining", result.Kind);
    }

    [Fact]
    public void Independent_initialisations_are_independent()
    {
        var result = Compare(Write("a", SyntheticModel.Random(Shape, 1)), Write("b", SyntheticModel.Random(Shape, 2)));
        Assert.Equal(LineageRelation.Independent, result.Relation);
        Assert.All(result.Components, c => Assert.Equal(LineageRelation.Independent, c.Relation));
    }

    [Fact]
    public void Matched_norm_statistics_do_not_fool_the_test()
    {
        // The Solar/GLM trap: norm weights near 1 in both give a raw cosine near 1, yet nothing is shared.
        var result = Compare(Write("a", SyntheticModel.Random(Shape, 1, normSpread: 0.01)), Write("b", SyntheticModel.Random(Shape, 2, normSpread: 0.01)));
        Assert.Equal(LineageRelation.Independent, result.Relation);
        var norms = result[WeightComponent.Decoder]!.Tests.Single(t => t.Test == "elementwise").Tensors.Where(t => t.Tensor.EndsWith("layernorm.weight", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(norms);
        Assert.All(norms, n => Assert.True(n.Cosine > 0.99 && Math.Abs(n.Pearson) < 0.3, $"{n.Tensor}: cosine {n.Cosine}, r {n.Pearson}"));
    }

    [Fact]
    public void Permuting_units_heads_and_the_residual_stream_hides_nothing()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var result = Compare(Write("child", parent.Train(0.05, 2).Permute(3, Shape.Heads)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal(LineageRelation.Derived, result[WeightComponent.Decoder]!.Relation);
        Assert.Contains(result[WeightComponent.Decoder]!.Tests, t => t.Test == "unit-matching" && t.Outcome == TestOutcome.Derived);
    }

    [Fact]
    public void Depth_up_scaling_is_seen_in_the_block_alignment()
    {
        var parent = SyntheticModel.Random(Shape with { Layers = 8 }, 1);
        var upscaled = parent.Blocks([0, 1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 7]).Train(0.05, 2);
        var result = Compare(Write("child", upscaled), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("depth-upscaling", result.Kind);
        var layers = Assert.Single(result.Layers);
        Assert.Equal([0, 1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 7], layers.Pairs.Select(p => p.Reference ?? -1));
    }

    [Fact]
    public void Removed_blocks_are_pruning()
    {
        var parent = SyntheticModel.Random(Shape with { Layers = 8 }, 1);
        var result = Compare(Write("child", parent.Blocks([0, 1, 2, 5, 6, 7]).Train(0.05, 2)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("pruning", result.Kind);
    }

    [Fact]
    public void Removed_hidden_units_are_width_pruning()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var keep = Enumerable.Range(0, Shape.Intermediate).Where(i => i % 4 != 1).ToArray();
        var result = Compare(Write("child", parent.PruneWidth(keep).Train(0.05, 2)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("pruning", result.Kind);
        Assert.Contains(result[WeightComponent.Decoder]!.Tests, t => t.Test == "unit-matching" && t.Outcome == TestOutcome.Derived);
    }

    [Fact]
    public void A_narrower_residual_stream_is_width_pruning()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var residual = Enumerable.Range(0, Shape.Hidden).Where(i => i % 8 != 3).ToArray();
        var units = Enumerable.Range(0, Shape.Intermediate).ToArray();
        var result = Compare(Write("child", parent.PruneWidth(units, residual).Train(0.05, 2)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("pruning", result.Kind);
        Assert.Equal(LineageRelation.Derived, result[WeightComponent.Decoder]!.Relation);
    }

    [Fact]
    public void An_interpolation_with_another_model_is_a_merge()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var merged = parent.Merge(SyntheticModel.Random(Shape, 2), 0.5);
        var result = Compare(Write("child", merged), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("merge", result.Kind);
    }

    [Fact]
    public void Two_fine_tunes_interpolated_are_a_merge_of_both()
    {
        var basis = SyntheticModel.Random(Shape, 1);
        var first = basis.Train(0.3, 2);
        var second = basis.Train(0.3, 3);
        var merged = Write("merged", first.Merge(second, 0.5));
        var result = WeightLineage.Compare(merged, [Write("first", first), Write("second", second)]).Report!;
        Assert.All(result.Comparisons, c => Assert.Equal(("merge", LineageRelation.Derived), (c.Kind, c.Relation)));
        Assert.All(result.Comparisons, c => Assert.Contains(c.Notes, n => n.En.StartsWith("Together ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_fine_tune_compared_with_its_base_and_an_unrelated_model_is_no_merge()
    {
        var basis = SyntheticModel.Random(Shape, 1);
        var result = WeightLineage.Compare(Write("child", basis.Train(0.05, 2)), [Write("base", basis), Write("other", SyntheticModel.Random(Shape, 9))]).Report!;
        Assert.Equal(("fine-tune", LineageRelation.Derived), (result.Comparisons[0].Kind, result.Comparisons[0].Relation));
        Assert.Equal(LineageRelation.Independent, result.Comparisons[1].Relation);
    }

    [Fact]
    public void One_broken_reference_does_not_hide_the_others()
    {
        var basis = SyntheticModel.Random(Shape, 1);
        var broken = Path.Combine(_root, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllBytes(Path.Combine(broken, "model.safetensors"), [1, 2, 3]);
        var result = WeightLineage.Compare(Write("child", basis.Train(0.05, 2)), [broken, Write("base", basis)]);
        Assert.Contains(result.Diagnostics, d => d.Code == "truncated");
        Assert.Equal(LineageRelation.Derived, Assert.Single(result.Report!.Comparisons).Relation);
    }

    [Fact]
    public void Added_embedding_rows_are_a_vocabulary_expansion()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var result = Compare(Write("child", parent.ExpandVocabulary(128, 2).Train(0.05, 3)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("vocabulary-expansion", result.Kind);
    }

    [Fact]
    public void A_reindexed_vocabulary_is_matched_through_both_tokenizers()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var order = Enumerable.Range(0, Shape.Vocab).ToArray();
        new Random(7).Shuffle(order);
        var child = Write("child", parent.ReindexVocabulary(order).Train(0.05, 2));
        var reference = Write("parent", parent);
        SyntheticModel.WriteVocabulary(child, order);
        SyntheticModel.WriteVocabulary(reference, Enumerable.Range(0, Shape.Vocab));

        var result = Compare(child, reference);

        Assert.Equal(LineageRelation.Derived, result[WeightComponent.Embeddings]!.Relation);
        Assert.Equal("fine-tune", result.Kind);
        Assert.All(result[WeightComponent.Embeddings]!.Tests[0].Tensors, t => Assert.True(t.Pearson > 0.99, $"{t.Tensor}: r {t.Pearson}"));
    }

    [Fact]
    public void A_borrowed_vision_tower_is_judged_apart_from_an_independent_decoder()
    {
        var vlm = Shape with { VisionLayers = 3 };
        var donor = SyntheticModel.Random(vlm, 1);
        var own = SyntheticModel.Random(vlm, 2).WithVisionOf(donor.Train(0.02, 3));
        var result = Compare(Write("own", own), Write("donor", donor));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("component-reuse", result.Kind);
        Assert.Equal(LineageRelation.Derived, result[WeightComponent.Vision]!.Relation);
        Assert.Equal(LineageRelation.Independent, result[WeightComponent.Decoder]!.Relation);
        Assert.Equal(LineageRelation.Independent, result[WeightComponent.Embeddings]!.Relation);
        Assert.Contains(result[WeightComponent.Vision]!.Tests, t => t.Test == "residual-alignment" && t.Outcome == TestOutcome.Derived);
    }

    [Fact]
    public void Experts_are_compared_with_the_same_experts_of_the_reference()
    {
        var moe = Shape with { Experts = 8, Intermediate = 48 };
        var parent = SyntheticModel.Random(moe, 1);
        var result = Compare(Write("child", parent.Train(0.05, 2)), Write("parent", parent));
        Assert.Equal("fine-tune", result.Kind);
        var experts = result[WeightComponent.Decoder]!.Tests[0].Tensors.Where(t => t.Tensor.Contains(".experts.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(experts);
        Assert.All(experts, e => Assert.Equal(e.Tensor, e.Reference));
        Assert.All(experts, e => Assert.True(e.Pearson > 0.99, $"{e.Tensor}: r {e.Pearson}"));
    }

    [Fact]
    public void Permuted_experts_keep_their_lineage()
    {
        var moe = Shape with { Experts = 8, Intermediate = 48 };
        var parent = SyntheticModel.Random(moe, 1);
        var result = Compare(Write("child", parent.Train(0.05, 2).Permute(3, moe.Heads)), Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result[WeightComponent.Decoder]!.Relation);
    }

    [Fact]
    public void Mixed_element_types_and_shards_read_like_one_file()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var child = Write("child", parent.Train(0.05, 2), shards: 3, dtypeOf: n => n.Contains("mlp", StringComparison.Ordinal) ? "BF16" : "F16");
        var result = Compare(child, Write("parent", parent));
        Assert.Equal(LineageRelation.Derived, result.Relation);
        Assert.Equal("fine-tune", result.Kind);
    }

    [Fact]
    public void Quantized_tensors_are_listed_not_compared()
    {
        var parent = SyntheticModel.Random(Shape, 1);
        var child = Write("child", parent.Train(0.05, 2), dtypeOf: n => n.Contains("mlp", StringComparison.Ordinal) ? "F8_E4M3" : "F32");
        var result = WeightLineage.Compare(child, [Write("parent", parent)]);
        Assert.Contains(result.Report!.NotCompared, t => t.DType == "F8_E4M3" && t.Tensor.Contains("mlp", StringComparison.Ordinal));
        Assert.Equal(LineageRelation.Derived, Assert.Single(result.Report.Comparisons).Relation);
    }
}
