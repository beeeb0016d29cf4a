using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Facts;

namespace TClass.Manifests;

/// <summary>
/// What is known about one model: manifest format 1, validated and typed. A <see langword="null"/>
/// fact is unknown — never false — and the classifier treats it so. Read one with
/// <see cref="ManifestReader"/>, or build one in code (an importer does).
/// </summary>
public sealed record Manifest
{
    /// <summary>The manifest format number; always 1 for this version.</summary>
    public int Format { get; init; } = 1;

    /// <summary>Which model this is.</summary>
    public required ModelInfo Model { get; init; }

    /// <summary>Where the weights come from.</summary>
    public WeightsFacts Weights { get; init; } = new();

    /// <summary>The modelling code and configuration.</summary>
    public ArchitectureFacts Architecture { get; init; } = new();

    /// <summary>The tokenizer.</summary>
    public TokenizerFacts Tokenizer { get; init; } = new();

    /// <summary>The training data.</summary>
    public DataFacts Data { get; init; } = new();

    /// <summary>Parts with weights of their own (encoders, projectors…). Absent in the file means none.</summary>
    public ImmutableArray<Component> Components { get; init; } = [];

    /// <summary>Whether the file declared <c>components</c> at all (an empty list and an absent one both mean none).</summary>
    public bool ComponentsDeclared { get; init; }

    /// <summary>Chips and clouds used to train and serve the model.</summary>
    public InfrastructureFacts Infrastructure { get; init; } = new();

    /// <summary>Where declared facts come from: key = path of a field or section (e.g. <c>weights.origin</c>, <c>tokenizer</c>).</summary>
    public ImmutableSortedDictionary<string, string> Evidence { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The rest of a Markdown model card's front matter, read as supporting evidence only.</summary>
    public CardMetadata? Card { get; init; }

    /// <summary>The file the manifest was read from and where each field was written; <see langword="null"/> for manifests built in code.</summary>
    public ManifestSource? Source { get; init; }

    /// <summary>
    /// The validated document this manifest was bound from, with the catalogs it was read against:
    /// its facts are read from the document, of which this record is a typed view. A manifest built
    /// or changed in code (<c>with</c>) has none; its facts are read from the document it writes.
    /// </summary>
    internal (Documents.MappingNode Root, Catalogs.CatalogSet Catalogs)? Document { get; init; }

    /// <summary>A copy made by <c>with</c>: the typed view may have changed, so the document it was bound from no longer stands for it.</summary>
    /// <param name="original">The manifest copied.</param>
    private Manifest(Manifest original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Format = original.Format;
        Model = original.Model;
        Weights = original.Weights;
        Architecture = original.Architecture;
        Tokenizer = original.Tokenizer;
        Data = original.Data;
        Components = original.Components;
        ComponentsDeclared = original.ComponentsDeclared;
        Infrastructure = original.Infrastructure;
        Evidence = original.Evidence;
        Card = original.Card;
        Source = original.Source;
    }

    /// <summary>A manifest built in code.</summary>
    public Manifest()
    {
    }
}

/// <summary>Which model a manifest describes.</summary>
/// <param name="Id">Unique identifier, a Hugging Face repo id where one exists.</param>
public sealed record ModelInfo(string Id)
{
    /// <summary>Display name.</summary>
    public string? Name { get; init; }

    /// <summary>Organisation that trained the model.</summary>
    public string? Developer { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of the developer.</summary>
    public string? Country { get; init; }

    /// <summary>Release date.</summary>
    public DateOnly? Released { get; init; }

    /// <summary>Size as free text, e.g. <c>32B</c> or <c>236B-A23B</c>.</summary>
    public string? Parameters { get; init; }

    /// <summary>Modalities the model handles; <see langword="null"/> when not declared.</summary>
    public ImmutableArray<Modality>? Modalities { get; init; }

    /// <summary>Tech reports, model cards, announcements.</summary>
    public ImmutableArray<string> References { get; init; } = [];
}

/// <summary>Where the weights come from.</summary>
public sealed record WeightsFacts
{
    /// <summary>Origin of the weights (manifest table 1).</summary>
    public WeightsOrigin? Origin { get; init; }

    /// <summary>Models the weights start from.</summary>
    public ImmutableArray<string> Base { get; init; } = [];

    /// <summary>For <see cref="WeightsOrigin.OpenDerivative"/>: what was done to the third-party weights; <see langword="null"/> when not declared.</summary>
    public ImmutableArray<Adaptation>? Adaptation { get; init; }
}

/// <summary>The modelling code and configuration.</summary>
public sealed record ArchitectureFacts
{
    /// <summary>The public family followed (a catalog key), or <c>own</c>.</summary>
    public string? Family { get; init; }

    /// <summary>The Hugging Face <c>architectures</c> entry, e.g. <c>LlamaForCausalLM</c>.</summary>
    public string? Class { get; init; }

    /// <summary>Whether loading needs <c>trust_remote_code</c>.</summary>
    public bool? RemoteCode { get; init; }

    /// <summary>The configuration compared with the family's published model of the same size.</summary>
    public ConfigComparison? Config { get; init; }

    /// <summary>Structural or configuration changes to a public family. Absent in the file means none.</summary>
    public ImmutableArray<ArchitectureChange> Changes { get; init; } = [];

    /// <summary>Parts of the computation graph the developer redesigned; <see langword="null"/> when not declared.</summary>
    public ImmutableArray<TopologyChange>? Topology { get; init; }

    /// <summary>Whether the family is the developer's own design.</summary>
    public bool IsOwnFamily => string.Equals(Family, ManifestFacts.OwnFamily, StringComparison.Ordinal);
}

/// <summary>The tokenizer.</summary>
public sealed record TokenizerFacts
{
    /// <summary>How the tokenizer was made (manifest table 6).</summary>
    public TokenizerOrigin? Origin { get; init; }

    /// <summary>The third-party tokenizer, for expanded and reused tokenizers.</summary>
    public string? Base { get; init; }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int? VocabSize { get; init; }

    /// <summary>Path of the tokenizer file, relative to the manifest.</summary>
    public string? File { get; init; }
}

/// <summary>The training data.</summary>
public sealed record DataFacts
{
    /// <summary>Who assembled and controls the pre-training corpus.</summary>
    public Curator? CuratedBy { get; init; }

    /// <summary>Share of the training signal taken from other models' outputs.</summary>
    public Distillation? Distillation { get; init; }

    /// <summary>Models distilled from; a teacher written as a plain id has an undeclared origin.</summary>
    public ImmutableArray<Teacher> Teachers { get; init; } = [];

    /// <summary>Training tokens, free text (e.g. <c>14T</c>).</summary>
    public string? Tokens { get; init; }

    /// <summary>Main languages of the corpus.</summary>
    public ImmutableArray<string> Languages { get; init; } = [];
}

/// <summary>A model whose outputs (synthetic data, logits) the model was trained on.</summary>
/// <param name="Id">The teacher model, e.g. <c>gpt-4o</c> or a Hugging Face id.</param>
public sealed record Teacher(string Id) : IFactRecord
{
    /// <summary>Whose model the teacher is, or null when the manifest does not say.</summary>
    public TeacherOrigin? Origin { get; init; }

    /// <inheritdoc/>
    public string Label => Id;

    /// <inheritdoc/>
    public string? Field(string name) => name switch
    {
        "id" => Id,
        "origin" => Origin?.Symbol(),
        _ => null,
    };
}

/// <summary>A part of the model with weights of its own.</summary>
/// <param name="Origin">Where the part's weights come from.</param>
public sealed record Component(ComponentOrigin Origin) : IFactRecord
{
    /// <summary>What the part is called.</summary>
    public string? Name { get; init; }

    /// <summary>What the part does.</summary>
    public ComponentRole? Role { get; init; }

    /// <summary>The model the part's weights come from.</summary>
    public string? Base { get; init; }

    /// <inheritdoc/>
    public string Label => Name ?? Role?.Symbol() ?? "component";

    /// <inheritdoc/>
    public string? Field(string name) => name switch
    {
        "name" => Name,
        "role" => Role?.Symbol(),
        "origin" => Origin.Symbol(),
        "base" => Base,
        _ => null,
    };
}

/// <summary>Chips and clouds of the two stages of a model's life.</summary>
public sealed record InfrastructureFacts
{
    /// <summary>Where the model was trained.</summary>
    public StageFacts Training { get; init; } = new();

    /// <summary>Where the model is served.</summary>
    public StageFacts Serving { get; init; } = new();
}

/// <summary>Chips and clouds of one stage.</summary>
public sealed record StageFacts
{
    /// <summary>AI accelerators; <see langword="null"/> when not declared.</summary>
    public ImmutableArray<Placement>? Chips { get; init; }

    /// <summary>Clouds or data centres; <see langword="null"/> when not declared.</summary>
    public ImmutableArray<Placement>? Cloud { get; init; }
}

/// <summary>A chip or a cloud, resolved against the infrastructure catalog.</summary>
/// <param name="Key">The catalog key, or <see langword="null"/> for an entry given in full.</param>
/// <param name="Name">Display name.</param>
/// <param name="Owner">Vendor of a chip or operator of a cloud.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country of the vendor or operator; <see langword="null"/> when unknown (on-premise with no developer country).</param>
public sealed record Placement(string? Key, string Name, string? Owner, string? Country) : IFactRecord
{
    /// <inheritdoc/>
    public string Label => Key ?? Name;

    /// <inheritdoc/>
    public string? Field(string name) => name switch
    {
        "key" => Key,
        "name" => Name,
        "vendor" or "operator" or "owner" => Owner,
        "country" => Country,
        _ => null,
    };
}

/// <summary>Front matter of a Markdown model card besides the manifest, kept as supporting evidence.</summary>
/// <param name="License">The card's <c>license</c>.</param>
/// <param name="BaseModels">The card's <c>base_model</c> (one or several).</param>
/// <param name="BaseModelRelation">The card's <c>base_model_relation</c> (finetune, adapter, merge, quantized).</param>
/// <param name="Tags">The card's <c>tags</c>.</param>
public sealed record CardMetadata(string? License, ImmutableArray<string> BaseModels, string? BaseModelRelation, ImmutableArray<string> Tags);

/// <summary>Where a manifest was read from.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Positions">Where each field was written, by path (e.g. <c>weights.origin</c>).</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
public sealed record ManifestSource(string File, IReadOnlyDictionary<string, SourcePosition> Positions, string Sha256)
{
    /// <summary>Where the field at <paramref name="path"/> (or its nearest written parent) is.</summary>
    public SourcePosition PositionOf(string path)
    {
        for (var p = path; p.Length > 0; p = ManifestFacts.Parent(p))
        {
            if (Positions.TryGetValue(p, out var at))
            {
                return at;
            }
        }

        return new SourcePosition(1, 1);
    }
}
