using System.Globalization;
using System.Text.Json;
using TClass.Manifests;

namespace TClass.Exports;

/// <summary>
/// Writes classified models as an SPDX 3.0.1 document (JSON-LD) with the AI and dataset profiles:
/// one <c>ai_AIPackage</c> per model carrying the level and ruleset in <c>ai_standardCompliance</c>
/// and what the card says of its training in <c>ai_informationAboutTraining</c>; its lineage as
/// <c>descendantOf</c> / <c>ancestorOf</c> relationships with the models it comes from (declared or
/// measured), <c>hasVariant</c> with models the weight tests could not separate from it, and
/// <c>trainedOn</c> with its corpus and the outputs it was distilled from; its declared license (the
/// card's, else NOASSERTION) and concluded license (NOASSERTION: TClass does not examine licenses); its
/// supplier when the card names its developer.
/// Models are written as they come; the document element, which lists them, comes last.
/// </summary>
public static class SpdxExport
{
    /// <summary>The SPDX version written.</summary>
    public const string SpecVersion = "3.0.1";

    private const string Creation = "_:creationinfo";

    /// <summary>The document as a string.</summary>
    public static string Render(IEnumerable<ExportedModel> models, ExportOptions options)
    {
        using var text = new StringWriter { NewLine = "\n" };
        Write(text, models, options);
        return text.ToString();
    }

    /// <summary>Writes the document to <paramref name="output"/>, one model at a time.</summary>
    public static void Write(TextWriter output, IEnumerable<ExportedModel> models, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        var ns = $"urn:tclass:{options.DocumentId:D}:";
        using var chunks = new ExportFacts.Chunks(output);
        var json = chunks.Writer;
        json.WriteStartObject();
        json.WriteString("@context", "https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
        json.WriteStartArray("@graph");
        json.WriteStartObject();
        json.WriteString("type", "CreationInfo");
        json.WriteString("@id", Creation);
        json.WriteString("specVersion", SpecVersion);
        json.WriteString("created", options.CreatedText);
        Strings(json, "createdBy", ns + "agent");
        Strings(json, "createdUsing", ns + "tool");
        json.WriteEndObject();
        Element(json, "SoftwareAgent", ns + "agent", "tclass");
        Element(json, "Tool", ns + "tool", "tclass " + options.ToolVersion);
        License(json, ns + "data-license", "CC0-1.0");

        var count = 0;
        foreach (var model in models)
        {
            Model(json, model, options, $"{ns}model-{++count}");
            chunks.Flush();
        }

        json.WriteStartObject();
        json.WriteString("type", "SpdxDocument");
        json.WriteString("spdxId", ns + "document");
        json.WriteString("creationInfo", Creation);
        json.WriteString("name", options.Name);
        json.WriteString("comment", $"Models classified by tclass on {options.Ruleset.Title.En} ({options.Ruleset.Id} {options.Ruleset.Version}), country {options.Country}.");
        json.WriteString("dataLicense", ns + "data-license");
        Strings(json, "profileConformance", "core", "software", "simpleLicensing", "ai", "dataset");
        Strings(json, "rootElement", [.. Enumerable.Range(1, count).Select(i => $"{ns}model-{i}")]);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Model(Utf8JsonWriter json, ExportedModel model, ExportOptions options, string id)
    {
        var (manifest, result) = (model.Manifest, model.Result);
        string? supplier = null;
        if (manifest.Model.Developer is { } developer)
        {
            supplier = id + ":developer";
            Element(json, "Organization", supplier, developer);
        }

        json.WriteStartObject();
        json.WriteString("type", "ai_AIPackage");
        json.WriteString("spdxId", id);
        json.WriteString("creationInfo", Creation);
        json.WriteString("name", manifest.Model.Id);
        if (manifest.Model.Name is { } name)
        {
            json.WriteString("summary", name);
        }

        json.WriteString("comment", result.Because() + (result.Next is { } next
            ? $" Next level {next.Outcome.Id}: " + string.Join("; ", next.Needs.Select(n => Reports.TextReport.Requirement(n, Text.Language.English))) + "."
            : ""));
        if (supplier is not null)
        {
            json.WriteString("suppliedBy", supplier);
        }

        if (manifest.Model.Released is { } released)
        {
            json.WriteString("releaseTime", released.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z");
        }

        json.WriteString("software_primaryPurpose", "model");
        Strings(json, "ai_standardCompliance", options.Standard(result));
        var types = new[] { manifest.Architecture.Family, manifest.Architecture.Class }.OfType<string>().ToArray();
        if (types.Length > 0)
        {
            Strings(json, "ai_typeOfModel", types);
        }

        if (manifest.Tokenizer.VocabSize is { } vocabulary)
        {
            json.WriteStartArray("ai_hyperparameter");
            json.WriteStartObject();
            json.WriteString("type", "DictionaryEntry");
            json.WriteString("key", "vocab_size");
            json.WriteString("value", vocabulary.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteString("ai_informationAboutTraining", Training(manifest));
        if (Serving(manifest) is { } serving)
        {
            json.WriteString("ai_informationAboutApplication", serving);
        }

        json.WriteEndObject();

        var relations = 0;
        var ancestors = ExportFacts.Ancestors(model);
        for (var i = 0; i < ancestors.Length; i++)
        {
            var ancestor = $"{id}:ancestor-{i + 1}";
            Element(json, "ai_AIPackage", ancestor, ancestors[i].Model, $"{ancestors[i].What} of {manifest.Model.Id} ({ancestors[i].How})", purpose: "model");
            Relationship(json, $"{id}:relationship-{++relations}", id, "descendantOf", ancestor);
            Relationship(json, $"{id}:relationship-{++relations}", ancestor, "ancestorOf", id);
        }

        var variants = ExportFacts.Variants(model);
        for (var i = 0; i < variants.Length; i++)
        {
            var variant = $"{id}:variant-{i + 1}";
            Element(json, "ai_AIPackage", variant, variants[i].Model, $"{variants[i].What} of {manifest.Model.Id} ({variants[i].How})", purpose: "model");
            Relationship(json, $"{id}:relationship-{++relations}", id, "hasVariant", variant);
        }

        var datasets = ExportFacts.Datasets(manifest);
        for (var i = 0; i < datasets.Length; i++)
        {
            var dataset = $"{id}:dataset-{i + 1}";
            json.WriteStartObject();
            json.WriteString("type", "dataset_DatasetPackage");
            json.WriteString("spdxId", dataset);
            json.WriteString("creationInfo", Creation);
            json.WriteString("name", $"{datasets[i].Name} of {manifest.Model.Id}");
            json.WriteString("comment", datasets[i].Description);
            json.WriteString("software_primaryPurpose", "data");
            Strings(json, "dataset_datasetType", [.. (manifest.Model.Modalities ?? [Modality.Text]).Select(m => m.Symbol())]);
            json.WriteEndObject();
            Relationship(json, $"{id}:relationship-{++relations}", id, "trainedOn", dataset);
        }

        var declared = "expandedlicensing_NoAssertionLicense";
        if (manifest.Card?.License is { } license && !Licenses.SaysNothing(license))
        {
            declared = id + ":declared-license";
            License(json, declared, Licenses.Expression(license));
        }

        Relationship(json, $"{id}:relationship-{++relations}", id, "hasDeclaredLicense", declared);
        Relationship(json, $"{id}:relationship-{++relations}", id, "hasConcludedLicense", "expandedlicensing_NoAssertionLicense");
    }

    /// <summary>What the card says of the model's training, in one paragraph.</summary>
    private static string Training(Manifest manifest)
    {
        var parts = new List<string>();
        var weights = manifest.Weights;
        parts.Add("Weights: " + (weights.Origin?.Symbol() ?? "origin not declared")
            + (weights.Base.IsEmpty ? "" : " from " + string.Join(", ", weights.Base))
            + (weights.Adaptation is { IsEmpty: false } adaptation ? " (" + string.Join(", ", adaptation.Select(a => a.Symbol())) + ")" : "") + ".");
        if (manifest.Architecture.Family is { } family)
        {
            parts.Add($"Architecture: {family}" + (manifest.Architecture.Config is { } config ? $", configuration {config.Symbol()}" : "")
                + (manifest.Architecture.Changes.IsEmpty ? "" : ", changes " + string.Join(", ", manifest.Architecture.Changes.Select(c => c.Symbol())))
                + (manifest.Architecture.Topology is { IsEmpty: false } topology ? ", redesigned " + string.Join(", ", topology.Select(t => t.Symbol())) : "") + ".");
        }

        if (manifest.Tokenizer.Origin is { } tokenizer)
        {
            parts.Add($"Tokenizer: {tokenizer.Symbol()}" + (manifest.Tokenizer.Base is { } tokenizerBase ? $" from {tokenizerBase}" : "") + ".");
        }

        if (manifest.Data.CuratedBy is { } curator)
        {
            parts.Add($"Data curated by {curator.Symbol()}" + (manifest.Data.Distillation is { } distillation ? $", distillation {distillation.Symbol()}" : "") + ".");
        }

        var training = manifest.Infrastructure.Training;
        if (training.Chips is { } chips)
        {
            parts.Add("Trained on " + string.Join(", ", chips.Select(c => c.Label)) + (training.Cloud is { } cloud ? " in " + string.Join(", ", cloud.Select(c => c.Label)) : "") + ".");
        }

        return string.Join(" ", parts);
    }

    private static string? Serving(Manifest manifest)
    {
        var serving = manifest.Infrastructure.Serving;
        return serving.Chips is null && serving.Cloud is null ? null
            : "Served" + (serving.Chips is { } chips ? " on " + string.Join(", ", chips.Select(c => c.Label)) : "")
              + (serving.Cloud is { } cloud ? " in " + string.Join(", ", cloud.Select(c => c.Label)) : "") + ".";
    }

    private static void Element(Utf8JsonWriter json, string type, string id, string name, string? comment = null, string? purpose = null)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("spdxId", id);
        json.WriteString("creationInfo", Creation);
        json.WriteString("name", name);
        if (comment is not null)
        {
            json.WriteString("comment", comment);
        }

        if (purpose is not null)
        {
            json.WriteString("software_primaryPurpose", purpose);
        }

        json.WriteEndObject();
    }

    private static void License(Utf8JsonWriter json, string id, string expression)
    {
        json.WriteStartObject();
        json.WriteString("type", "simplelicensing_LicenseExpression");
        json.WriteString("spdxId", id);
        json.WriteString("creationInfo", Creation);
        json.WriteString("simplelicensing_licenseExpression", expression);
        json.WriteEndObject();
    }

    private static void Relationship(Utf8JsonWriter json, string id, string from, string type, string to)
    {
        json.WriteStartObject();
        json.WriteString("type", "Relationship");
        json.WriteString("spdxId", id);
        json.WriteString("creationInfo", Creation);
        json.WriteString("from", from);
        json.WriteString("relationshipType", type);
        Strings(json, "to", to);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, params string[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
