using System.Collections.Immutable;
using System.Globalization;
using TClass.Documents;
using TClass.Manifests;
using TClass.ModelFiles;
using TClass.Text;
using TClass.Weights;

namespace TClass.Evidence;

/// <summary>
/// What a weight-lineage report lets a manifest say: a model whose decoder descends from a reference
/// is an <c>open-derivative</c> of it (with the adaptation its kind shows); a model whose decoder is
/// independent but whose vision tower, audio encoder, projector or embeddings descend from a
/// reference has a third-party component. Each fact names the test and its numbers as evidence.
/// </summary>
internal static class WeightEvidence
{
    /// <summary>The weights facts, components, concluded facts and review lines <paramref name="report"/> supports.</summary>
    public static (WeightsFacts? Weights, ImmutableArray<Component> Components) Conclude(
        WeightLineageReport report, List<ConcludedFact> facts, List<LocalizedText> review)
    {
        var derivedDecoders = report.Comparisons.Where(c => c[WeightComponent.Decoder]?.Relation == LineageRelation.Derived).ToList();
        WeightsFacts? weights = null;
        if (derivedDecoders.Count > 0)
        {
            var bases = derivedDecoders.Select(c => ReferenceId(c.Reference)).Distinct(StringComparer.Ordinal).ToImmutableArray();
            var adaptations = derivedDecoders.SelectMany(c => c.Kinds).Select(Adaptation).OfType<Adaptation>().Distinct().Order().ToImmutableArray();
            var source = string.Join(" ", derivedDecoders.Select(Source));
            weights = new WeightsFacts { Origin = WeightsOrigin.OpenDerivative, Base = bases, Adaptation = adaptations.IsEmpty ? null : adaptations };
            facts.Add(new ConcludedFact("weights.origin", "open-derivative", source));
            facts.Add(new ConcludedFact("weights.base", string.Join(", ", bases), source));
            if (!adaptations.IsEmpty)
            {
                facts.Add(new ConcludedFact("weights.adaptation", "[" + string.Join(", ", adaptations.Select(a => a.Symbol())) + "]", source));
            }

            review.Add(DiagnosticCatalog.Phrase("review.reference-name", ("bases", string.Join(", ", bases))));
            if (derivedDecoders.Any(c => c.Kind == "identical"))
            {
                review.Add(DiagnosticCatalog.Phrase("review.identical"));
            }
        }

        var components = ImmutableArray.CreateBuilder<Component>();
        foreach (var comparison in report.Comparisons.Where(c => c[WeightComponent.Decoder]?.Relation != LineageRelation.Derived))
        {
            foreach (var part in comparison.Components.Where(p => p.Relation == LineageRelation.Derived && Role(p.Component) is not null))
            {
                var (name, role) = Role(part.Component)!.Value;
                components.Add(new Component(ComponentOrigin.ThirdParty) { Name = name, Role = role, Base = ReferenceId(comparison.Reference) });
                facts.Add(new ConcludedFact("components", $"{name}: third-party ({ReferenceId(comparison.Reference)})", Source(comparison, part)));
            }
        }

        foreach (var comparison in report.Comparisons.Where(c => c[WeightComponent.Decoder]?.Relation == LineageRelation.Independent))
        {
            review.Add(DiagnosticCatalog.Phrase("review.independent", [("reference", ReferenceId(comparison.Reference))], ("reason", comparison[WeightComponent.Decoder]!.Reason)));
        }

        foreach (var comparison in report.Comparisons.Where(c => c.Relation == LineageRelation.Inconclusive))
        {
            review.Add(DiagnosticCatalog.Phrase("review.inconclusive", [("reference", ReferenceId(comparison.Reference))], ("summary", comparison.Summary)));
        }

        return (weights, components.ToImmutable());
    }

    /// <summary>The id a manifest writes for a reference folder: the Hub id of a Hugging Face cache folder, else the folder's name.</summary>
    internal static string ReferenceId(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return HuggingFaceCache.IdOf(folder) ?? (name.Length > 0 ? name : folder);
    }

    private static Adaptation? Adaptation(string kind) => kind switch
    {
        "fine-tune" => Manifests.Adaptation.Sft,
        "continued-pretraining" => Manifests.Adaptation.Cpt,
        "depth-upscaling" => Manifests.Adaptation.DepthUpscaling,
        "pruning" => Manifests.Adaptation.Pruning,
        "merge" => Manifests.Adaptation.Merge,
        "vocabulary-expansion" => Manifests.Adaptation.VocabExpansion,
        _ => null,
    };

    private static (string Name, ComponentRole Role)? Role(WeightComponent component) => component switch
    {
        WeightComponent.Vision => ("vision encoder", ComponentRole.VisionEncoder),
        WeightComponent.Audio => ("audio encoder", ComponentRole.AudioEncoder),
        WeightComponent.Projector => ("projector", ComponentRole.Projector),
        WeightComponent.Embeddings => ("token embeddings", ComponentRole.Other),
        WeightComponent.Mtp => ("multi-token prediction heads", ComponentRole.Other),
        _ => null,
    };

    private static string Source(WeightComparison comparison) =>
        Source(comparison, comparison[WeightComponent.Decoder]!);

    private static string Source(WeightComparison comparison, ComponentLineage part) => string.Create(CultureInfo.InvariantCulture,
        $"tclass weights against {ReferenceId(comparison.Reference)}: {ComponentMap.Name(part.Component)} {WeightLineage.Word(part.Relation)}{(comparison.Kind is { } kind && part.Component == WeightComponent.Decoder ? " (" + string.Join(", ", comparison.Kinds) + ")" : "")} — {part.Reason.En}");
}
