using CsCheck;
using TClass.Weights;

namespace TClass.Tests.Weights;

/// <summary>
/// Properties of the lineage verdict over generated models: it does not change when units, heads
/// and the residual stream are permuted in a way that keeps the function, and independent models
/// are never called derived.
/// </summary>
public sealed class LineagePropertyTests : IDisposable
{
    private static readonly ModelShape Small = new(Layers: 3, Hidden: 48, Intermediate: 128, Heads: 4, Vocab: 384);
    private readonly string _root = Directory.CreateTempSubdirectory("tclass-weights-properties-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private WeightComparison Compare(SyntheticModel model, SyntheticModel reference, string name)
    {
        var a = Path.Combine(_root, name + "-model");
        var b = Path.Combine(_root, name + "-reference");
        model.Write(a);
        reference.Write(b);
        var result = WeightLineage.Compare(a, [b]);
        Directory.Delete(a, recursive: true);
        Directory.Delete(b, recursive: true);
        return Assert.Single(result.Report!.Comparisons);
    }

    [Fact]
    public void Function_preserving_permutations_do_not_change_the_verdict()
    {
        Gen.Int[1, 1_000_000].Select(Gen.Int[1, 1_000_000], Gen.Bool).Sample((seed, permutation, derived) =>
        {
            var reference = SyntheticModel.Random(Small, seed);
            var model = derived ? reference.Train(0.3, seed + 1) : SyntheticModel.Random(Small, seed + 1);
            var name = $"{seed}-{permutation}-{derived}";
            var plain = Compare(model, reference, "plain-" + name);
            var permuted = Compare(model.Permute(permutation, Small.Heads), reference, "permuted-" + name);
            Assert.Equal(derived ? LineageRelation.Derived : LineageRelation.Independent, plain.Relation);
            Assert.Equal(plain.Relation, permuted.Relation);
            Assert.Equal(plain[WeightComponent.Decoder]!.Relation, permuted[WeightComponent.Decoder]!.Relation);
            Assert.Equal(plain[WeightComponent.Embeddings]!.Relation, permuted[WeightComponent.Embeddings]!.Relation);
        }, iter: 12);
    }

    /// <summary>
    /// Over independent pairs the thresholds promise a false-positive rate of at most alpha (10⁻⁶)
    /// per comparison; 40 pairs must all come out independent, and none derived.
    /// </summary>
    [Fact]
    public void Independent_models_are_never_called_derived()
    {
        var relations = Enumerable.Range(0, 40)
            .Select(seed => Compare(SyntheticModel.Random(Small, 1000 + seed, normSpread: 0.01 + seed % 4 * 0.02), SyntheticModel.Random(Small, 5000 + seed), $"pair{seed}").Relation)
            .ToList();
        Assert.DoesNotContain(LineageRelation.Derived, relations);
        Assert.All(relations, r => Assert.Equal(LineageRelation.Independent, r));
    }
}
