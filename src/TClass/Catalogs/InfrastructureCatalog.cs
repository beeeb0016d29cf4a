using System.Collections.Immutable;

namespace TClass.Catalogs;

/// <summary>A chip or cloud of the infrastructure catalog.</summary>
/// <param name="Key">The key written in manifests, e.g. <c>rebellions-atom</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Owner">Vendor of a chip or operator of a cloud.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country, or <see cref="InfrastructureCatalog.DeveloperCountry"/>.</param>
/// <param name="Kind">For chips: gpu, tpu or npu.</param>
public sealed record InfrastructureEntry(string Key, string Name, string Owner, string Country, string? Kind);

/// <summary>The catalog of AI chips and clouds (<c>rules/catalog/infrastructure.yaml</c>).</summary>
/// <param name="Chips">AI accelerators.</param>
/// <param name="Clouds">Clouds and data centres.</param>
public sealed record InfrastructureCatalog(ImmutableArray<InfrastructureEntry> Chips, ImmutableArray<InfrastructureEntry> Clouds)
{
    /// <summary>The country written for entries that are in the developer's own country (on-premise).</summary>
    public const string DeveloperCountry = "developer";

    private readonly ImmutableDictionary<string, InfrastructureEntry> _chips = Chips.ToImmutableDictionary(c => c.Key, StringComparer.Ordinal);
    private readonly ImmutableDictionary<string, InfrastructureEntry> _clouds = Clouds.ToImmutableDictionary(c => c.Key, StringComparer.Ordinal);

    /// <summary>The chip with <paramref name="key"/>, or <see langword="null"/>.</summary>
    public InfrastructureEntry? Chip(string key) => _chips.GetValueOrDefault(key);

    /// <summary>The cloud with <paramref name="key"/>, or <see langword="null"/>.</summary>
    public InfrastructureEntry? Cloud(string key) => _clouds.GetValueOrDefault(key);
}
