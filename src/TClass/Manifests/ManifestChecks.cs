using System.Collections.Immutable;
using TClass.Catalogs;
using TClass.Diagnostics;
using TClass.Documents;

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
                ("modalities", string.Join(", ", modalities.Where(m => m != Modality.Text).Select(m => m.Symbol()))));
        }

        if (manifest.Card is { BaseModels.Length: > 0 } card && manifest.Weights.Origin is WeightsOrigin.Scratch)
        {
            warnings.Add("card-base-model", "weights.origin",
                ("bases", string.Join(", ", card.BaseModels)), ("relation", card.BaseModelRelation is null ? "" : $" ({card.BaseModelRelation})"));
        }

        if (manifest.Weights.Origin is WeightsOrigin.Scratch && manifest.Weights.Base.Length > 0)
        {
            warnings.Add("base-with-scratch", "weights.base", ("bases", string.Join(", ", manifest.Weights.Base)));
        }

        CheckArchitecture(manifest, catalogs.Architectures, warnings);

        if (manifest.Data.Distillation is Distillation.None && manifest.Data.Teachers.Length > 0)
        {
            warnings.Add("teachers-without-distillation", "data.teachers", ("teachers", string.Join(", ", manifest.Data.Teachers.Select(t => t.Id))));
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
                warn.Add("ignored-with-own-family", architecture.Config is not null ? "architecture.config" : "architecture.changes");
            }

            return;
        }

        if (architecture.Config is ConfigComparison.Identical && architecture.Changes.Length > 0)
        {
            warn.Add("identical-with-changes", "architecture.changes", ("changes", string.Join(", ", architecture.Changes.Select(c => c.Symbol()))));
        }

        if (architecture.Family is null || catalog.Find(architecture.Family) is not { } family)
        {
            return;
        }

        if (ArchitectureCatalog.OriginatedBy(family, manifest.Model.Developer, manifest.Model.Id))
        {
            warn.Add("own-family-named", "architecture.family", ("family", family.Key), ("originator", family.Originator.Name));
        }

        if (architecture.Config is ConfigComparison.Identical && architecture.Class is { } declared && !family.Classes.Contains(declared))
        {
            warn.Add("class-differs", "architecture.class", ("class", declared), ("family", family.Key), ("classes", string.Join(", ", family.Classes)));
        }
    }

    /// <summary>Collects warnings, allocating only when there is one.</summary>
    private sealed class WarningList(Manifest manifest)
    {
        private ImmutableArray<Diagnostic>.Builder? _items;

        /// <summary>Adds the warning <paramref name="code"/>, worded as <c>rules/i18n/diagnostics.yaml</c> says with <paramref name="values"/> filled in.</summary>
        public void Add(string code, string path, params (string Key, string Value)[] values)
        {
            var at = manifest.Source?.PositionOf(path) ?? SourcePosition.WholeFile;
            _items ??= ImmutableArray.CreateBuilder<Diagnostic>();
            _items.Add(Diagnostic.Worded(DiagnosticSeverity.Warning, code, manifest.Source?.File ?? "", at, path, DiagnosticCatalog.Words(code, values)));
        }

        public ImmutableArray<Diagnostic> ToImmutable() => _items?.ToImmutable() ?? [];
    }
}
