using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TClass.Exports;
using TClass.Manifests;

namespace TClass.Tests.Exports;

/// <summary>The official schemas, fetched once from npm and loaded once.</summary>
public sealed class ExportSchemas
{
    public ExportSchemas()
    {
        var files = NpmFiles.CycloneDxSchemas.Select(NpmFiles.PathOf).ToList();
        CycloneDx = NJsonSchema.JsonSchema.FromFileAsync(files[0]).GetAwaiter().GetResult();
        Spdx = JsonSchema.FromFile(NpmFiles.PathOf(NpmFiles.Spdx3Schema), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>CycloneDX 1.6 (JSON Schema draft-07), read by NJsonSchema with its two references beside it.</summary>
    public NJsonSchema.JsonSchema CycloneDx { get; }

    /// <summary>SPDX 3.0.1 (JSON Schema 2020-12), read by JsonSchema.Net, which evaluates unevaluatedProperties and if/then.</summary>
    public JsonSchema Spdx { get; }

    public IReadOnlyList<string> CycloneDxErrors(string json) => [.. CycloneDx.Validate(json).Select(e => $"{e.Path}: {e.Kind}")];

    public IReadOnlyList<string> SpdxErrors(string json)
    {
        var result = Spdx.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}").Take(20)];
    }
}

[CollectionDefinition(Name)]
public sealed class ExportSchemasCollection : ICollectionFixture<ExportSchemas>
{
    public const string Name = "export schemas";
}

/// <summary>
/// Every card exported as a CycloneDX 1.6 ML-BOM and an SPDX 3.0.1 AI document is valid against the
/// official schema, and says what the card says: the level, the lineage, the training data.
/// </summary>
[Collection(ExportSchemasCollection.Name)]
public class ExportTests(ExportSchemas schemas)
{
    private static readonly TClassifier Classifier = TClassifier.Create();

    private static readonly ExportOptions Options = new()
    {
        Created = new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero),
        Name = "test",
        Ruleset = Classifier.Ruleset,
        Country = "KR",
        ToolVersion = "test",
    };

    private static readonly string[] CardPaths = [.. new[] { "docs/examples", "docs/registry/cards" }
        .SelectMany(folder => Directory.GetFiles(Path.Combine(TestData.RepoRoot, folder)).Select(f => folder + "/" + Path.GetFileName(f)))
        .Order(StringComparer.Ordinal)];

    public static TheoryData<string> Cards() => [.. CardPaths];

    private static ExportedModel Model(string card)
    {
        var manifest = ManifestReader.Read(Path.Combine(TestData.RepoRoot, card)).Manifest!;
        return new ExportedModel(manifest, Classifier.Classify(manifest));
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Every_card_is_a_valid_CycloneDX_ML_BOM(string card)
    {
        var bom = CycloneDxExport.Render([Model(card)], Options);

        Assert.Empty(schemas.CycloneDxErrors(bom));
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Every_card_is_a_valid_SPDX_3_AI_document(string card)
    {
        var document = SpdxExport.Render([Model(card)], Options);

        Assert.Empty(schemas.SpdxErrors(document));
        SpdxRules.Hold(document);
    }

    [Fact]
    public void All_cards_in_one_BOM_and_one_document_are_valid()
    {
        var models = CardPaths.Select(Model).ToList();

        Assert.Empty(schemas.CycloneDxErrors(CycloneDxExport.Render(models, Options)));
        var document = SpdxExport.Render(models, Options);
        Assert.Empty(schemas.SpdxErrors(document));
        SpdxRules.Hold(document);
    }

    [Fact]
    public void The_schemas_refuse_what_the_standards_refuse()
    {
        var model = Model("docs/examples/t2-continual-pretraining.yaml");
        var bom = CycloneDxExport.Render([model], Options);
        var document = SpdxExport.Render([model], Options);

        Assert.NotEmpty(schemas.CycloneDxErrors(bom.Replace("\"self-supervised\"", "\"self-taught\"", StringComparison.Ordinal)));
        Assert.NotEmpty(schemas.CycloneDxErrors(bom.Replace("\"machine-learning-model\"", "\"model\"", StringComparison.Ordinal)));
        Assert.NotEmpty(schemas.SpdxErrors(document.Replace("\"descendantOf\"", "\"descendentOf\"", StringComparison.Ordinal)));
        Assert.NotEmpty(schemas.SpdxErrors(document.Replace("\"ai_standardCompliance\"", "\"ai_level\"", StringComparison.Ordinal)));
        Assert.NotEmpty(schemas.SpdxErrors(document.Replace("2026-01-31T09:00:00Z", "2026-01-31T09:00:00.5Z", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_BOM_names_the_model_its_level_and_its_lineage()
    {
        var bom = JsonNode.Parse(CycloneDxExport.Render([Model("docs/examples/t2-continual-pretraining.yaml")], Options))!;
        var component = bom["components"]![0]!;

        Assert.Equal("machine-learning-model", (string?)component["type"]);
        var ancestor = component["pedigree"]!["ancestors"]![0]!;
        Assert.Equal("machine-learning-model", (string?)ancestor["type"]);
        Assert.StartsWith("weights (declared: weights.origin open-derivative", (string?)ancestor["properties"]![0]!["value"], StringComparison.Ordinal);
        Assert.Equal("self-supervised", (string?)component["modelCard"]!["modelParameters"]!["approach"]!["type"]);
        var properties = component["properties"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (string)p!["value"]!);
        Assert.Equal("T2", properties["tclass:level"]);
        Assert.Equal("tclass-2.0 2.0.0", properties["tclass:ruleset"]);
        Assert.Matches("^[0-9a-f]{64}$", properties["tclass:card:sha256"]);
    }

    [Fact]
    public void An_SPDX_document_relates_the_model_to_its_base_and_its_data()
    {
        var graph = JsonNode.Parse(SpdxExport.Render([Model("docs/examples/t2-continual-pretraining.yaml")], Options))!["@graph"]!.AsArray();
        var model = graph.Single(e => (string?)e!["type"] == "ai_AIPackage" && ((string)e["spdxId"]!).EndsWith(":model-1", StringComparison.Ordinal))!;
        string NameOf(string id) => (string)graph.Single(e => (string?)e!["spdxId"] == id)!["name"]!;
        var relations = graph.Where(e => (string?)e!["type"] == "Relationship").Select(r => ((string)r!["from"]!, (string)r["relationshipType"]!, (string)r["to"]![0]!)).ToList();

        var manifest = Model("docs/examples/t2-continual-pretraining.yaml").Manifest;
        Assert.Contains(relations, r => r.Item1 == (string)model["spdxId"]! && r.Item2 == "descendantOf" && NameOf(r.Item3) == manifest.Weights.Base[0]);
        Assert.Contains(relations, r => r.Item2 == "ancestorOf" && r.Item3 == (string)model["spdxId"]!);
        Assert.Contains("T2", (string)model["ai_standardCompliance"]![0]!, StringComparison.Ordinal);
        Assert.StartsWith("Weights: open-derivative from " + manifest.Weights.Base[0], (string)model["ai_informationAboutTraining"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Distillation_teachers_are_data_the_model_was_trained_on()
    {
        var card = CardPaths.First(c => Model(c).Manifest.Data.Teachers.Length > 0);
        var manifest = Model(card).Manifest;
        var graph = JsonNode.Parse(SpdxExport.Render([Model(card)], Options))!["@graph"]!.AsArray();

        var datasets = graph.Where(e => (string?)e!["type"] == "dataset_DatasetPackage").Select(e => (string)e!["name"]!).ToList();
        Assert.Contains($"outputs of {manifest.Data.Teachers[0].Id} of {manifest.Model.Id}", datasets);
        Assert.Equal(datasets.Count, graph.Count(e => (string?)e!["relationshipType"] == "trainedOn"));
    }

    [Fact]
    public void The_same_cards_give_the_same_bytes_in_any_culture()
    {
        var models = CardPaths.Take(8).Select(Model).ToList();
        var first = CycloneDxExport.Render(models, Options) + SpdxExport.Render(models, Options);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal(first, CycloneDxExport.Render(models, Options) + SpdxExport.Render(models, Options));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Another_time_or_set_of_cards_is_another_document()
    {
        Assert.NotEqual(Options.DocumentId, (Options with { Created = Options.Created.AddSeconds(1) }).DocumentId);
        Assert.NotEqual(Options.DocumentId, (Options with { Identity = "other" }).DocumentId);
        Assert.Equal(8, Options.DocumentId.Version);
    }

    [Theory]
    [InlineData("apache-2.0", "Apache-2.0", "Apache-2.0")]
    [InlineData("llama3", null, "LicenseRef-llama3")]
    [InlineData("cc-by-nc-4.0", "CC-BY-NC-4.0", "CC-BY-NC-4.0")]
    public void A_cards_license_is_an_SPDX_id_or_a_license_of_its_own(string license, string? id, string expression)
    {
        Assert.Equal(id, Licenses.SpdxId(license));
        Assert.Equal(expression, Licenses.Expression(license));
    }

    [Fact]
    public void Every_SPDX_id_the_export_writes_is_on_the_SPDX_license_list()
    {
        var list = JsonNode.Parse(File.ReadAllText(NpmFiles.PathOf(NpmFiles.CycloneDxSchemas[1])))!["enum"]!.AsArray().Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
        var hubIds = new[] { "apache-2.0", "mit", "bsd-3-clause", "cc0-1.0", "cc-by-4.0", "cc-by-sa-4.0", "cc-by-nc-4.0", "cc-by-nc-sa-4.0", "gpl-3.0", "lgpl-3.0", "agpl-3.0", "mpl-2.0", "openrail" };

        Assert.All(hubIds.Select(Licenses.SpdxId).OfType<string>(), id => Assert.Contains(id, list));
    }
}

/// <summary>What SPDX 3.0.1 requires beyond its JSON schema, checked on every exported document.</summary>
internal static class SpdxRules
{
    public static void Hold(string json)
    {
        var graph = JsonNode.Parse(json)!["@graph"]!.AsArray().Select(e => e!).ToList();
        var ids = graph.Where(e => e["spdxId"] is not null).Select(e => (string)e["spdxId"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var known = ids.Append("expandedlicensing_NoAssertionLicense").ToHashSet(StringComparer.Ordinal);
        var relations = graph.Where(e => (string?)e["type"] == "Relationship").ToList();
        Assert.All(relations, r => Assert.Subset(known, new[] { (string)r["from"]! }.Concat(r["to"]!.AsArray().Select(t => (string)t!)).ToHashSet(StringComparer.Ordinal)));

        var document = graph.Single(e => (string?)e["type"] == "SpdxDocument");
        var roots = document["rootElement"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.NotEmpty(roots);
        foreach (var root in roots)
        {
            var model = graph.Single(e => (string?)e["spdxId"] == root);
            Assert.Equal("ai_AIPackage", (string?)model["type"]);
            Assert.True(model["suppliedBy"] is null || known.Contains((string)model["suppliedBy"]!));
            Assert.Equal("model", (string?)model["software_primaryPurpose"]);
            Assert.Single(relations, r => (string?)r["from"] == root && (string?)r["relationshipType"] == "hasDeclaredLicense");
            Assert.Single(relations, r => (string?)r["from"] == root && (string?)r["relationshipType"] == "hasConcludedLicense");
        }
    }
}
