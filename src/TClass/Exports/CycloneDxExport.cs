using System.Text.Json;
using TClass.Manifests;

namespace TClass.Exports;

/// <summary>
/// Writes classified models as a CycloneDX 1.6 ML-BOM (JSON): one <c>machine-learning-model</c>
/// component per model with its <c>modelCard</c> (approach, architecture family and class, datasets,
/// inputs and outputs, considerations), its lineage in <c>pedigree</c> (<c>ancestors</c>: the weights'
/// base and the bases of third-party components, declared or measured; <c>variants</c>: models the
/// weight tests found similar but could not prove related) and the level, ruleset, card hash,
/// evidence, chips and clouds as <c>tclass:</c> properties. Models are written as they come, so a
/// batch is never held whole; the same models and options give the same bytes.
/// </summary>
public static class CycloneDxExport
{
    /// <summary>The CycloneDX specification version written.</summary>
    public const string SpecVersion = "1.6";

    /// <summary>The BOM as a string.</summary>
    public static string Render(IEnumerable<ExportedModel> models, ExportOptions options)
    {
        using var text = new StringWriter { NewLine = "\n" };
        Write(text, models, options);
        return text.ToString();
    }

    /// <summary>Writes the BOM to <paramref name="output"/>, one model at a time.</summary>
    public static void Write(TextWriter output, IEnumerable<ExportedModel> models, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        using var chunks = new ExportFacts.Chunks(output);
        var json = chunks.Writer;
        json.WriteStartObject();
        json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", SpecVersion);
        json.WriteString("serialNumber", "urn:uuid:" + options.DocumentId.ToString("D"));
        json.WriteNumber("version", 1);
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", options.CreatedText);
        json.WriteStartObject("tools");
        json.WriteStartArray("components");
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("name", "tclass");
        json.WriteString("version", options.ToolVersion);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        Properties(json, [("tclass:ruleset", $"{options.Ruleset.Id} {options.Ruleset.Version}"), ("tclass:country", options.Country)]);
        json.WriteEndObject();
        json.WriteStartArray("components");
        var index = 0;
        foreach (var model in models)
        {
            Component(json, model, options, ++index);
            chunks.Flush();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Component(Utf8JsonWriter json, ExportedModel model, ExportOptions options, int index)
    {
        var manifest = model.Manifest;
        json.WriteStartObject();
        json.WriteString("type", "machine-learning-model");
        json.WriteString("bom-ref", $"model-{index}");
        json.WriteString("name", manifest.Model.Id);
        if (manifest.Model.Name is { } name)
        {
            json.WriteString("description", name);
        }

        if (manifest.Model.Developer is { } developer)
        {
            json.WriteStartObject("manufacturer");
            json.WriteString("name", developer);
            if (manifest.Model.Country is { } country)
            {
                json.WriteStartObject("address");
                json.WriteString("country", country);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (manifest.Card?.License is { } license && !Licenses.SaysNothing(license))
        {
            json.WriteStartArray("licenses");
            json.WriteStartObject();
            json.WriteStartObject("license");
            if (Licenses.SpdxId(license) is { } spdx)
            {
                json.WriteString("id", spdx);
            }
            else
            {
                json.WriteString("name", license);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        var links = manifest.Model.References.Where(r => Uri.TryCreate(r, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http").ToList();
        if (links.Count > 0)
        {
            json.WriteStartArray("externalReferences");
            foreach (var link in links)
            {
                json.WriteStartObject();
                json.WriteString("url", link);
                json.WriteString("type", "documentation");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        Pedigree(json, ExportFacts.Ancestors(model), ExportFacts.Variants(model));
        ModelCard(json, model, options);
        Properties(json, ExportFacts.Properties(model, options));
        json.WriteEndObject();
    }

    private static void Pedigree(Utf8JsonWriter json, IReadOnlyList<Lineage> ancestors, IReadOnlyList<Lineage> variants)
    {
        if (ancestors.Count == 0 && variants.Count == 0)
        {
            return;
        }

        json.WriteStartObject("pedigree");
        foreach (var (key, models) in new[] { ("ancestors", ancestors), ("variants", variants) }.Where(l => l.Item2.Count > 0))
        {
            json.WriteStartArray(key);
            foreach (var lineage in models)
            {
                json.WriteStartObject();
                json.WriteString("type", "machine-learning-model");
                json.WriteString("name", lineage.Model);
                Properties(json, [("tclass:lineage", $"{lineage.What} ({lineage.How})")]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void ModelCard(Utf8JsonWriter json, ExportedModel model, ExportOptions options)
    {
        var manifest = model.Manifest;
        json.WriteStartObject("modelCard");
        json.WriteStartObject("modelParameters");
        if (Approach(manifest.Weights) is { } approach)
        {
            json.WriteStartObject("approach");
            json.WriteString("type", approach);
            json.WriteEndObject();
        }

        if (manifest.Architecture.Family is { } family)
        {
            json.WriteString("architectureFamily", family);
        }

        var architecture = manifest.Architecture.Class
            ?? (manifest.Architecture.Topology is { IsEmpty: false } topology ? "own design: " + string.Join(", ", topology.Select(t => t.Symbol())) : null);
        if (architecture is not null)
        {
            json.WriteString("modelArchitecture", architecture);
        }

        var datasets = ExportFacts.Datasets(manifest);
        if (!datasets.IsEmpty)
        {
            json.WriteStartArray("datasets");
            foreach (var (name, description) in datasets)
            {
                json.WriteStartObject();
                json.WriteString("type", "dataset");
                json.WriteString("name", name);
                json.WriteString("description", description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("inputs");
        foreach (var modality in manifest.Model.Modalities ?? [Modality.Text])
        {
            json.WriteStartObject();
            json.WriteString("format", modality.Symbol());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("outputs");
        json.WriteStartObject();
        json.WriteString("format", "text");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("considerations");
        json.WriteStartArray("technicalLimitations");
        json.WriteStringValue(model.Result.Because());
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The learning approach the weights' origin shows: pre-training (from scratch or continued) is
    /// self-supervised, fine-tuning supervised, preference tuning reinforcement learning; remodelling
    /// alone (a merge, pruning) and a hosted model say nothing, and nothing is written.
    /// </summary>
    internal static string? Approach(WeightsFacts weights) => weights.Origin switch
    {
        WeightsOrigin.Scratch or WeightsOrigin.OwnCheckpoint => "self-supervised",
        WeightsOrigin.ClosedFinetune => "supervised",
        WeightsOrigin.OpenDerivative when weights.Adaptation is { } adaptation => adaptation.Contains(Adaptation.Cpt) ? "self-supervised"
            : adaptation.Any(a => a is Adaptation.Sft or Adaptation.Lora or Adaptation.VocabExpansion) ? "supervised"
            : adaptation.Contains(Adaptation.Rlhf) ? "reinforcement-learning" : null,
        _ => null,
    };

    private static void Properties(Utf8JsonWriter json, IEnumerable<(string Name, string Value)> properties)
    {
        json.WriteStartArray("properties");
        foreach (var (name, value) in properties)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
