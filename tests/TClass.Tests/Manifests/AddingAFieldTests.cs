using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Facts;
using TClass.Resources;
using TClass.Rules;

namespace TClass.Tests.Manifests;

/// <summary>
/// docs/adding-a-field.md, run: its schema and ruleset blocks are applied to copies of the built-in
/// schema and the msit-independent-fm ruleset, and the new field works end to end with no C#.
/// </summary>
public sealed partial class AddingAFieldTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "adding-a-field.md"));

    private static string Block(string info) =>
        Blocks().Matches(Guide).First(m => m.Groups["info"].Value == info).Groups["body"].Value;

    [GeneratedRegex(@"```(?<info>[a-z]+ [a-z-]+(?: [a-z]+)?)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Blocks();

    private static string PatchedSchema()
    {
        var schema = JsonNode.Parse(Schemas.Manifest)!;
        var field = JsonNode.Parse("{" + Block("json add-to-schema data") + "}")!.AsObject();
        var data = schema["properties"]!["data"]!["properties"]!.AsObject();
        foreach (var (name, value) in field.ToList())
        {
            field.Remove(name);
            data.Add(name, value);
        }

        return schema.ToJsonString();
    }

    private static string PatchedRuleset() => BuiltInRulesets.Text("msit-independent-fm")
        .Replace("\nroot: ", "\n" + Block("yaml add-to-ruleset facts").TrimEnd() + "\n\nroot: ", StringComparison.Ordinal)
        .Replace("\nnotes:\n", "\nnotes:\n" + Block("yaml add-to-ruleset notes"), StringComparison.Ordinal);

    private static MappingNode Document(string yaml)
    {
        var diagnostics = new DiagnosticBag("manifest.yaml");
        var root = DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default) as MappingNode;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.ToImmutableSorted()));
        return root!;
    }

    [Fact]
    public void The_schema_edit_alone_makes_a_valid_field_and_a_fact()
    {
        var schema = PatchedSchema();
        var manifest = Document(Block("yaml manifest"));
        var diagnostics = new DiagnosticBag("manifest.yaml");
        SchemaValidation.FromJson(schema).Validate(manifest, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.ToImmutableSorted()));

        var facts = JsonSchemaFacts.Read(schema, "patched format");
        Assert.Equal(FactKind.Bool, facts.Find("data.sources_published")!.Kind);
        Assert.Equal(BoolValue.False, new DocumentFacts(manifest, facts, (_, _, _) => null).Read("data.sources_published"));

        var wrong = new DiagnosticBag("manifest.yaml");
        SchemaValidation.FromJson(schema).Validate(Document(Block("yaml manifest").Replace("sources_published: false", "sources_published: maybe", StringComparison.Ordinal)), wrong);
        Assert.Contains(wrong.ToImmutableSorted(), d => d.Path == "data.sources_published" && d.Fix == "Write true or false.");
    }

    [Fact]
    public void The_ruleset_edit_reads_it_and_the_result_carries_the_note()
    {
        var facts = JsonSchemaFacts.Read(PatchedSchema(), "patched format");
        var read = RulesetReader.Parse(PatchedRuleset(), facts, "msit-patched.yaml");
        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));

        var result = TClassifier.Create(new ClassifierOptions { Ruleset = read.Ruleset })
            .Classify(new DocumentFacts(Document(Block("yaml manifest")), facts, (_, _, _) => null), "example/transparent");

        Assert.Equal("eligible", result.Outcome?.Id);
        Assert.Contains(result.Notes, n => n.Id == "sources-not-published");
    }

    [Fact]
    public void Without_the_schema_edit_the_ruleset_does_not_load()
    {
        var read = RulesetReader.Parse(PatchedRuleset(), TClass.Manifests.ManifestFacts.Schema, "msit-patched.yaml");

        Assert.Contains(read.Diagnostics, d => d.Code == "unknown-fact" && d.Message.Contains("data.sources_published", StringComparison.Ordinal));
    }
}
