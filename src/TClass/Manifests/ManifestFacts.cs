using TClass.Catalogs;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Facts;
using TClass.Resources;

namespace TClass.Manifests;

/// <summary>
/// Manifest format 1 seen as facts: the paths a ruleset may read (<see cref="Schema"/>, read from the
/// format's JSON Schema) and their values for one manifest, read by path from its validated document.
/// There is no per-field code: a field added to the schema is a fact rulesets can read. An
/// undeclared fact reads as unknown, except the lists the schema marks <c>x-absent: empty</c>:
/// absent <c>components</c> and <c>architecture.changes</c> mean none.
/// </summary>
public sealed class ManifestFacts : IFactSource
{
    /// <summary>The family value that means "the developer's own architecture".</summary>
    public const string OwnFamily = "own";

    private readonly DocumentFacts _document;

    /// <summary>The facts of <paramref name="manifest"/>: of the document it was read from, or of the one it writes when built in code.</summary>
    public ManifestFacts(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
        var (root, catalogs) = manifest.Document ?? (Written(manifest), CatalogSet.BuiltIn);
        var country = (root["model"] as MappingNode)?["country"] is ScalarNode { Kind: ScalarKind.String } c ? c.Text : null;
        _document = new DocumentFacts(root, Schema, (catalog, key, field) => Field(catalogs.Infrastructure, catalog, key, field, country));
    }

    /// <summary>Every fact manifest format 1 provides, read from its JSON Schema (<c>rules/schema/manifest.schema.json</c>).</summary>
    public static FactSchema Schema { get; } = JsonSchemaFacts.Read(Schemas.Manifest, "manifest format 1");

    /// <summary>The manifest these facts are read from.</summary>
    public Manifest Manifest { get; }

    /// <inheritdoc/>
    public FactValue? Read(string path) => _document.Read(path);

    /// <inheritdoc/>
    public bool IsDeclared(string path) => _document.IsDeclared(path);

    /// <inheritdoc/>
    public string? Evidence(string path) => _document.Evidence(path);

    /// <summary>The path one level up: <c>weights</c> for <c>weights.origin</c>, empty at the top.</summary>
    public static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    /// <summary>A field of a catalog entry: its name, vendor or operator, and country (the developer's own for <c>on-premise</c>).</summary>
    private static string? Field(InfrastructureCatalog catalog, string name, string key, string field, string? developerCountry)
    {
        var entry = name switch
        {
            "chips" => catalog.Chip(key),
            "clouds" => catalog.Cloud(key),
            _ => null,
        };
        return (entry, field) switch
        {
            (null, _) => null,
            (_, "name") => entry.Name,
            (_, "vendor") when name == "chips" => entry.Owner,
            (_, "operator") when name == "clouds" => entry.Owner,
            (_, "country") => entry.Country == InfrastructureCatalog.DeveloperCountry ? developerCountry : entry.Country,
            _ => null,
        };
    }

    /// <summary>The document a manifest built in code writes (its typed view as YAML, read back).</summary>
    private static MappingNode Written(Manifest manifest) =>
        DocumentReader.Read(ManifestWriter.ToYaml(manifest), new DiagnosticBag("<manifest>"), DocumentLimits.Default) as MappingNode
        ?? throw new InvalidOperationException("a manifest written by ManifestWriter does not read back");
}
