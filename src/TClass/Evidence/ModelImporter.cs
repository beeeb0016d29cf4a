using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using TClass.Catalogs;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Manifests;
using TClass.ModelFiles;
using TClass.Text;
using TClass.Tokenizers;
using TClass.Weights;

namespace TClass.Evidence;

/// <summary>A fact concluded from a model's files, with the file and field it came from.</summary>
/// <param name="Path">The manifest path, e.g. <c>architecture.config</c>.</param>
/// <param name="Value">The value, as written in a manifest.</param>
/// <param name="Source">Which file and field it came from.</param>
public sealed record ConcludedFact(string Path, string Value, string Source);

/// <summary>The outcome of importing a model folder.</summary>
/// <param name="Folder">The folder.</param>
/// <param name="Draft">The draft manifest: only concluded facts, each with its evidence.</param>
/// <param name="Facts">The concluded facts.</param>
/// <param name="Architecture">The configuration compared with the catalog, when there is a config.json.</param>
/// <param name="CopyOf">When the folder is a quantized or converted copy: the model it copies.</param>
/// <param name="Review">What a person must still declare or check, in the manifest's order.</param>
/// <param name="Diagnostics">Files that could not be read safely.</param>
public sealed record ImportResult(
    string Folder, Manifest Draft, ImmutableArray<ConcludedFact> Facts, ArchitectureComparison? Architecture, string? CopyOf,
    ImmutableArray<LocalizedText> Review, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The concluded fact at <paramref name="path"/>, if any.</summary>
    public ConcludedFact? Fact(string path) => Facts.FirstOrDefault(f => f.Path == path);

    /// <summary>The weight-lineage report against the references given to the import, if any.</summary>
    public WeightLineageReport? Weights { get; init; }
}

/// <summary>
/// Drafts a manifest from a local Hugging Face model folder: <c>config.json</c>, the model card's front
/// matter, <c>adapter_config.json</c>, <c>mergekit_config.yml</c> and the tokenizer files. Every fact
/// it concludes carries the file and field it came from; what the files cannot decide stays out of
/// the draft and goes into the review list. Nothing is fetched from a network.
/// </summary>
public static class ModelImporter
{
    /// <summary>Imports <paramref name="folder"/>.</summary>
    public static ImportResult Import(string folder, CatalogSet? catalogs = null) => Import(folder, [], catalogs);

    /// <summary>
    /// Imports <paramref name="folder"/> and tests its weights against each of <paramref name="references"/>
    /// (<see cref="WeightLineage"/>): what the weights show — an open derivative with its base and
    /// adaptation, or a third-party component — goes into the draft with the test as evidence.
    /// </summary>
    public static ImportResult Import(string folder, IReadOnlyList<string> references, CatalogSet? catalogs = null)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(folder);
        catalogs ??= CatalogSet.BuiltIn;
        var diagnostics = new DiagnosticBag(folder);
        var files = new ModelFolder(folder, diagnostics);
        var facts = new List<ConcludedFact>();
        var review = new List<LocalizedText>();
        if (!Directory.Exists(folder))
        {
            diagnostics.Error("not-found", SourcePosition.WholeFile, "", "the model folder does not exist.", "Check the path.");
            return new ImportResult(folder, new Manifest { Model = new ModelInfo(Path.GetFileName(folder)) }, [], null, null, [], diagnostics.ToImmutableSorted());
        }

        var card = ReadCard(files);
        var config = ReadConfig(files);
        var adapter = ReadAdapter(files);
        var merge = ReadMerge(files);
        var id = card?.Id ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));

        // What the folder is: a quantized copy, an adapter, a merge, a fine-tune, or none of these.
        var relation = card?.Relation
            ?? (adapter is not null ? "adapter"
                : merge is not null ? "merge"
                : files.Files("*.gguf").Any() || (config?.Quantization is not null && card?.BaseModels.Length > 0) ? "quantized"
                : card?.BaseModels.Length > 0 ? "finetune" : null);
        var relationSource = card?.Relation is not null ? "README.md front matter: base_model_relation"
            : relation is null ? "" : $"inferred as '{relation}' the way the Hugging Face Hub does (from the files present)";
        string? copyOf = null;
        var weights = new WeightsFacts();
        var bases = adapter?.Base is { } adapterBase ? [adapterBase] : merge?.Models ?? card?.BaseModels ?? [];
        switch (relation)
        {
            case "quantized":
                copyOf = bases.FirstOrDefault();
                review.Add(copyOf is null ? DiagnosticCatalog.Phrase("review.quantized-unknown") : DiagnosticCatalog.Phrase("review.quantized", ("model", copyOf)));
                break;
            case "adapter" or "merge" or "finetune" when bases.Length > 0:
                var adaptation = relation == "adapter" ? Adaptation.Lora : relation == "merge" ? Adaptation.Merge : (Adaptation?)null;
                weights = new WeightsFacts
                {
                    Origin = WeightsOrigin.OpenDerivative,
                    Base = bases,
                    Adaptation = adaptation is { } a ? [a] : null,
                };
                var source = relation switch
                {
                    "adapter" => $"adapter_config.json: peft_type {adapter!.PeftType}, base_model_name_or_path {bases[0]}",
                    "merge" => $"mergekit_config.yml: merge_method {merge!.Method}, models {string.Join(", ", bases)}",
                    _ => $"README.md front matter: base_model {string.Join(", ", bases)} ({relationSource})",
                };
                facts.Add(new ConcludedFact("weights.origin", "open-derivative", source));
                facts.Add(new ConcludedFact("weights.base", string.Join(", ", bases), source));
                if (adaptation is { } concluded)
                {
                    facts.Add(new ConcludedFact("weights.adaptation", concluded.Symbol(), source));
                }
                else
                {
                    review.Add(DiagnosticCatalog.Phrase("review.adaptation"));
                }

                review.Add(DiagnosticCatalog.Phrase("review.own-base", ("bases", string.Join(", ", bases))));
                break;
            default:
                review.Add(DiagnosticCatalog.Phrase("review.origin-unknown"));
                break;
        }

        WeightLineageReport? lineage = null;
        var components = ImmutableArray<Component>.Empty;
        if (references.Count > 0)
        {
            var compared = WeightLineage.Compare(folder, references);
            diagnostics.AddRange(compared.Diagnostics);
            if (compared.Report is { } report)
            {
                lineage = report;
                var measured = new List<ConcludedFact>();
                (var measuredWeights, components) = WeightEvidence.Conclude(report, measured, review);
                if (measuredWeights is not null)
                {
                    // What the weights show outranks what the card's front matter says.
                    facts.RemoveAll(f => f.Path.StartsWith("weights.", StringComparison.Ordinal));
                    review.RemoveAll(r => r.En.StartsWith("weights.origin: no file says", StringComparison.Ordinal) || r.En.StartsWith("weights.adaptation:", StringComparison.Ordinal));
                    weights = measuredWeights;
                }

                facts.AddRange(measured);
            }
        }

        var architecture = new ArchitectureFacts();
        ArchitectureComparison? comparison = null;
        var modalities = ImmutableArray.Create(Modality.Text);
        if (config is not null)
        {
            comparison = ArchitectureComparison.Compare(config, catalogs.Architectures);
            (architecture, modalities) = Architecture(config, comparison, facts, review);
        }
        else
        {
            review.Add(DiagnosticCatalog.Phrase("review.no-config"));
        }

        var tokenizer = ReadTokenizer(files, config, facts, review);
        if (config?.SubModels.Length > 0)
        {
            facts.Add(new ConcludedFact("model.modalities", "[" + string.Join(", ", modalities.Select(m => m.Symbol())) + "]",
                "config.json: " + string.Join(", ", config.SubModels.Select(s => s.Key + (s.ModelType is null ? "" : $" (model_type {s.ModelType})")))));
        }

        review.Add(DiagnosticCatalog.Phrase("review.data"));
        review.Add(DiagnosticCatalog.Phrase("review.infrastructure"));

        var draft = new Manifest
        {
            Model = new ModelInfo(id)
            {
                Modalities = config?.SubModels.Length > 0 ? modalities : null,
            },
            Weights = weights,
            Architecture = architecture,
            Tokenizer = tokenizer,
            Components = components,
            ComponentsDeclared = !components.IsEmpty,
            Evidence = facts.GroupBy(f => f.Path).ToImmutableSortedDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal),
        };
        if (id == Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)))
        {
            review.Insert(0, DiagnosticCatalog.Phrase("review.model-id", ("id", id)));
        }

        return new ImportResult(folder, draft, [.. facts], comparison, copyOf, [.. review], diagnostics.ToImmutableSorted()) { Weights = lineage };
    }

    private static (ArchitectureFacts, ImmutableArray<Modality>) Architecture(
        ModelConfig config, ArchitectureComparison comparison, List<ConcludedFact> facts, List<LocalizedText> review)
    {
        var architecture = new ArchitectureFacts { Class = config.Class, RemoteCode = config.RemoteCode };
        if (config.Class is { } cls)
        {
            facts.Add(new ConcludedFact("architecture.class", cls, "config.json: architectures[0]"));
        }

        facts.Add(new ConcludedFact("architecture.remote_code", config.RemoteCode ? "true" : "false",
            config.RemoteCode ? "config.json: auto_map points at modelling code shipped with the weights" : "config.json: no auto_map; a library class loads the model"));

        if (comparison.Family is { } family)
        {
            var how = comparison.RenamedFrom is { } renamed
                ? $"config.json: class {config.Class} is not in the catalog, but its hyperparameters are exactly {renamed.Model}'s"
                : $"config.json: model_type {config.ModelType ?? "?"} / {config.Class ?? "?"} is the {family.Key} family";
            architecture = architecture with { Family = family.Key };
            facts.Add(new ConcludedFact("architecture.family", family.Key, how));
            if (comparison.Reference is not null)
            {
                architecture = architecture with
                {
                    Config = comparison.Identical ? ConfigComparison.Identical : ConfigComparison.Modified,
                    Changes = comparison.Changes,
                };
                facts.Add(new ConcludedFact("architecture.config", comparison.Identical ? "identical" : "modified", "config.json: " + comparison.Describe()));
                if (!comparison.Changes.IsEmpty)
                {
                    facts.Add(new ConcludedFact("architecture.changes", "[" + string.Join(", ", comparison.Changes.Select(c => c.Symbol())) + "]", "config.json: " + comparison.Describe()));
                }
            }
            else
            {
                review.Add(DiagnosticCatalog.Phrase("review.config-unpublished", ("family", family.Key)));
            }

            review.Add(DiagnosticCatalog.Phrase("review.own-family", ("family", family.Key), ("originator", family.Originator.Name)));
        }
        else
        {
            review.Add(config.RemoteCode
                ? DiagnosticCatalog.Phrase("review.remote-code", ("class", config.Class ?? config.ModelType ?? "?"))
                : DiagnosticCatalog.Phrase("review.unknown-model-type", ("type", config.ModelType ?? "?")));
        }

        var modalities = ImmutableArray.CreateBuilder<Modality>();
        modalities.Add(Modality.Text);
        foreach (var sub in config.SubModels)
        {
            var modality = sub.Key.Contains("audio", StringComparison.Ordinal) || sub.Key.Contains("speech", StringComparison.Ordinal) || sub.Key.Contains("talker", StringComparison.Ordinal)
                ? Modality.Audio : Modality.Image;
            if (!modalities.Contains(modality))
            {
                modalities.Add(modality);
            }

            review.Add(DiagnosticCatalog.Phrase("review.component", ("part", sub.Key), ("type", sub.ModelType is null ? "" : $" (model_type {sub.ModelType})")));
        }

        return (architecture, modalities.ToImmutable());
    }

    private static TokenizerFacts ReadTokenizer(ModelFolder files, ModelConfig? config, List<ConcludedFact> facts, List<LocalizedText> review)
    {
        var tokenizer = new TokenizerFacts();
        int? counted = null;
        var name = TokenizerReader.FileIn(files.Root);
        if (name is not null)
        {
            tokenizer = tokenizer with { File = "./" + name };
            facts.Add(new ConcludedFact("tokenizer.file", "./" + name, name + " is present"));
            var read = TokenizerReader.ReadIn(files.Root, name);
            files.Diagnostics.AddRange(read.Diagnostics);
            if (read.Tokenizer is { } file)
            {
                counted = file.TotalSize;
                tokenizer = Origin(tokenizer, name, TokenizerAnalysis.Of(file, measureEfficiency: false), facts, review);
            }
        }

        if (tokenizer.Origin is null)
        {
            review.Add(DiagnosticCatalog.Phrase("review.tokenizer-unknown"));
        }

        var vocabSize = counted ?? config?.Parameters.Vocab;
        if (vocabSize is { } v)
        {
            tokenizer = tokenizer with { VocabSize = v };
            facts.Add(new ConcludedFact("tokenizer.vocab_size", v.ToString(CultureInfo.InvariantCulture),
                counted is not null ? $"{name}: vocabulary plus added tokens" : "config.json: vocab_size"));
            if (counted is { } c && config?.Parameters.Vocab is { } declared && declared != c)
            {
                review.Add(DiagnosticCatalog.Phrase("review.vocab-size", ("file", name ?? ""),
                    ("count", c.ToString("N0", CultureInfo.InvariantCulture)), ("declared", declared.ToString("N0", CultureInfo.InvariantCulture))));
            }
        }

        if (files.Json("tokenizer_config.json") is { } tokenizerConfig)
        {
            using (tokenizerConfig)
            {
                if (tokenizerConfig.RootElement.ValueKind == JsonValueKind.Object && tokenizerConfig.RootElement.TryGetProperty("tokenizer_class", out var cls)
                    && cls.ValueKind == JsonValueKind.String)
                {
                    review.Add(DiagnosticCatalog.Phrase("review.tokenizer-class", ("class", cls.GetString() ?? "")));
                }
            }
        }

        return tokenizer;
    }

    /// <summary>The origin the tokenizer's comparison with the reference tokenizers supports, as concluded facts.</summary>
    private static TokenizerFacts Origin(TokenizerFacts tokenizer, string name, TokenizerAnalysis analysis, List<ConcludedFact> facts, List<LocalizedText> review)
    {
        var verdict = analysis.Verdict;
        var origin = verdict.Origin switch
        {
            TokenizerLineage.Native => TokenizerOrigin.Native,
            TokenizerLineage.Expanded => TokenizerOrigin.Expanded,
            _ => TokenizerOrigin.Reused,
        };
        var source = $"{name} compared with {analysis.References.Length} reference tokenizers (tclass tokenizer): {verdict.Reasons[0].Text.En}";
        facts.Add(new ConcludedFact("tokenizer.origin", origin.Symbol(), source));
        if (origin == TokenizerOrigin.Native)
        {
            review.Add(DiagnosticCatalog.Phrase("review.tokenizer-native", ("references", string.Join(", ", analysis.References.Select(r => r.Id)))));
            return tokenizer with { Origin = TokenizerOrigin.Native };
        }

        facts.Add(new ConcludedFact("tokenizer.base", verdict.Reference!, source));
        review.Add(DiagnosticCatalog.Phrase("review.tokenizer-concluded", ("origin", origin.Symbol()), ("reference", analysis.NameOf(verdict.Reference!))));
        return tokenizer with { Origin = origin, Base = verdict.Reference };
    }

    private static ModelConfig? ReadConfig(ModelFolder files)
    {
        using var json = files.Json("config.json");
        if (json is null)
        {
            return null;
        }

        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            files.Error("config.json", "wrong-type", "config.json is not a JSON object.", "Check the file.");
            return null;
        }

        return ModelConfig.From(json.RootElement);
    }

    private sealed record AdapterConfig(string? PeftType, string? Base);

    private static AdapterConfig? ReadAdapter(ModelFolder files)
    {
        using var json = files.Json("adapter_config.json");
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var root = json.RootElement;
        string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new AdapterConfig(Str("peft_type"), Str("base_model_name_or_path") is { } path ? ModelIds(files, "adapter_config.json", "base_model_name_or_path", [path]).FirstOrDefault() : null);
    }

    private sealed record MergeConfig(string Method, ImmutableArray<string> Models);

    private static MergeConfig? ReadMerge(ModelFolder files)
    {
        var name = files.Has("mergekit_config.yml") ? "mergekit_config.yml" : files.Has("mergekit_config.yaml") ? "mergekit_config.yaml" : null;
        if (name is null || files.Text(name) is not { } text)
        {
            return null;
        }

        var bag = new DiagnosticBag(name);
        var root = DocumentReader.Read(text, bag, DocumentLimits.Default);
        files.Diagnostics.AddRange(bag.ToImmutableSorted());
        if (root is not MappingNode mapping)
        {
            return null;
        }

        var models = new List<string>();
        if (mapping.Text("base_model") is { } baseModel)
        {
            models.Add(baseModel);
        }

        models.AddRange(mapping.Items("models").Select(m => m.Text("model")).OfType<string>());
        models.AddRange(mapping.Items("slices").SelectMany(s => s.Items("sources")).Select(m => m.Text("model")).OfType<string>());
        return new MergeConfig(mapping.Text("merge_method") ?? "unspecified", ModelIds(files, name, "models", models.Distinct(StringComparer.Ordinal)));
    }

    private sealed record CardFrontMatter(string? Id, ImmutableArray<string> BaseModels, string? Relation);

    private static CardFrontMatter? ReadCard(ModelFolder files)
    {
        if (files.Text("README.md") is not { } markdown)
        {
            return null;
        }

        var bag = new DiagnosticBag("README.md");
        if (FrontMatter.Extract(markdown, bag) is not { } frontMatter)
        {
            return null;
        }

        var root = DocumentReader.Read(frontMatter.Yaml, bag, DocumentLimits.Default, frontMatter.LineOffset);
        files.Diagnostics.AddRange(bag.ToImmutableSorted().Select(d => d with { Severity = DiagnosticSeverity.Warning }));
        if (root is not MappingNode mapping)
        {
            return null;
        }

        var relation = mapping.Word("base_model_relation");
        return new CardFrontMatter(mapping.Word("model_id"), ModelIds(files, "README.md", "base_model", mapping.Texts("base_model")), relation);
    }

    /// <summary>Model ids longer than this are not taken from a file (Hugging Face ids are at most 96 characters a part).</summary>
    private const int MaxModelId = 256;

    /// <summary>
    /// The values of <paramref name="field"/> that can be model ids or names: one line, no control
    /// characters, not padded, not too long. Any other is left out with a warning, so a file cannot
    /// smuggle lines into the draft or the report.
    /// </summary>
    private static ImmutableArray<string> ModelIds(ModelFolder files, string file, string field, IEnumerable<string> values) =>
        [.. values.Where(value =>
        {
            var usable = value.Length is > 0 and <= MaxModelId && value.Trim() == value && !ControlCharacters.Any(value, allowLineBreaks: false);
            if (!usable)
            {
                files.Warning(file, "not-a-model-id", $"its {field} '{ControlCharacters.Escape(value.Length > 80 ? value[..(char.IsHighSurrogate(value[79]) ? 79 : 80)] + "…" : value, allowLineBreaks: false)}' is not a model id (one line, at most {MaxModelId} characters); it is left out.",
                    $"Write {field} as a Hugging Face id such as org/model.");
            }

            return usable;
        })];
}
