using System.Text.Json.Nodes;
using TClass.Evidence;
using TClass.Exports;
using TClass.Manifests;
using TClass.Tests.Weights;
using TClass.Text;
using TClass.Weights;

namespace TClass.Tests.Exports;

/// <summary>Lineage the weights show, exported as measured: ancestors when derived, variants when the tests could not settle it.</summary>
[Collection(ExportSchemasCollection.Name)]
public sealed class MeasuredLineageTests(ExportSchemas schemas) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tclass-export-lineage-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly TClassifier Classifier = TClassifier.Create();

    private static ExportOptions Options => new() { Ruleset = Classifier.Ruleset, Country = "KR", ToolVersion = "test" };

    private static readonly Manifest Card = ManifestReader.Parse("tclass: 1\nmodel: { id: lab/fine-tune }\n", "card.yaml").Manifest!;

    [Fact]
    public void A_base_the_weights_show_is_a_measured_ancestor()
    {
        var parent = SyntheticModel.Random(new ModelShape(Layers: 3), 1);
        var reference = Path.Combine(_root, "Qwen2.5-7B");
        parent.Write(reference);
        var model = Path.Combine(_root, "fine-tune");
        parent.Train(0.05, 3).Write(model);
        var artifacts = ModelImporter.Import(model, [reference]);
        var exported = new ExportedModel(Card, Classifier.Classify(Card, artifacts), artifacts);

        var bom = CycloneDxExport.Render([exported], Options);
        var document = SpdxExport.Render([exported], Options);

        var ancestor = JsonNode.Parse(bom)!["components"]![0]!["pedigree"]!["ancestors"]![0]!;
        Assert.Equal("Qwen2.5-7B", (string?)ancestor["name"]);
        Assert.StartsWith("weights (measured: tclass weights against Qwen2.5-7B: decoder derived", (string?)ancestor["properties"]![0]!["value"], StringComparison.Ordinal);
        Assert.Empty(schemas.CycloneDxErrors(bom));
        Assert.Empty(schemas.SpdxErrors(document));
        Assert.Contains("\"relationshipType\": \"descendantOf\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_the_tests_could_not_settle_is_a_variant_not_an_ancestor()
    {
        var summary = new LocalizedText("no applicable test: the reference's weights are stored in a type TClass does not read", "적용할 검정이 없습니다");
        var comparison = new WeightComparison(Path.Combine(_root, "models--Qwen--Qwen2.5-7B", "snapshots", "abc"), "safetensors", LineageRelation.Inconclusive,
            null, [], summary, [], [], [], [], 0);
        var artifacts = ModelImporter.Import(Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models", "qwen2.5-7b")) with
        {
            Weights = new WeightLineageReport("fine-tune", "safetensors", [], [comparison], [], 0, 0, 0),
        };
        var exported = new ExportedModel(Card, Classifier.Classify(Card), artifacts);

        var component = JsonNode.Parse(CycloneDxExport.Render([exported], Options))!["components"]![0]!;
        var graph = JsonNode.Parse(SpdxExport.Render([exported], Options))!["@graph"]!.AsArray();

        Assert.Null(component["pedigree"]!["ancestors"]);
        var variant = component["pedigree"]!["variants"]![0]!;
        Assert.Equal("Qwen/Qwen2.5-7B", (string?)variant["name"]);
        Assert.Equal("weights (measured, inconclusive: " + summary.En + ")", (string?)variant["properties"]![0]!["value"]);
        Assert.Single(graph, e => (string?)e!["relationshipType"] == "hasVariant");
        Assert.DoesNotContain(graph, e => (string?)e!["relationshipType"] == "descendantOf");
    }
}
