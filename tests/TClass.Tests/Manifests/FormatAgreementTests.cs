using System.Text.Json;
using TClass.Facts;
using TClass.Manifests;
using TClass.Resources;

namespace TClass.Tests.Manifests;

/// <summary>
/// The manifest format has one source — its JSON Schema — and everything else must agree with it:
/// the fact list is read from it, the typed view's enumerations spell exactly its values, the typed
/// view reads every fact it defines, and every built-in ruleset reads only facts and values it has.
/// </summary>
public sealed class FormatAgreementTests
{
    private static readonly JsonDocument Schema = JsonDocument.Parse(Schemas.Manifest);

    /// <summary>Each enumeration of the schema (by its path, record fields as <c>list[].field</c>) and the C# enumeration of the typed view.</summary>
    public static TheoryData<string, Type> Enumerations() => new()
    {
        { "model.modalities", typeof(Modality) },
        { "weights.origin", typeof(WeightsOrigin) },
        { "weights.adaptation", typeof(Adaptation) },
        { "architecture.config", typeof(ConfigComparison) },
        { "architecture.changes", typeof(ArchitectureChange) },
        { "architecture.topology", typeof(TopologyChange) },
        { "tokenizer.origin", typeof(TokenizerOrigin) },
        { "data.curated_by", typeof(Curator) },
        { "data.distillation", typeof(Distillation) },
        { "data.teachers[].origin", typeof(TeacherOrigin) },
        { "components[].role", typeof(ComponentRole) },
        { "components[].origin", typeof(ComponentOrigin) },
    };

    [Theory]
    [MemberData(nameof(Enumerations))]
    public void The_typed_view_spells_exactly_the_schemas_values(string path, Type enumeration)
    {
        var symbols = Enum.GetValues(enumeration).Cast<object>()
            .Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()!)).ToArray();

        Assert.Equal(SchemaValues(path), symbols);
    }

    [Fact]
    public void Every_enumeration_of_the_schema_has_a_typed_counterpart()
    {
        var covered = Enumerations().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var inSchema = EnumPaths(Schema.RootElement, "").Where(p => p != "tclass").ToList();

        Assert.Equal(inSchema.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_fact_list_is_the_schemas()
    {
        var paths = ManifestFacts.Schema.Facts.Select(f => f.Path).ToList();

        Assert.Contains("weights.origin", paths);
        Assert.DoesNotContain("tclass", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("evidence", StringComparison.Ordinal));
        Assert.Equal(["key", "name", "vendor", "country"], ManifestFacts.Schema.Find("infrastructure.serving.chips")!.Values.ToArray());
        Assert.Equal(["id", "origin"], ManifestFacts.Schema.Find("data.teachers")!.Values.ToArray());
        Assert.Equal(FactKind.TextList, ManifestFacts.Schema.Find("weights.base")!.Kind);
        Assert.Equal(SchemaValues("weights.adaptation"), ManifestFacts.Schema.Find("weights.adaptation")!.Values.ToArray());
    }

    [Fact]
    public void The_typed_view_reads_every_fact_the_schema_defines()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model:
              id: example/complete
              name: Complete
              developer: Example Lab
              country: KR
              released: 2026-01-15
              parameters: 32B
              modalities: [text, image]
              references: [https://example.org/report]
            weights: { origin: open-derivative, base: [a/b], adaptation: [sft] }
            architecture: { family: llama, class: LlamaForCausalLM, remote_code: false, config: modified, changes: [depth], topology: [attention] }
            tokenizer: { origin: expanded, base: llama3, vocab_size: 128256, file: ./tokenizer.json }
            data: { curated_by: developer, distillation: partial, teachers: [{ id: c/d, origin: own }], tokens: 14T, languages: [ko, en] }
            components: [{ name: vision encoder, role: vision-encoder, origin: scratch }]
            infrastructure:
              training: { chips: [nvidia-h100], cloud: [naver-cloud] }
              serving: { chips: [rebellions-atom], cloud: [kt-cloud] }
            """);
        var facts = new ManifestFacts(card);

        Assert.All(ManifestFacts.Schema.Facts, f => Assert.True(facts.Read(f.Path) is not null, $"the typed view does not read {f.Path}"));
    }

    [Theory]
    [InlineData("msit-independent-fm")]
    [InlineData("tclass-2.0")]
    [InlineData("tclass-2.0-strict")]
    public void Every_built_in_ruleset_reads_only_facts_and_values_of_the_schema(string id)
    {
        foreach (var fact in BuiltInRulesets.Get(id).Facts)
        {
            var input = ManifestFacts.Schema.Find(fact.InputPath);
            Assert.True(input is not null, $"{id}: {fact.Path} reads {fact.InputPath}, which the schema does not define");
            if (fact.Derive is null && input.Kind is FactKind.Enum or FactKind.Set)
            {
                Assert.Subset(input.Values.ToHashSet(), fact.Values.ToHashSet());
            }

            foreach (var test in fact.Derive?.Where.Where(t => t.Field is not null) ?? [])
            {
                Assert.Contains(test.Field!, input.Values);
            }
        }
    }

    /// <summary>The enum values at <paramref name="path"/> (<c>a.b</c>, <c>list[].field</c>), items of arrays included.</summary>
    private static string[] SchemaValues(string path)
    {
        var node = Schema.RootElement;
        foreach (var part in path.Split('.'))
        {
            var name = part.TrimEnd('[', ']');
            node = node.GetProperty("properties").GetProperty(name);
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                node = ObjectBranch(node.GetProperty("items"));
            }
        }

        if (node.TryGetProperty("items", out var items))
        {
            node = items;
        }

        return [.. node.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];
    }

    private static JsonElement ObjectBranch(JsonElement items) =>
        items.TryGetProperty("oneOf", out var branches) || items.TryGetProperty("anyOf", out branches)
            ? branches.EnumerateArray().First(b => b.TryGetProperty("properties", out _))
            : items;

    private static IEnumerable<string> EnumPaths(JsonElement node, string path)
    {
        if (node.TryGetProperty("enum", out _))
        {
            yield return path;
        }

        if (node.TryGetProperty("items", out var items))
        {
            var branch = ObjectBranch(items);
            if (branch.TryGetProperty("properties", out _))
            {
                foreach (var inner in EnumPaths(branch, path + "[]"))
                {
                    yield return inner;
                }
            }
            else if (items.TryGetProperty("enum", out _))
            {
                yield return path;
            }
        }

        if (node.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var child = path.Length == 0 ? property.Name : path.EndsWith("[]", StringComparison.Ordinal) ? path + "." + property.Name : path + "." + property.Name;
                foreach (var inner in EnumPaths(property.Value, child))
                {
                    yield return inner;
                }
            }
        }
    }
}
