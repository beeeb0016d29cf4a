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
        var folderName = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var id = card?.Id ?? HuggingFaceCache.IdOf(folder) ?? folderName;

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
                if (copyOf is not null)
                {
                    // The weights are the original's, stored in fewer bits: the base is known, the origin is the original's.
                    weights = new WeightsFacts { Base = [copyOf] };
                    facts.Add(new ConcludedFact("weights.base", copyOf,
                        $"{(card?.Relation is not null ? relationSource : $"README.md front matter: base_model {copyOf} ({relationSource})")}: a quantized copy of {copyOf}, whose weights it holds in fewer bits and whose level it shares"));
                }

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
            (architecture, modalities) = Architecture(config, comparison, files, catalogs.Architectures, facts, review);
        }
        else
        {
            review.Add(DiagnosticCatalog.Phrase("review.no-config"));
        }

        var tokenizer = ReadTokenizer(files, config, weights, facts, review);
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
        if (id == folderName)
        {
            review.Insert(0, DiagnosticCatalog.Phrase("review.model-id", ("id", id)));
        }

        return new ImportResult(folder, draft, [.. facts], comparison, copyOf, [.. review], diagnostics.ToImmutableSorted()) { Weights = lineage };
    }

    private static (ArchitectureFacts, ImmutableArray<Modality>) Architecture(
        ModelConfig config, ArchitectureComparison comparison, ModelFolder files, ArchitectureCatalog catalog, List<ConcludedFact> facts, List<LocalizedText> review)
    {
        var (remoteCode, codeEvidence) = RemoteCode(config, files, catalog);
        var architecture = new ArchitectureFacts { Class = config.Class, RemoteCode = remoteCode };
        if (config.Class is { } cls)
        {
            facts.Add(new ConcludedFact("architecture.class", cls, "config.json: architectures[0]"));
        }

        facts.Add(new ConcludedFact("architecture.remote_code", remoteCode ? "true" : "false", codeEvidence));

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
            review.Add(remoteCode
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

    /// <summary>
    /// Whether loading the model needs <c>trust_remote_code</c>, and what the files show: modelling code
    /// shipped with the weights (named in <c>auto_map</c>, present or not), code of another repository
    /// (<c>org/repo--module.Class</c>) — not needed when the class is one the transformers library
    /// ships — or no modelling code at all.
    /// </summary>
    private static (bool Needed, string Evidence) RemoteCode(ModelConfig config, ModelFolder files, ArchitectureCatalog catalog)
    {
        static string Loads(IEnumerable<CodeReference> code) => string.Join(", ", code.Select(c => $"{c.AutoClass} from {c.File} ({c.ClassName})"));
        var model = config.Code.Where(c => c.IsModel).ToList();
        if (model.Count == 0)
        {
            return (false, config.Code.IsEmpty
                ? "config.json: no auto_map; a library class loads the model"
                : $"config.json: auto_map names code only for {string.Join(", ", config.Code.Select(c => c.AutoClass).Distinct(StringComparer.Ordinal))}, none that loads the model; a library class loads it");
        }

        var shipped = model.Where(c => c.Repository is null).ToList();
        if (shipped.Count > 0)
        {
            var missing = shipped.Select(c => c.File).Distinct(StringComparer.Ordinal).Where(f => !files.Has(f)).ToList();
            return (true, $"config.json: auto_map loads {Loads(shipped)}, modelling code shipped with the weights"
                + (missing.Count == 0 ? " (in the folder)" : $" ({string.Join(", ", missing)} not in the folder)"));
        }

        var repositories = string.Join(", ", model.Select(c => c.Repository).Distinct(StringComparer.Ordinal));
        var elsewhere = $"config.json: auto_map loads {Loads(model)} from another repository ({repositories}); no modelling code ships with these weights";
        var library = catalog.Families.FirstOrDefault(f => model.All(c => f.Classes.Contains(c.ClassName, StringComparer.Ordinal)));
        return library is not null
            ? (false, $"{elsewhere}, and {model[0].ClassName} is a class the transformers library ships ({library.Key} family), which loads the model without it")
            : (true, $"{elsewhere}; loading needs trust_remote_code and runs that repository's code");
    }

    private static TokenizerFacts ReadTokenizer(ModelFolder files, ModelConfig? config, WeightsFacts weights, List<ConcludedFact> facts, List<LocalizedText> review)
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
                tokenizer = Origin(tokenizer, name, file, TokenizerAnalysis.Of(file, measureEfficiency: false), weights, facts, review);
            }
        }

        if (counted is null && Inherited(weights) is { } inherited)
        {
            // No tokenizer file that can be read: the base model's tokenizer is the one that loads the derivative.
            var missing = name is null ? "no tokenizer file in the folder" : $"{name} could not be read";
            tokenizer = Inherit(tokenizer, inherited, $"{missing}, and the weights are a third party's ({weights.Origin!.Value.Symbol()} of {inherited}): the base model's tokenizer loads them", TokenizerOrigin.Reused, facts, review);
        }
        else if (counted is null)
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

    /// <summary>
    /// The origin the tokenizer's comparison with the reference tokenizers supports, as concluded facts.
    /// A reference that holds it makes it reused or expanded from that reference. One that matches no
    /// reference is never concluded native for that alone (a tokenizer outside the references looks the
    /// same): when the weights are a third party's, it is their base model's tokenizer — a derivative
    /// does not train a tokenizer — reused, or expanded when the file adds tokens of its own; otherwise
    /// the origin is left for a person to declare with the developer's evidence.
    /// </summary>
    private static TokenizerFacts Origin(
        TokenizerFacts tokenizer, string name, TokenizerFile file, TokenizerAnalysis analysis, WeightsFacts weights, List<ConcludedFact> facts, List<LocalizedText> review)
    {
        var verdict = analysis.Verdict;
        var references = analysis.References.Length.ToString(CultureInfo.InvariantCulture);
        if (verdict.Origin != TokenizerLineage.Native)
        {
            var origin = verdict.Origin == TokenizerLineage.Expanded ? TokenizerOrigin.Expanded : TokenizerOrigin.Reused;
            var source = $"{name} compared with {references} reference tokenizers (tclass tokenizer): {verdict.Reasons[0].Text.En}";
            facts.Add(new ConcludedFact("tokenizer.origin", origin.Symbol(), source));
            facts.Add(new ConcludedFact("tokenizer.base", verdict.Reference!, source));
            review.Add(DiagnosticCatalog.Phrase("review.tokenizer-concluded", ("origin", origin.Symbol()), ("reference", analysis.NameOf(verdict.Reference!))));
            return tokenizer with { Origin = origin, Base = verdict.Reference };
        }

        if (Inherited(weights) is { } inherited)
        {
            var added = file.AddedTokenBytes.Length;
            var expanded = added >= TokenizerVerdict.Thresholds.ExpandedMinimum;
            return Inherit(tokenizer, inherited,
                $"{name} matches none of the {references} reference tokenizers, but the weights are a third party's ({weights.Origin!.Value.Symbol()} of {inherited}) and a derivative keeps its base model's tokenizer: {inherited}'s"
                + (expanded ? $", with {added.ToString("N0", CultureInfo.InvariantCulture)} tokens of its own added (added_tokens, not special)" : ""),
                expanded ? TokenizerOrigin.Expanded : TokenizerOrigin.Reused, facts, review);
        }

        review.Add(DiagnosticCatalog.Phrase("review.tokenizer-unmatched", [("file", name), ("references", string.Join(", ", analysis.References.Select(r => r.Id)))],
            ("closest", verdict.Reasons.Length > 1 ? verdict.Reasons[1].Text : new LocalizedText("", ""))));
        return tokenizer;
    }

    /// <summary>The model whose tokenizer a derivative inherits: the first base of third-party weights, or null.</summary>
    private static string? Inherited(WeightsFacts weights) =>
        weights.Origin is WeightsOrigin.OpenDerivative or WeightsOrigin.ClosedFinetune ? weights.Base.FirstOrDefault() : null;

    private static TokenizerFacts Inherit(
        TokenizerFacts tokenizer, string inherited, string source, TokenizerOrigin origin, List<ConcludedFact> facts, List<LocalizedText> review)
    {
        facts.Add(new ConcludedFact("tokenizer.origin", origin.Symbol(), source));
        facts.Add(new ConcludedFact("tokenizer.base", inherited, source));
        review.Add(DiagnosticCatalog.Phrase("review.tokenizer-inherited", ("origin", origin.Symbol()), ("base", inherited)));
        return tokenizer with { Origin = origin, Base = inherited };
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
