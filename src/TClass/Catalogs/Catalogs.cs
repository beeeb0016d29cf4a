using TClass.Diagnostics;
using TClass.Documents;

namespace TClass.Catalogs;

/// <summary>The catalogs a manifest is checked and resolved against.</summary>
/// <param name="Architectures">Public architecture families.</param>
/// <param name="Infrastructure">AI chips and clouds.</param>
public sealed record CatalogSet(ArchitectureCatalog Architectures, InfrastructureCatalog Infrastructure)
{
    private static readonly Lazy<CatalogSet> BuiltInCatalogs = new(() => new CatalogSet(
        ArchitecturesIn(BuiltInCatalog("architectures")),
        InfrastructureIn(BuiltInCatalog("infrastructure"))));

    /// <summary>The catalogs shipped with the library.</summary>
    public static CatalogSet BuiltIn => BuiltInCatalogs.Value;

    /// <summary>Reads an architecture catalog in the format of <c>rules/catalog/architectures.yaml</c>.</summary>
    public static ArchitectureCatalog ReadArchitectures(string yaml) => ArchitecturesIn(Parse(yaml, "architectures"));

    /// <summary>Reads an infrastructure catalog in the format of <c>rules/catalog/infrastructure.yaml</c>.</summary>
    public static InfrastructureCatalog ReadInfrastructure(string yaml) => InfrastructureIn(Parse(yaml, "infrastructure"));

    private static ArchitectureCatalog ArchitecturesIn(MappingNode root)
    {
        var families = root.Map("families")?.Entries ?? [];
        return new ArchitectureCatalog([.. families.Select(entry =>
        {
            var family = entry.Value;
            var originator = family.Map("originator");
            return new ArchitectureFamily(
                entry.Key.Text,
                family.Text("name") ?? entry.Key.Text,
                new Originator(originator.Text("name") ?? "", originator.Text("country") ?? "", originator.Texts("hub")),
                family.Texts("model_types"),
                family.Texts("classes"),
                [.. family.Items("references").Select(r => new ReferenceConfig(
                    r.Text("model") ?? "", Int(r, "layers") ?? 0, Int(r, "hidden") ?? 0, Int(r, "intermediate") ?? 0,
                    Int(r, "heads") ?? 0, Int(r, "kv_heads") ?? 0, Int(r, "experts"), Int(r, "experts_per_token"),
                    Int(r, "vocab"), r.Text("source") ?? ""))]);
        })]);
    }

    private static InfrastructureCatalog InfrastructureIn(MappingNode root)
    {
        IEnumerable<InfrastructureEntry> Entries(string section, string owner) =>
            (root.Map(section)?.Entries ?? []).Select(e => new InfrastructureEntry(
                e.Key.Text, e.Value.Text("name") ?? e.Key.Text, e.Value.Text(owner) ?? "", e.Value.Text("country") ?? "", e.Value.Text("kind")));
        return new InfrastructureCatalog([.. Entries("chips", "vendor")], [.. Entries("clouds", "operator")]);
    }

    /// <summary>Parses a catalog file with the same safe reader as manifests; a broken catalog is rejected whole.</summary>
    private static MappingNode Parse(string yaml, string name)
    {
        var diagnostics = new DiagnosticBag("rules/catalog/" + name + ".yaml");
        return Checked(DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default), name, diagnostics);
    }

    private static MappingNode BuiltInCatalog(string name)
    {
        var diagnostics = new DiagnosticBag("rules/catalog/" + name + ".yaml");
        return Checked(DocumentReader.ReadBuiltIn("catalog/" + name + ".yaml", diagnostics), name, diagnostics);
    }

    private static MappingNode Checked(DocumentNode? root, string name, DiagnosticBag diagnostics) =>
        root is MappingNode mapping && !diagnostics.HasErrors
            ? mapping
            : throw new InvalidDataException("the catalog " + name + " is not valid:\n" + string.Join("\n", diagnostics.ToImmutableSorted()));

    private static int? Int(DocumentNode node, string key) => node.Integer(key) is { } value ? (int)value : null;
}
