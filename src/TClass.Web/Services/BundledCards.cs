using System.Reflection;
using TClass.Manifests;

namespace TClass.Web;

/// <summary>A card bundled with the page.</summary>
/// <param name="Name">Its file name, e.g. <c>t5-native-architecture.yaml</c>.</param>
/// <param name="Text">Its text.</param>
public sealed record BundledCard(string Name, string Text)
{
    /// <summary>The card read as a manifest.</summary>
    public ManifestReadResult Read() => ManifestReader.Parse(Text, Name);
}

/// <summary>The example cards and the registry's cards, built into the page so that nothing is fetched after it loads.</summary>
public sealed class BundledCards
{
    private readonly Lazy<IReadOnlyList<BundledCard>> _examples = new(() => Load("examples/"));
    private readonly Lazy<IReadOnlyList<BundledCard>> _registry = new(() => Load("registry/"));

    /// <summary>docs/examples, by name.</summary>
    public IReadOnlyList<BundledCard> Examples => _examples.Value;

    /// <summary>docs/registry/cards, by name.</summary>
    public IReadOnlyList<BundledCard> Registry => _registry.Value;

    private static List<BundledCard> Load(string prefix)
    {
        var assembly = typeof(BundledCards).Assembly;
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n => new BundledCard(n[prefix.Length..], Read(assembly, n)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
