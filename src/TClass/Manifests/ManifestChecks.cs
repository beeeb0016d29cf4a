using System.Collections.Immutable;
using TClass.Catalogs;
using TClass.Diagnostics;

namespace TClass.Manifests;

/// <summary>
/// Consistency warnings about a valid manifest: facts that are allowed together but contradict each
/// other or leave something out. They never change the classification; they ask a person to look.
/// </summary>
public static class ManifestChecks
{
    /// <summary>The warnings for <paramref name="manifest"/>, in the order of the manifest's sections.</summary>
    public static ImmutableArray<Diagnostic> Warnings(Manifest manifest, CatalogSet? catalogs = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        catalogs ??= CatalogSet.BuiltIn;
        var warnings = new WarningList(manifest);

        if (manifest.Model.Modalities is { } modalities && modalities.Any(m => m != Modality.Text) && !manifest.ComponentsDeclared)
        {
            warnings.Add("undeclared-components", "model.modalities",
                $"the model handles {string.Join(", ", modalities.Where(m => m != Modality.Text).Select(m => m.Symbol()))}, but no components are declared; multimodal models usually have encoders with weights of their own.",
                "Declare the encoders under 'components:' with their origin, or write 'components: []' if the model has none.");
        }

        if (manifest.Card is { BaseModels.Length: > 0 } card && manifest.Weights.Origin is WeightsOrigin.Scratch)
        {
            warnings.Add("card-base-model", "weights.origin",
                $"the model card's front matter names base_model {string.Join(", ", card.BaseModels)}{(card.BaseModelRelation is null ? "" : $" ({card.BaseModelRelation})")}, but weights.origin is 'scratch'.",
                "Check weights.origin, or explain the card's base_model in the evidence.");
        }

        if (manifest.Weights.Origin is WeightsOrigin.Scratch && manifest.Weights.Base.Length > 0)
        {
            warnings.Add("base-with-scratch", "weights.base",
                $"weights.base names {string.Join(", ", manifest.Weights.Base)}, but weights trained from scratch start from no model.",
                "Remove weights.base, or set origin to own-checkpoint or open-derivative.");
        }

        CheckArchitecture(manifest, catalogs.Architectures, warnings);

        if (manifest.Data.Distillation is Distillation.None && manifest.Data.Teachers.Length > 0)
        {
            warnings.Add("teachers-without-distillation", "data.teachers",
                $"data.teachers lists {string.Join(", ", manifest.Data.Teachers.Select(t => t.Id))}, but data.distillation is 'none'.",
                "Set distillation to partial or dominant, or remove the teachers.");
        }

        return warnings.ToImmutable();
    }

    private static void CheckArchitecture(Manifest manifest, ArchitectureCatalog catalog, WarningList warn)
    {
        var architecture = manifest.Architecture;
        if (architecture.IsOwnFamily)
        {
            if (architecture.Config is not null || architecture.Changes.Length > 0)
            {
                warn.Add("ignored-with-own-family", architecture.Config is not null ? "architecture.config" : "architecture.changes",
                    "architecture.config and architecture.changes compare with a public family; they are not used when family is 'own'.",
                    "Describe the redesign in architecture.topology instead.");
            }

            return;
        }

        if (architecture.Config is ConfigComparison.Identical && architecture.Changes.Length > 0)
        {
            warn.Add("identical-with-changes", "architecture.changes",
                $"architecture.config is 'identical', but architecture.changes lists {string.Join(", ", architecture.Changes.Select(c => c.Symbol()))}.",
                "Set config: modified, or remove the changes.");
        }

        if (architecture.Family is null || catalog.Find(architecture.Family) is not { } family)
        {
            return;
        }

        if (ArchitectureCatalog.OriginatedBy(family, manifest.Model.Developer, manifest.Model.Id))
        {
            warn.Add("own-family-named", "architecture.family",
                $"the {family.Key} family was created by {family.Originator.Name}, the model's own developer; T-Class reads a developer's own family as 'own'.",
                "Write 'family: own' and list the redesigned parts of the computation graph in architecture.topology.");
        }

        if (architecture.Config is ConfigComparison.Identical && architecture.Class is { } declared && !family.Classes.Contains(declared))
        {
            warn.Add("class-differs", "architecture.class",
                $"architecture.class is '{declared}', not a class of the {family.Key} family ({string.Join(", ", family.Classes)}), yet config is 'identical'.",
                "Check the family, or set config: modified and list the changes.");
        }
    }

    /// <summary>Collects warnings, allocating only when there is one.</summary>
    private sealed class WarningList(Manifest manifest)
    {
        private ImmutableArray<Diagnostic>.Builder? _items;

        public void Add(string code, string path, string message, string fix)
        {
            var at = manifest.Source?.PositionOf(path) ?? SourcePosition.WholeFile;
            _items ??= ImmutableArray.CreateBuilder<Diagnostic>();
            _items.Add(new Diagnostic(DiagnosticSeverity.Warning, code, manifest.Source?.File ?? "", at.Line, at.Column, path, message, fix));
        }

        public ImmutableArray<Diagnostic> ToImmutable() => _items?.ToImmutable() ?? [];
    }
}
