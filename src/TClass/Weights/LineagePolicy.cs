using System.Collections.Frozen;
using System.Globalization;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Resources;
using TClass.Text;

namespace TClass.Weights;

/// <summary>How much a comparison reads (<c>sampling</c> in <c>rules/weights/lineage.yaml</c>).</summary>
/// <param name="Seed">The seed every sample is drawn from.</param>
/// <param name="BudgetBytes">The most bytes read from both checkpoints together.</param>
/// <param name="ElementsPerTensor">Values read from each compared tensor.</param>
/// <param name="ExpertsPerLayer">Experts of a mixture-of-experts layer compared.</param>
/// <param name="AlignmentRoles">Tensors per block used to align blocks.</param>
/// <param name="Anchors">Anchor rows read for the invariant tests.</param>
/// <param name="GramAnchors">Anchors whose similarity structure is compared.</param>
/// <param name="GramPermutations">Relabellings that make the Mantel test's null.</param>
/// <param name="ResidualDimensions">Residual dimensions matched against all of the reference's.</param>
/// <param name="UnitLayers">Blocks whose units are matched.</param>
/// <param name="UnitsPerMatrix">Units matched per matrix.</param>
public sealed record LineageSampling(
    long Seed, long BudgetBytes, int ElementsPerTensor, int ExpertsPerLayer, int AlignmentRoles, int Anchors, int GramAnchors,
    int GramPermutations, int ResidualDimensions, int UnitLayers, int UnitsPerMatrix);

/// <summary>The thresholds of the verdicts (<c>thresholds</c> in <c>rules/weights/lineage.yaml</c>).</summary>
/// <param name="Alpha">Family-wise false-positive rate of <c>derived</c> for one comparison.</param>
/// <param name="Power">Least power for <c>independent</c>.</param>
/// <param name="ElementwiseFloor">Least Pearson r that means lineage.</param>
/// <param name="FineTune">Median r at or above which the change is a fine-tune.</param>
/// <param name="Identical">Largest relative difference of every tensor for the weights to be a copy.</param>
/// <param name="MergeSlope">Largest uniform slope that marks an interpolation with another model.</param>
/// <param name="MergeSpread">Largest interquartile range of the slopes for them to count as uniform.</param>
/// <param name="GramDerived">Least Mantel r that means lineage.</param>
/// <param name="GramNull">Mantel r below which the similarity structure is at its null.</param>
/// <param name="ColumnMatch">Least correlation for a residual dimension or unit to count as matched.</param>
/// <param name="MatchedShare">Least share matched for a correspondence.</param>
/// <param name="NullShare">Largest share matched still at the null.</param>
/// <param name="LayerMatch">Least mean r for a block to be a block of the reference.</param>
public sealed record LineageThresholds(
    double Alpha, double Power, double ElementwiseFloor, double FineTune, double Identical, double MergeSlope, double MergeSpread,
    double GramDerived, double GramNull, double ColumnMatch, double MatchedShare, double NullShare, double LayerMatch);

/// <summary>The sampling, thresholds and words of <c>rules/weights/lineage.yaml</c>.</summary>
public sealed class LineagePolicy
{
    private static readonly Lazy<LineagePolicy> BuiltInPolicy = new(() => Read(EmbeddedRules.Text("weights/lineage.yaml"), "rules/weights/lineage.yaml"));

    private readonly FrozenDictionary<string, LocalizedText> _messages;

    private LineagePolicy(LineageSampling sampling, LineageThresholds thresholds, FrozenDictionary<string, LocalizedText> messages)
    {
        Sampling = sampling;
        Thresholds = thresholds;
        _messages = messages;
    }

    /// <summary>The policy shipped with TClass.</summary>
    public static LineagePolicy BuiltIn => BuiltInPolicy.Value;

    /// <summary>How much a comparison reads.</summary>
    public LineageSampling Sampling { get; }

    /// <summary>The thresholds.</summary>
    public LineageThresholds Thresholds { get; }

    /// <summary>This policy with other sampling (a larger budget, another seed).</summary>
    public LineagePolicy With(LineageSampling sampling) => new(sampling, Thresholds, _messages);

    /// <summary>The label of a kind, relation or component (e.g. <c>kinds.merge</c>).</summary>
    public LocalizedText Label(string section, string key) =>
        _messages.TryGetValue(section + "." + key, out var text) ? text : new LocalizedText(key, key);

    /// <summary>The message <paramref name="key"/> with its placeholders filled.</summary>
    internal LocalizedText Say(string key, params (string Key, string Value)[] values)
    {
        var text = _messages.TryGetValue("messages." + key, out var found) ? found : throw new InvalidDataException($"lineage.yaml has no message {key}");
        return new LocalizedText(Placeholders.Fill(text.En, values), Placeholders.Fill(text.Ko, values));
    }

    /// <summary>The message <paramref name="key"/> with placeholders whose values differ by language.</summary>
    internal LocalizedText SayEach(string key, params (string Key, LocalizedText Value)[] values)
    {
        var text = _messages.TryGetValue("messages." + key, out var found) ? found : throw new InvalidDataException($"lineage.yaml has no message {key}");
        return new LocalizedText(
            Placeholders.Fill(text.En, values.Select(v => (v.Key, v.Value.En)).ToArray()),
            Placeholders.Fill(text.Ko, values.Select(v => (v.Key, v.Value.Ko)).ToArray()));
    }

    /// <summary>Reads a policy from YAML; a broken built-in file is a bug and throws.</summary>
    public static LineagePolicy Read(string yaml, string file)
    {
        var diagnostics = new DiagnosticBag(file);
        var root = DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default);
        if (root is null || diagnostics.HasErrors)
        {
            throw new InvalidDataException($"{file} is not valid:\n" + string.Join("\n", diagnostics.ToImmutableSorted()));
        }

        var sampling = root.Map("sampling");
        var thresholds = root.Map("thresholds");
        double Number(MappingNode? map, string key) =>
            double.Parse(map.Text(key) ?? throw new InvalidDataException($"{file} lacks {key}"), NumberStyles.Float, CultureInfo.InvariantCulture);
        int Count(string key) => (int)Number(sampling, key);
        double Share(string key) => Number(thresholds, key);

        var messages = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var section in new[] { "kinds", "relations", "outcomes", "tests", "components", "messages" })
        {
            foreach (var entry in root.Map(section)?.Entries ?? [])
            {
                messages[section + "." + entry.Key.Text] = new LocalizedText(entry.Value.Text("en") ?? "", entry.Value.Text("ko") ?? "");
            }
        }

        return new LineagePolicy(
            new LineageSampling((long)Number(sampling, "seed"), (long)Number(sampling, "budget_bytes"), Count("elements_per_tensor"), Count("experts_per_layer"),
                Count("alignment_roles"), Count("anchors"), Count("gram_anchors"), Count("gram_permutations"), Count("residual_dimensions"),
                Count("unit_layers"), Count("units_per_matrix")),
            new LineageThresholds(Share("alpha"), Share("power"), Share("elementwise_floor"), Share("fine_tune"), Share("identical"),
                Share("merge_slope"), Share("merge_spread"), Share("gram_derived"), Share("gram_null"), Share("column_match"), Share("matched_share"),
                Share("null_share"), Share("layer_match")),
            messages.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
