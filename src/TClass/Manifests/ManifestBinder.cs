using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Globalization;
using TClass.Catalogs;
using TClass.Diagnostics;
using TClass.Documents;

namespace TClass.Manifests;

/// <summary>Builds the typed <see cref="Manifest"/> from a document that passed validation.</summary>
internal static class ManifestBinder
{
    public static Manifest Bind(MappingNode root, CatalogSet catalogs, CardMetadata? card, ManifestSource source)
    {
        var model = root.Map("model");
        var country = model.Word("country");
        var weights = root.Map("weights");
        var architecture = root.Map("architecture");
        var tokenizer = root.Map("tokenizer");
        var data = root.Map("data");
        var infrastructure = root.Map("infrastructure");
        return new Manifest
        {
            Model = new ModelInfo(model.Text("id")!)
            {
                Name = model.Text("name"),
                Developer = model.Text("developer"),
                Country = country,
                Released = model.Word("released") is { } released
                    ? DateOnly.ParseExact(released, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : null,
                Parameters = model.Text("parameters"),
                Modalities = OptionalSymbols<Modality>(model, "modalities"),
                References = model.Texts("references"),
            },
            Weights = new WeightsFacts
            {
                Origin = Symbol<WeightsOrigin>(weights, "origin"),
                Base = weights.Texts("base"),
                Adaptation = OptionalSymbols<Adaptation>(weights, "adaptation"),
            },
            Architecture = new ArchitectureFacts
            {
                Family = architecture.Word("family"),
                Class = architecture.Text("class"),
                RemoteCode = architecture.Bool("remote_code"),
                Config = Symbol<ConfigComparison>(architecture, "config"),
                Changes = OptionalSymbols<ArchitectureChange>(architecture, "changes") ?? [],
                Topology = OptionalSymbols<TopologyChange>(architecture, "topology"),
            },
            Tokenizer = new TokenizerFacts
            {
                Origin = Symbol<TokenizerOrigin>(tokenizer, "origin"),
                Base = tokenizer.Text("base"),
                VocabSize = tokenizer.Integer("vocab_size") is { } size ? (int)Math.Min(size, int.MaxValue) : null,
                File = tokenizer.Text("file"),
            },
            Data = new DataFacts
            {
                CuratedBy = Symbol<Curator>(data, "curated_by"),
                Distillation = Symbol<Distillation>(data, "distillation"),
                Teachers = [.. data.Items("teachers").Select(BindTeacher).OfType<Teacher>()],
                Tokens = data.Text("tokens"),
                Languages = data.Texts("languages"),
            },
            Components = [.. root.Items("components").Select(BindComponent)],
            ComponentsDeclared = root.Has("components"),
            Infrastructure = new InfrastructureFacts
            {
                Training = BindStage(infrastructure.Map("training"), catalogs.Infrastructure, country),
                Serving = BindStage(infrastructure.Map("serving"), catalogs.Infrastructure, country),
            },
            Evidence = (root.Map("evidence")?.Entries ?? [])
                .Where(e => e.Value is ScalarNode { Kind: ScalarKind.String })
                .ToImmutableSortedDictionary(e => e.Key.Text, e => ((ScalarNode)e.Value).Text, StringComparer.Ordinal),
            Card = card,
            Source = source,
            Document = (root, catalogs),
        };
    }

    private static Teacher? BindTeacher(DocumentNode node) => node switch
    {
        ScalarNode scalar => new Teacher(scalar.Text),
        MappingNode mapping when mapping.Text("id") is { } id => new Teacher(id) { Origin = Symbol<TeacherOrigin>(mapping, "origin") },
        _ => null,
    };

    private static Component BindComponent(DocumentNode node) =>
        new(Symbol<ComponentOrigin>(node, "origin") ?? ComponentOrigin.ThirdParty)
        {
            Name = node.Text("name"),
            Role = Symbol<ComponentRole>(node, "role"),
            Base = node.Text("base"),
        };

    private static StageFacts BindStage(MappingNode? stage, InfrastructureCatalog catalog, string? developerCountry) => new()
    {
        Chips = stage.Has("chips") ? [.. stage.Items("chips").Select(n => Place(n, catalog.Chip, "vendor", developerCountry))] : null,
        Cloud = stage.Has("cloud") ? [.. stage.Items("cloud").Select(n => Place(n, catalog.Cloud, "operator", developerCountry))] : null,
    };

    private static Placement Place(DocumentNode node, Func<string, InfrastructureEntry?> lookup, string ownerKey, string? developerCountry)
    {
        if (node is ScalarNode scalar && lookup(scalar.Text) is { } entry)
        {
            var country = entry.Country == InfrastructureCatalog.DeveloperCountry ? developerCountry : entry.Country;
            return new Placement(entry.Key, entry.Name, entry.Owner, country);
        }

        return new Placement(null, node.Text("name") ?? "", node.Text(ownerKey), node.Word("country"));
    }

    private static TEnum? Symbol<TEnum>(DocumentNode? node, string key)
        where TEnum : struct, Enum =>
        node.Word(key) is { } text && ManifestSymbols.TryParse<TEnum>(text, out var value) ? value : null;

    private static ImmutableArray<TEnum>? OptionalSymbols<TEnum>(DocumentNode? node, string key)
        where TEnum : struct, Enum
    {
        if (!node.Has(key))
        {
            return null;
        }

        // A loop rather than LINQ over TEnum: generic framework code over each enumeration would be
        // compiled at start-up.
        var values = new List<TEnum>();
        foreach (var item in node.Items(key))
        {
            if (item is ScalarNode scalar && ManifestSymbols.TryParse<TEnum>(scalar.Text, out var value))
            {
                values.Add(value);
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(values.ToArray());
    }

    /// <summary>
    /// Where each field was written (its key, for fields of a mapping), by path, for later diagnostics:
    /// gathered on the first look-up, since most manifests are classified without one.
    /// </summary>
    public static IReadOnlyDictionary<string, SourcePosition> Positions(MappingNode root, string stripPrefix) =>
        new DeferredPositions(new Lazy<Dictionary<string, SourcePosition>>(() => Gather(root, stripPrefix)));

    private static Dictionary<string, SourcePosition> Gather(MappingNode root, string stripPrefix)
    {
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        void Visit(DocumentNode node)
        {
            if (node.Path.Length > 0)
            {
                positions.TryAdd(Strip(node.Path, stripPrefix), node.Position);
            }

            switch (node)
            {
                case MappingNode mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        positions[Strip(entry.Key.Path, stripPrefix)] = entry.Key.Position;
                    }

                    foreach (var entry in mapping.Entries)
                    {
                        Visit(entry.Value);
                    }

                    break;
                case SequenceNode sequence:
                    foreach (var item in sequence.Items)
                    {
                        Visit(item);
                    }

                    break;
            }
        }

        Visit(root);
        return positions;
    }

    public static string Strip(string path, string prefix) =>
        prefix.Length > 0 && path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    /// <summary>A read-only dictionary of positions built the first time it is read.</summary>
    private sealed class DeferredPositions(Lazy<Dictionary<string, SourcePosition>> positions) : IReadOnlyDictionary<string, SourcePosition>
    {
        public SourcePosition this[string key] => positions.Value[key];

        public IEnumerable<string> Keys => positions.Value.Keys;

        public IEnumerable<SourcePosition> Values => positions.Value.Values;

        public int Count => positions.Value.Count;

        public bool ContainsKey(string key) => positions.Value.ContainsKey(key);

        public bool TryGetValue(string key, out SourcePosition value) => positions.Value.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, SourcePosition>> GetEnumerator() => positions.Value.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
