using System.Collections.Immutable;
using TClass.Text;

namespace TClass.Weights;

/// <summary>What the weights say about a model and a reference.</summary>
public enum LineageRelation
{
    /// <summary>Some of the model's weights descend from the reference's.</summary>
    Derived,

    /// <summary>Every applicable test is at its null, with the power to have seen lineage.</summary>
    Independent,

    /// <summary>The tests cannot settle it: no applicable test, unsupported dtypes, too little data, or a weak effect.</summary>
    Inconclusive,
}

/// <summary>The outcome of one test.</summary>
public enum TestOutcome
{
    /// <summary>A correspondence no chance could produce, strong enough to mean lineage.</summary>
    Derived,

    /// <summary>At the null of independent weights, with enough power.</summary>
    Null,

    /// <summary>Above the null but below the lineage floor: some resemblance, not enough to mean lineage.</summary>
    Weak,

    /// <summary>The test could not decide: nothing to compare, unsupported dtypes, too little data for the power asked, the read budget.</summary>
    NotApplicable,
}

/// <summary>One tensor of the model compared with one of the reference, element by element.</summary>
/// <param name="Tensor">The model's tensor.</param>
/// <param name="Reference">The reference's tensor it was compared with.</param>
/// <param name="Shape">The (logical) shape.</param>
/// <param name="Elements">Values compared.</param>
/// <param name="Cosine">Raw cosine (shown, never used).</param>
/// <param name="Pearson">Mean-centred correlation.</param>
/// <param name="Z">Pearson's z-score against the null of independent weights.</param>
/// <param name="Slope">Least-squares slope of the model's values on the reference's.</param>
/// <param name="ShuffledCosine">Control: raw cosine with the reference's values shuffled.</param>
/// <param name="ShuffledPearson">Control: Pearson with the reference's values shuffled.</param>
/// <param name="RelativeDifference">‖model − reference‖ / ‖reference‖ over the values compared: 0 for a copy, about 2⁻⁸ for a bfloat16 copy.</param>
public sealed record TensorComparison(
    string Tensor, string Reference, string Shape, long Elements, double Cosine, double Pearson, double Z, double Slope, double ShuffledCosine, double ShuffledPearson,
    double RelativeDifference);

/// <summary>One test of one component, its statistic beside its null.</summary>
/// <param name="Test">elementwise, layer-alignment, anchor-gram, residual-alignment or unit-matching.</param>
/// <param name="Outcome">What the test says.</param>
/// <param name="Summary">One sentence a person can check, in English and Korean.</param>
/// <param name="Figures">The statistic and its controls, by name, in a fixed order.</param>
/// <param name="Tensors">For the element-wise test: every tensor pair compared.</param>
public sealed record LineageTest(string Test, TestOutcome Outcome, LocalizedText Summary, ImmutableArray<KeyValuePair<string, double>> Figures, ImmutableArray<TensorComparison> Tensors);

/// <summary>The verdict on one component.</summary>
/// <param name="Component">The component.</param>
/// <param name="Relation">The verdict.</param>
/// <param name="Reason">Why, in English and Korean.</param>
/// <param name="ModelTensors">Tensors of the component in the model.</param>
/// <param name="ReferenceTensors">Tensors of the component in the reference.</param>
/// <param name="Tests">The tests, each with its numbers.</param>
public sealed record ComponentLineage(WeightComponent Component, LineageRelation Relation, LocalizedText Reason, int ModelTensors, int ReferenceTensors, ImmutableArray<LineageTest> Tests);

/// <summary>Which block of the reference each block of the model corresponds to.</summary>
/// <param name="Component">The component whose blocks were aligned.</param>
/// <param name="ModelLayers">Blocks in the model.</param>
/// <param name="ReferenceLayers">Blocks in the reference.</param>
/// <param name="Pairs">For each block of the model, the reference's block it matches (null when none) and the mean r.</param>
/// <param name="Description">The mapping in words.</param>
/// <param name="WithinBaseline">Baseline: the median r between two different blocks of the model.</param>
/// <param name="CrossBaseline">Baseline: the median r between blocks of the two models that do not correspond.</param>
public sealed record LayerAlignment(
    WeightComponent Component, int ModelLayers, int ReferenceLayers, ImmutableArray<(int Model, int? Reference, double R)> Pairs, LocalizedText Description,
    double WithinBaseline, double CrossBaseline);

/// <summary>A tensor that was not compared, and why.</summary>
/// <param name="Tensor">The tensor.</param>
/// <param name="DType">Its element type.</param>
/// <param name="Reason">Why it was not compared.</param>
public sealed record NotCompared(string Tensor, string DType, string Reason);

/// <summary>The model compared with one reference.</summary>
/// <param name="Reference">The reference folder as given.</param>
/// <param name="ReferenceFormat">How the reference stores its weights.</param>
/// <param name="Relation">The overall verdict.</param>
/// <param name="Kind">The main kind of derivation where the weights show it (e.g. <c>depth-upscaling</c>), else null.</param>
/// <param name="Kinds">Every kind the weights show, most structural first.</param>
/// <param name="Summary">The verdict in one sentence, in English and Korean.</param>
/// <param name="Components">The verdict per component, decoder first.</param>
/// <param name="Layers">The block alignment of the decoder (and encoders), where there are blocks.</param>
/// <param name="Notes">What else a reader should know (raw cosine, merges, vocabulary).</param>
/// <param name="NotCompared">The reference's tensors that were not compared.</param>
/// <param name="BytesRead">Bytes read from the model and this reference for this comparison.</param>
public sealed record WeightComparison(
    string Reference, string ReferenceFormat, LineageRelation Relation, string? Kind, ImmutableArray<string> Kinds, LocalizedText Summary,
    ImmutableArray<ComponentLineage> Components, ImmutableArray<LayerAlignment> Layers, ImmutableArray<LocalizedText> Notes,
    ImmutableArray<NotCompared> NotCompared, long BytesRead)
{
    /// <summary>The verdict on <paramref name="component"/>, if the comparison has one.</summary>
    public ComponentLineage? this[WeightComponent component] => Components.FirstOrDefault(c => c.Component == component);
}

/// <summary>Everything <c>tclass weights</c> found: the model, its comparisons and how much was read.</summary>
/// <param name="Model">The model folder as given.</param>
/// <param name="ModelFormat">How the model stores its weights.</param>
/// <param name="ModelTensors">Tensors in the model, by component.</param>
/// <param name="Comparisons">One per reference, in the order given.</param>
/// <param name="NotCompared">The model's tensors that were not compared.</param>
/// <param name="Seed">The sampling seed.</param>
/// <param name="BudgetBytes">The read budget per comparison.</param>
/// <param name="BytesRead">Bytes read in all (headers included).</param>
public sealed record WeightLineageReport(
    string Model, string ModelFormat, ImmutableArray<KeyValuePair<WeightComponent, int>> ModelTensors, ImmutableArray<WeightComparison> Comparisons,
    ImmutableArray<NotCompared> NotCompared, long Seed, long BudgetBytes, long BytesRead);
