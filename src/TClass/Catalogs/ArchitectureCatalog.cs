using System.Collections.Immutable;

namespace TClass.Catalogs;

/// <summary>The organisation that first published an architecture family.</summary>
/// <param name="Name">Organisation name.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country.</param>
/// <param name="Hub">Its Hugging Face organisation ids, e.g. <c>meta-llama</c>.</param>
public sealed record Originator(string Name, string Country, ImmutableArray<string> Hub);

/// <summary>
/// The published configuration of one model of a family — the hyperparameters T-Class 2.0 compares
/// to tell T4-1 (unchanged) from T4-2 (changed). Vocabulary size is kept for reference only.
/// </summary>
/// <param name="Model">The reference model's id.</param>
/// <param name="Layers">Number of hidden layers.</param>
/// <param name="Hidden">Hidden size.</param>
/// <param name="Intermediate">Intermediate (feed-forward) size.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="KvHeads">Key/value heads.</param>
/// <param name="Experts">Routed experts, for mixture-of-experts models.</param>
/// <param name="ExpertsPerToken">Experts active per token.</param>
/// <param name="Vocab">Vocabulary size (not compared).</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record ReferenceConfig(
    string Model, int Layers, int Hidden, int Intermediate, int Heads, int KvHeads,
    int? Experts, int? ExpertsPerToken, int? Vocab, string Source);

/// <summary>A public architecture family a manifest may name in <c>architecture.family</c>.</summary>
/// <param name="Key">The key written in manifests, e.g. <c>llama</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Originator">Who first published it.</param>
/// <param name="ModelTypes">Hugging Face <c>model_type</c> values that denote it.</param>
/// <param name="Classes">Hugging Face <c>architectures</c> class names that load it.</param>
/// <param name="References">Published reference configurations.</param>
public sealed record ArchitectureFamily(
    string Key, string Name, Originator Originator, ImmutableArray<string> ModelTypes,
    ImmutableArray<string> Classes, ImmutableArray<ReferenceConfig> References);

/// <summary>The catalog of public architecture families (<c>rules/catalog/architectures.yaml</c>).</summary>
/// <param name="Families">The families, in catalog order.</param>
public sealed record ArchitectureCatalog(ImmutableArray<ArchitectureFamily> Families)
{
    private readonly ImmutableDictionary<string, ArchitectureFamily> _byKey =
        Families.ToImmutableDictionary(f => f.Key, StringComparer.Ordinal);

    /// <summary>The family keys, in catalog order.</summary>
    public IEnumerable<string> Keys => Families.Select(f => f.Key);

    /// <summary>The family with <paramref name="key"/>, or <see langword="null"/>.</summary>
    public ArchitectureFamily? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>
    /// Whether the family was originated by the model's own developer, judged by the developer's
    /// name or by the Hugging Face organisation of the model id.
    /// </summary>
    public static bool OriginatedBy(ArchitectureFamily family, string? developer, string modelId)
    {
        var organisation = modelId.Contains('/', StringComparison.Ordinal) ? modelId[..modelId.IndexOf('/', StringComparison.Ordinal)] : "";
        return (developer is not null && developer.Contains(family.Originator.Name, StringComparison.OrdinalIgnoreCase))
            || family.Originator.Hub.Contains(organisation, StringComparer.OrdinalIgnoreCase);
    }
}
