using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TClass.Evidence;
using TClass.Manifests;
using TClass.Reports;
using TClass.Rules;
using TClass.Text;
using TClass.Weights;

namespace TClass.Exports;

/// <summary>A model to export: its card, how it was classified and, when its files were read, what they showed.</summary>
/// <param name="Manifest">The card.</param>
/// <param name="Result">Its classification.</param>
/// <param name="Artifacts">The import of the model's folder (with its weight tests), when the card was set against its files.</param>
public sealed record ExportedModel(Manifest Manifest, Classification Result, ImportResult? Artifacts = null);

/// <summary>What every document of an export says about itself.</summary>
public sealed record ExportOptions
{
    /// <summary>
    /// When the document was made. Same inputs and the same time give the same bytes; the runner takes
    /// <c>SOURCE_DATE_EPOCH</c>, <c>--created</c>, or the newest modification time of the cards.
    /// </summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>The document's name.</summary>
    public string Name { get; init; } = "tclass export";

    /// <summary>
    /// What makes this document different from another of the same time: the runner gives the SHA-256
    /// of each card, in order, so that the same cards make the same document wherever they lie.
    /// </summary>
    public string Identity { get; init; } = "";

    /// <summary>The ruleset the models were classified with.</summary>
    public required Ruleset Ruleset { get; init; }

    /// <summary>The evaluation country.</summary>
    public required string Country { get; init; }

    /// <summary>The version of TClass that writes the document (the library's own unless given).</summary>
    public string ToolVersion { get; init; } = LibraryVersion;

    /// <summary>The library's version, without build metadata.</summary>
    public static string LibraryVersion { get; } =
        (typeof(ExportOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The created time as ISO 8601 in UTC to the second, e.g. <c>2026-01-31T09:00:00Z</c>.</summary>
    public string CreatedText => Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A UUID that stands for this document: the same identity, ruleset, country, tool and time give the
    /// same UUID (name-based, from SHA-256, with the version and variant bits of RFC 9562's version 8).
    /// </summary>
    public Guid DocumentId
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', "tclass export", Identity, Ruleset.Id, Ruleset.Version, Country, ToolVersion, CreatedText)));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return new Guid(hash.AsSpan(0, 16), bigEndian: true);
        }
    }

    /// <summary>The level line every export writes: <c>T-Class 2.0 (reference) — tclass-2.0 2.0.0, country KR: T5 Native Architecture</c>.</summary>
    internal string Standard(Classification result) =>
        $"{Ruleset.Title.En} — {Ruleset.Id} {Ruleset.Version}, country {Country}: " + (result.Outcome is { } level
            ? $"{level.Id} {level.Label.En}"
            : "undetermined, one of " + string.Join(", ", result.Candidates.Select(c => c.Id)));
}

/// <summary>Where one model comes from, as an export states it.</summary>
/// <param name="Model">The model it comes from (an id).</param>
/// <param name="What">What of the model comes from it, e.g. <c>weights</c> or <c>vision encoder</c>.</param>
/// <param name="How">How that is known: declared in the card, or measured from the weights.</param>
internal sealed record Lineage(string Model, string What, string How);

/// <summary>What the exports share: the lineage, the data and the properties of a classified model.</summary>
internal static class ExportFacts
{
    /// <summary>The JSON of every export: indented, UTF-8, Korean and quotes kept readable, control characters escaped.</summary>
    public static readonly JsonWriterOptions Json = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };

    /// <summary>
    /// The models this one descends from: the weights' base (declared, or measured from the weights
    /// when the card was set against its files) and the bases of components with weights of their own.
    /// </summary>
    public static ImmutableArray<Lineage> Ancestors(ExportedModel model)
    {
        var manifest = model.Manifest;
        var lineage = ImmutableArray.CreateBuilder<Lineage>();
        var weights = manifest.Weights;
        var how = "declared: weights.origin " + (weights.Origin?.Symbol() ?? "unknown")
            + (weights.Adaptation is { IsEmpty: false } adaptation ? ", adaptation " + string.Join(", ", adaptation.Select(a => a.Symbol())) : "");
        lineage.AddRange(weights.Base.Where(_ => weights.Origin != WeightsOrigin.Api).Select(b => new Lineage(b, "weights", how)));
        foreach (var measured in model.Result.Provenance.Where(p => p.Fact == "weights.base" && p.Concluded is not null
            && p.Status is ProvenanceStatus.Concluded or ProvenanceStatus.Conflicting))
        {
            lineage.AddRange(measured.Concluded!.Split(", ").Where(b => !weights.Base.Contains(b))
                .Select(b => new Lineage(b, "weights", "measured: " + measured.Source)));
        }

        lineage.AddRange(manifest.Components.Where(c => c.Base is not null && c.Origin != ComponentOrigin.Scratch)
            .Select(c => new Lineage(c.Base!, c.Name ?? c.Role?.Symbol() ?? "component", $"declared: component {(c.Role?.Symbol() ?? "other")}, origin {c.Origin.Symbol()}")));
        return lineage.ToImmutable();
    }

    /// <summary>Models the weights were measured against that the tests could not separate from them: similar, not proven related.</summary>
    public static ImmutableArray<Lineage> Variants(ExportedModel model) =>
        model.Artifacts?.Weights is { } report
            ? [.. report.Comparisons.Where(c => c.Relation == LineageRelation.Inconclusive)
                .Select(c => new Lineage(WeightEvidence.ReferenceId(c.Reference), "weights", "measured, inconclusive: " + c.Summary.En))]
            : [];

    /// <summary>The data the model was trained on, as far as the card says: its corpus and the teachers it was distilled from.</summary>
    public static ImmutableArray<(string Name, string Description)> Datasets(Manifest manifest)
    {
        var data = manifest.Data;
        var datasets = ImmutableArray.CreateBuilder<(string, string)>();
        var corpus = new List<string>();
        if (data.CuratedBy is { } curator)
        {
            corpus.Add("curated by " + (curator == Curator.Developer ? manifest.Model.Developer ?? "the developer" : "a third party"));
        }

        if (data.Tokens is { } tokens)
        {
            corpus.Add(tokens + " tokens");
        }

        if (!data.Languages.IsEmpty)
        {
            corpus.Add("languages " + string.Join(", ", data.Languages));
        }

        if (corpus.Count > 0)
        {
            datasets.Add(("training corpus", string.Join("; ", corpus)));
        }

        datasets.AddRange(data.Teachers.Select(t => ($"outputs of {t.Id}", $"distillation {data.Distillation?.Symbol() ?? "declared"} from {t.Id}"
            + (t.Origin is { } origin ? $" ({origin.Symbol()})" : ""))));
        return datasets.ToImmutable();
    }

    /// <summary>The classification and the card's facts as name–value pairs, in a fixed order.</summary>
    public static ImmutableArray<(string Name, string Value)> Properties(ExportedModel model, ExportOptions options)
    {
        var (manifest, result) = (model.Manifest, model.Result);
        var properties = ImmutableArray.CreateBuilder<(string, string)>();
        void Add(string name, string? value)
        {
            if (value is { Length: > 0 })
            {
                properties.Add(("tclass:" + name, value));
            }
        }

        Add("standard", options.Standard(result));
        Add("level", result.Outcome?.Id);
        Add("label", result.Outcome?.Label.En);
        Add("label:ko", result.Outcome?.Label.Ko);
        Add("group", result.Group?.Label.En);
        Add("candidates", string.Join(", ", result.Candidates.Select(c => c.Id)));
        Add("missing", string.Join(", ", result.Missing));
        Add("ruleset", $"{result.Ruleset.Id} {result.Ruleset.Version}");
        Add("country", result.Country);
        Add("because", result.Because());
        if (result.Next is { } next)
        {
            Add("next", $"{next.Outcome.Id} {next.Outcome.Label.En}: " + string.Join("; ", next.Needs.Select(n => TextReport.Requirement(n, Language.English))));
        }

        foreach (var score in result.Scores)
        {
            Add("score:" + score.Axis, TextReport.Score(score));
        }

        Add("card", result.File);
        Add("card:sha256", result.ManifestSha256);
        Add("weights.origin", manifest.Weights.Origin?.Symbol());
        Add("architecture.family", manifest.Architecture.Family);
        Add("architecture.config", manifest.Architecture.Config?.Symbol());
        Add("architecture.changes", string.Join(", ", manifest.Architecture.Changes.Select(c => c.Symbol())));
        Add("architecture.topology", manifest.Architecture.Topology is { } topology ? string.Join(", ", topology.Select(t => t.Symbol())) : null);
        Add("tokenizer.origin", manifest.Tokenizer.Origin?.Symbol());
        Add("tokenizer.base", manifest.Tokenizer.Base);
        Add("data.curated_by", manifest.Data.CuratedBy?.Symbol());
        Add("data.distillation", manifest.Data.Distillation?.Symbol());
        foreach (var (stage, facts) in new[] { ("training", manifest.Infrastructure.Training), ("serving", manifest.Infrastructure.Serving) })
        {
            Add($"infrastructure.{stage}.chips", Placements(facts.Chips));
            Add($"infrastructure.{stage}.cloud", Placements(facts.Cloud));
        }

        foreach (var (path, evidence) in manifest.Evidence)
        {
            Add("evidence:" + path, evidence);
        }

        foreach (var warning in result.Warnings)
        {
            Add("warning", $"{warning.Path}: {warning.Message}");
        }

        return properties.ToImmutable();
    }

    private static string? Placements(ImmutableArray<Placement>? placements) =>
        placements is { } list ? string.Join(", ", list.Select(p => p.Label + (p.Owner is null && p.Country is null ? "" : $" ({string.Join(", ", new[] { p.Owner, p.Country }.OfType<string>())})"))) : null;

    /// <summary>
    /// Writes JSON to a text writer in pieces: whatever has been written is passed on at each
    /// <see cref="Flush"/>, so that a document of many models is never held whole.
    /// </summary>
    public sealed class Chunks : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private readonly TextWriter _output;

        public Chunks(TextWriter output)
        {
            _output = output;
            Writer = new Utf8JsonWriter(_buffer, Json);
        }

        public Utf8JsonWriter Writer { get; }

        public void Flush()
        {
            Writer.Flush();
            _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
            _buffer.ResetWrittenCount();
        }

        public void Dispose()
        {
            Flush();
            Writer.Dispose();
        }
    }
}
