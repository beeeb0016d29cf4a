using System.Globalization;
using System.Text.RegularExpressions;
using TClass.Catalogs;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Text;

namespace TClass.Manifests;

/// <summary>
/// The rules of manifest format 1 that a JSON Schema cannot say well: facts that require other facts,
/// catalog look-ups with the nearest key suggested, evidence keys that must name a field. Runs on
/// the parsed document even when the schema found errors, so a file's problems are reported together.
/// </summary>
internal static partial class ManifestValidator
{
    private static readonly string[] OriginsNeedingBase = ["closed-finetune", "open-derivative", "own-checkpoint"];

    public static void Validate(MappingNode root, CatalogSet catalogs, DiagnosticBag diagnostics)
    {
        CheckModel(root, diagnostics);
        CheckWeights(root, diagnostics);
        CheckArchitecture(root, catalogs.Architectures, diagnostics);
        CheckTokenizer(root, diagnostics);
        CheckComponents(root, diagnostics);
        CheckInfrastructure(root, catalogs.Infrastructure, diagnostics);
        CheckEvidence(root, diagnostics);
    }

    private static void CheckModel(MappingNode root, DiagnosticBag diagnostics)
    {
        var model = root.Map("model");
        if (model?["released"] is ScalarNode { Kind: ScalarKind.String } released
            && DatePattern().IsMatch(released.Text)
            && !DateOnly.TryParseExact(released.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            diagnostics.Error("invalid-date", released.Position, released.Path, DiagnosticCatalog.Words("invalid-date", ("date", released.Text)));
        }
    }

    private static void CheckWeights(MappingNode root, DiagnosticBag diagnostics)
    {
        var weights = root.Map("weights");
        var origin = weights.Word("origin");
        if (weights is null || origin is null || !ManifestSymbols.TryParse<WeightsOrigin>(origin, out _))
        {
            return;
        }

        if (OriginsNeedingBase.Contains(origin) && !weights.Has("base"))
        {
            diagnostics.Error("base-required", weights.Entry("origin")!.Key.Position, "weights.base",
                DiagnosticCatalog.Words("base-required", ("origin", origin)));
        }

        if (origin != "open-derivative" && weights.Entry("adaptation") is { } adaptation)
        {
            diagnostics.Error("adaptation-not-allowed", adaptation.Key.Position, "weights.adaptation",
                DiagnosticCatalog.Words("adaptation-not-allowed", ("origin", origin)));
        }
    }

    private static void CheckArchitecture(MappingNode root, ArchitectureCatalog catalog, DiagnosticBag diagnostics)
    {
        var architecture = root.Map("architecture");
        if (architecture?["family"] is not ScalarNode { Kind: ScalarKind.String } family)
        {
            return;
        }

        if (family.Text == ManifestFacts.OwnFamily)
        {
            if (architecture["topology"] is not SequenceNode { Items.Length: > 0 })
            {
                var at = architecture.Entry("topology")?.Key.Position ?? family.Position;
                diagnostics.Error("topology-required", at, "architecture.topology",
                    DiagnosticCatalog.Words("topology-required"));
            }
        }
        else if (catalog.Find(family.Text) is null)
        {
            var nearest = Suggestions.Nearest(family.Text, catalog.Keys.Append(ManifestFacts.OwnFamily));
            diagnostics.Error("unknown-family", family.Position, "architecture.family", Suggesting(nearest, "unknown-family", ("family", family.Text)));
        }
    }

    private static void CheckTokenizer(MappingNode root, DiagnosticBag diagnostics)
    {
        var tokenizer = root.Map("tokenizer");
        var origin = tokenizer.Word("origin");
        if (tokenizer is not null && origin is "expanded" or "reused" && !tokenizer.Has("base"))
        {
            diagnostics.Error("tokenizer-base-required", tokenizer.Entry("origin")!.Key.Position, "tokenizer.base",
                DiagnosticCatalog.Words("tokenizer-base-required", ("origin", origin)));
        }
    }

    private static void CheckComponents(MappingNode root, DiagnosticBag diagnostics)
    {
        foreach (var component in root.Items("components").OfType<MappingNode>())
        {
            var origin = component.Word("origin");
            if (origin is "third-party" or "own-checkpoint" && !component.Has("base"))
            {
                diagnostics.Error("component-base-required", component.Entry("origin")!.Key.Position, component.Path + ".base",
                    DiagnosticCatalog.Words("component-base-required", ("origin", origin)));
            }
        }
    }

    private static void CheckInfrastructure(MappingNode root, InfrastructureCatalog catalog, DiagnosticBag diagnostics)
    {
        var infrastructure = root.Map("infrastructure");
        foreach (var stage in new[] { "training", "serving" })
        {
            var placement = infrastructure.Map(stage);
            CheckKeys(placement.Items("chips"), "chip", key => catalog.Chip(key) is not null, catalog.Chips, catalog.Clouds, diagnostics);
            CheckKeys(placement.Items("cloud"), "cloud", key => catalog.Cloud(key) is not null, catalog.Clouds, catalog.Chips, diagnostics);
        }
    }

    private static void CheckKeys(
        IEnumerable<DocumentNode> items, string kind, Func<string, bool> known,
        IEnumerable<InfrastructureEntry> entries, IEnumerable<InfrastructureEntry> otherKind, DiagnosticBag diagnostics)
    {
        foreach (var item in items.OfType<ScalarNode>().Where(s => s.Kind == ScalarKind.String && !known(s.Text)))
        {
            var words = otherKind.Any(e => e.Key == item.Text)
                ? DiagnosticCatalog.Words("unknown-" + kind + ".misplaced", ("key", item.Text))
                : Suggesting(Suggestions.Nearest(item.Text, entries.Select(e => e.Key)), "unknown-" + kind, ("key", item.Text));
            diagnostics.Error("unknown-" + kind, item.Position, item.Path, words);
        }
    }

    private static void CheckEvidence(MappingNode root, DiagnosticBag diagnostics)
    {
        if (root.Map("evidence") is not { } evidence)
        {
            return;
        }

        foreach (var entry in evidence.Entries)
        {
            var field = IndexPattern().Replace(entry.Key.Text, "");
            if (!ManifestFormat.FieldPaths.Contains(field))
            {
                var nearest = Suggestions.Nearest(entry.Key.Text, ManifestFormat.FieldPaths);
                diagnostics.Error("unknown-evidence-key", entry.Key.Position, entry.Key.Path, Suggesting(nearest, "unknown-evidence-key", ("key", entry.Key.Text)));
            }
        }
    }

    /// <summary>The wording <paramref name="key"/>, its fix led by "did you mean" when a nearest value was found.</summary>
    private static DiagnosticWords Suggesting(string? nearest, string key, params (string Key, string Value)[] values) =>
        DiagnosticCatalog.Words(key, values, ("suggestion", DiagnosticCatalog.DidYouMean(nearest)));

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex IndexPattern();
}
