using System.Collections.Immutable;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TClass.Catalogs;

/// <summary>The catalogs a manifest is checked and resolved against.</summary>
/// <param name="Architectures">Public architecture families.</param>
/// <param name="Infrastructure">AI chips and clouds.</param>
public sealed record CatalogSet(ArchitectureCatalog Architectures, InfrastructureCatalog Infrastructure)
{
    private static readonly Lazy<CatalogSet> BuiltInCatalogs = new(() => new CatalogSet(
        ReadArchitectures(EmbeddedRules.Text("catalog/architectures.yaml")),
        ReadInfrastructure(EmbeddedRules.Text("catalog/infrastructure.yaml"))));

    /// <summary>The catalogs shipped with the library.</summary>
    public static CatalogSet BuiltIn => BuiltInCatalogs.Value;

    private static IDeserializer Deserializer { get; } = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads an architecture catalog in the format of <c>rules/catalog/architectures.yaml</c>.</summary>
    public static ArchitectureCatalog ReadArchitectures(string yaml)
    {
        var file = Deserializer.Deserialize<ArchitectureFile>(yaml);
        return new ArchitectureCatalog([.. file.Families.Select(kv => new ArchitectureFamily(
            kv.Key,
            kv.Value.Name,
            new Originator(kv.Value.Originator.Name, kv.Value.Originator.Country, [.. kv.Value.Originator.Hub]),
            [.. kv.Value.ModelTypes],
            [.. kv.Value.Classes],
            [.. kv.Value.References.Select(r => new ReferenceConfig(r.Model, r.Layers, r.Hidden, r.Intermediate, r.Heads, r.KvHeads, r.Experts, r.ExpertsPerToken, r.Vocab, r.Source))]))]);
    }

    /// <summary>Reads an infrastructure catalog in the format of <c>rules/catalog/infrastructure.yaml</c>.</summary>
    public static InfrastructureCatalog ReadInfrastructure(string yaml)
    {
        var file = Deserializer.Deserialize<InfrastructureFile>(yaml);
        return new InfrastructureCatalog(
            [.. file.Chips.Select(kv => new InfrastructureEntry(kv.Key, kv.Value.Name, kv.Value.Vendor ?? "", kv.Value.Country, kv.Value.Kind))],
            [.. file.Clouds.Select(kv => new InfrastructureEntry(kv.Key, kv.Value.Name, kv.Value.Operator ?? "", kv.Value.Country, null))]);
    }

    // Shapes of the catalog files, for the YAML deserializer only.
    private sealed class ArchitectureFile
    {
        public string Catalog { get; set; } = "";
        public int Version { get; set; }
        public Dictionary<string, FamilyEntry> Families { get; set; } = [];
    }

    private sealed class FamilyEntry
    {
        public string Name { get; set; } = "";
        public OriginatorEntry Originator { get; set; } = new();
        public List<string> ModelTypes { get; set; } = [];
        public List<string> Classes { get; set; } = [];
        public List<ReferenceEntry> References { get; set; } = [];
    }

    private sealed class OriginatorEntry
    {
        public string Name { get; set; } = "";
        public string Country { get; set; } = "";
        public List<string> Hub { get; set; } = [];
    }

    private sealed class ReferenceEntry
    {
        public string Model { get; set; } = "";
        public int Layers { get; set; }
        public int Hidden { get; set; }
        public int Intermediate { get; set; }
        public int Heads { get; set; }
        public int KvHeads { get; set; }
        public int? Experts { get; set; }
        public int? ExpertsPerToken { get; set; }
        public int? Vocab { get; set; }
        public string Source { get; set; } = "";
    }

    private sealed class InfrastructureFile
    {
        public string Catalog { get; set; } = "";
        public int Version { get; set; }
        public Dictionary<string, PlacementEntry> Chips { get; set; } = [];
        public Dictionary<string, PlacementEntry> Clouds { get; set; } = [];
    }

    private sealed class PlacementEntry
    {
        public string Name { get; set; } = "";
        public string? Vendor { get; set; }
        public string? Operator { get; set; }
        public string Country { get; set; } = "";
        public string? Kind { get; set; }
    }
}
