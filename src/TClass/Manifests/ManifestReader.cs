using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using TClass.Catalogs;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Files;

namespace TClass.Manifests;

/// <summary>Options of <see cref="ManifestReader"/>.</summary>
public sealed record ManifestReaderOptions
{
    /// <summary>The options used when none are given: built-in catalogs, limits of format 1.</summary>
    public static ManifestReaderOptions Default { get; } = new();

    /// <summary>The catalogs that architecture families, chips and clouds are looked up in.</summary>
    public CatalogSet Catalogs { get; init; } = CatalogSet.BuiltIn;

    /// <summary>Size and nesting limits.</summary>
    public DocumentLimits Limits { get; init; } = DocumentLimits.Default;
}

/// <summary>
/// Reads manifests — YAML, JSON or the front matter of a Markdown model card — into a validated,
/// typed <see cref="Manifest"/>, or into diagnostics that name file, line, column, field and fix.
/// Never throws for anything a user can write.
/// </summary>
public static partial class ManifestReader
{
    private const string StdinName = "<stdin>";

    /// <summary>Reads the manifest in the file at <paramref name="path"/>.</summary>
    public static ManifestReadResult Read(string path, ManifestReaderOptions? options = null)
    {
        options ??= ManifestReaderOptions.Default;
        var diagnostics = new DiagnosticBag(path);
        if (DocumentReader.Load(path, diagnostics, options.Limits) is not { } bytes)
        {
            return new ManifestReadResult(path, null, diagnostics.ToImmutableSorted());
        }

        return FromBytes(bytes, path, SyntaxOf(path), options);
    }

    /// <summary>Reads a manifest from <paramref name="stream"/> (read to its end, up to the size limit).</summary>
    /// <param name="stream">The manifest's bytes, UTF-8.</param>
    /// <param name="name">How diagnostics name the input, e.g. <c>&lt;stdin&gt;</c>.</param>
    /// <param name="syntax">How the manifest is written; <see cref="ManifestSyntax.Auto"/> decides from <paramref name="name"/> or the text.</param>
    /// <param name="options">Catalogs and limits.</param>
    public static ManifestReadResult Read(Stream stream, string name = StdinName, ManifestSyntax syntax = ManifestSyntax.Auto, ManifestReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ManifestReaderOptions.Default;
        var read = BoundedRead.Stream(stream, options.Limits.MaxBytes);
        if (read.Bytes is not { } bytes)
        {
            var diagnostics = new DiagnosticBag(name);
            diagnostics.Error(read.Problem!.Code, SourcePosition.WholeFile, "", read.Problem.Message, read.Problem.Fix);
            return new ManifestReadResult(name, null, diagnostics.ToImmutableSorted());
        }

        return FromBytes(bytes, name, syntax == ManifestSyntax.Auto ? SyntaxOf(name) : syntax, options);
    }

    /// <summary>Reads a manifest from <paramref name="text"/>.</summary>
    /// <param name="text">The manifest.</param>
    /// <param name="name">How diagnostics name the input.</param>
    /// <param name="syntax">How the manifest is written; <see cref="ManifestSyntax.Auto"/> decides from <paramref name="name"/> or the text.</param>
    /// <param name="options">Catalogs and limits.</param>
    public static ManifestReadResult Parse(string text, string name = "<text>", ManifestSyntax syntax = ManifestSyntax.Auto, ManifestReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(Encoding.UTF8.GetBytes(text), name, syntax == ManifestSyntax.Auto ? SyntaxOf(name) : syntax, options ?? ManifestReaderOptions.Default);
    }

    /// <summary>
    /// Loads the manifest schema and runs one validation, so that the first real read does not pay
    /// for it. Optional: a process that reads one manifest can call it on another thread while it
    /// does other start-up work.
    /// </summary>
    public static void Prepare() => _ = Parse(ManifestTemplatePreparation, "<prepare>", ManifestSyntax.Yaml);

    private const string ManifestTemplatePreparation = "tclass: 1\nmodel: { id: prepare/manifest }\nweights: { origin: scratch }\n";

    /// <summary>The syntax a file name implies; <see cref="ManifestSyntax.Auto"/> when it implies none.</summary>
    public static ManifestSyntax SyntaxOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => ManifestSyntax.Yaml,
        ".json" => ManifestSyntax.Json,
        ".md" or ".markdown" => ManifestSyntax.Markdown,
        _ => ManifestSyntax.Auto,
    };

    /// <summary>
    /// A cheap test of whether <paramref name="text"/> is meant as a manifest, for scanning directories:
    /// a YAML or JSON document with a top-level <c>tclass</c> key, or a Markdown card whose front
    /// matter has a <c>tclass:</c> key. It does not validate anything.
    /// </summary>
    public static bool MayHoldManifest(string text, ManifestSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        return syntax == ManifestSyntax.Markdown || (syntax == ManifestSyntax.Auto && LooksLikeMarkdown(text))
            ? FrontMatter.MayHoldManifest(text)
            : HasTclassLine(text) || FlowManifestStart().IsMatch(text) || (syntax == ManifestSyntax.Json && JsonTclassKey().IsMatch(text));
    }

    /// <summary>Whether a line starts with <c>tclass:</c>, or with <c>"tclass"</c> after indentation.</summary>
    private static bool HasTclassLine(string text)
    {
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            var line = text.AsSpan(start, (end < 0 ? text.Length : end) - start);
            if (line.StartsWith("tclass:", StringComparison.Ordinal) || line.TrimStart().StartsWith("\"tclass\"", StringComparison.Ordinal))
            {
                return true;
            }

            start = end < 0 ? text.Length : end + 1;
        }

        return false;
    }

    /// <summary>Reads a manifest from bytes already read (bounded) from the file or stream named <paramref name="name"/>.</summary>
    internal static ManifestReadResult Read(byte[] bytes, string name, ManifestReaderOptions? options = null) =>
        FromBytes(bytes, name, SyntaxOf(name), options ?? ManifestReaderOptions.Default);

    private static ManifestReadResult FromBytes(byte[] bytes, string name, ManifestSyntax syntax, ManifestReaderOptions options)
    {
        var diagnostics = new DiagnosticBag(name);
        var text = DocumentReader.Decode(bytes, diagnostics, options.Limits);
        if (text is null)
        {
            return new ManifestReadResult(name, null, diagnostics.ToImmutableSorted());
        }

        if (syntax == ManifestSyntax.Auto)
        {
            syntax = LooksLikeMarkdown(text) ? ManifestSyntax.Markdown : ManifestSyntax.Yaml;
        }

        var manifest = syntax == ManifestSyntax.Markdown
            ? ReadMarkdown(text, bytes, diagnostics, options)
            : ReadDocument(text, bytes, syntax, diagnostics, options);
        return new ManifestReadResult(name, diagnostics.HasErrors ? null : manifest, diagnostics.ToImmutableSorted());
    }

    private static Manifest? ReadDocument(string text, byte[] bytes, ManifestSyntax syntax, DiagnosticBag diagnostics, ManifestReaderOptions options)
    {
        if (syntax == ManifestSyntax.Json && !DocumentReader.CheckJson(text, diagnostics, options.Limits))
        {
            return null;
        }

        var root = DocumentReader.Read(text, diagnostics, options.Limits);
        if (root is not MappingNode mapping)
        {
            ReportNotAMapping(root, diagnostics);
            return null;
        }

        return Validate(mapping, prefix: "", embedded: false, card: null, bytes, diagnostics, options);
    }

    private static Manifest? ReadMarkdown(string text, byte[] bytes, DiagnosticBag diagnostics, ManifestReaderOptions options)
    {
        if (FrontMatter.Extract(text, diagnostics) is not { } frontMatter)
        {
            return null;
        }

        var root = DocumentReader.Read(frontMatter.Yaml, diagnostics, options.Limits, frontMatter.LineOffset);
        if (root is null && diagnostics.HasErrors)
        {
            return null;
        }

        if (root.Node(FrontMatter.ManifestKey) is not MappingNode manifest)
        {
            var at = (root as MappingNode)?.Entry(FrontMatter.ManifestKey)?.Key.Position ?? new SourcePosition(1, 1);
            diagnostics.Error("no-manifest", at, FrontMatter.ManifestKey, DiagnosticCatalog.Words("no-manifest"));
            return null;
        }

        var card = new CardMetadata(root.Text("license"), root.Texts("base_model"), root.Word("base_model_relation"), root.Texts("tags"));
        return Validate(manifest, FrontMatter.ManifestKey + ".", embedded: true, card, bytes, diagnostics, options);
    }

    /// <summary>
    /// Validates a manifest written inside another document (a conformance case): diagnostics point
    /// into that document and name fields relative to the manifest.
    /// </summary>
    internal static ManifestReadResult FromNode(MappingNode node, string file, byte[] documentBytes, ManifestReaderOptions? options = null)
    {
        var diagnostics = new DiagnosticBag(file);
        var manifest = Validate(node, node.Path + ".", embedded: false, card: null, documentBytes, diagnostics, options ?? ManifestReaderOptions.Default);
        return new ManifestReadResult(file, diagnostics.HasErrors ? null : manifest, diagnostics.ToImmutableSorted());
    }

    private static Manifest? Validate(
        MappingNode root, string prefix, bool embedded, CardMetadata? card, byte[] bytes, DiagnosticBag diagnostics, ManifestReaderOptions options)
    {
        // In a model card the 'tclass:' key itself announces format 1; an inner 'tclass: 1' is optional there.
        var found = new DiagnosticBag(diagnostics.File);
        CheckOneLine(root, found);
        ManifestFormat.Schema.Validate(root, found, d => !(embedded && d.Code == "missing-key" && d.Path == prefix + "tclass"));
        ManifestValidator.Validate(root, options.Catalogs, found);
        diagnostics.AddRange(found.ToImmutableSorted().Select(d => d with { Path = ManifestBinder.Strip(d.Path, prefix) }));
        if (diagnostics.HasErrors)
        {
            return null;
        }

        var source = new ManifestSource(diagnostics.File, ManifestBinder.Positions(root, prefix), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return ManifestBinder.Bind(root, options.Catalogs, card, source);
    }

    private static void ReportNotAMapping(DocumentNode? root, DiagnosticBag diagnostics)
    {
        if (diagnostics.HasErrors)
        {
            return;
        }

        if (root is null or ScalarNode { Kind: ScalarKind.Null })
        {
            diagnostics.Error("empty", new SourcePosition(1, 1), "", DiagnosticCatalog.Words("empty"));
        }
        else
        {
            diagnostics.Error("not-a-mapping", root.Position, "", DiagnosticCatalog.Words("not-a-mapping"));
        }
    }

    private static bool LooksLikeMarkdown(string text)
    {
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }

        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r') is "---" or "...")
            {
                return lines.Skip(i + 1).Any(l => l.Trim().Length > 0);
            }
        }

        return false;
    }

    /// <summary>
    /// Every value of a manifest is one line — an id, a name, a source — and is printed on one line
    /// of a report: a line break in one could fake lines of the report (<c>level T6</c>), so it is a
    /// located error. A block scalar's final line break is not part of its text.
    /// </summary>
    private static void CheckOneLine(DocumentNode node, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case ScalarNode scalar when scalar.Text.TrimEnd('\n').Contains('\n', StringComparison.Ordinal):
                diagnostics.Error("line-break", scalar.Position, scalar.Path, DiagnosticCatalog.Words("line-break"));
                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                {
                    CheckOneLine(entry.Key, diagnostics);
                    CheckOneLine(entry.Value, diagnostics);
                }

                break;
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                {
                    CheckOneLine(item, diagnostics);
                }

                break;
        }
    }

    /// <summary>A document written on one line or in flow style whose first key is tclass: <c>{"tclass": 1, …}</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*\{\s*[""']?tclass[""']?\s*:")]
    private static partial System.Text.RegularExpressions.Regex FlowManifestStart();

    /// <summary>A <c>"tclass":</c> key anywhere in a JSON file (minified JSON has one line); the reader decides the rest.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"""tclass""\s*:")]
    private static partial System.Text.RegularExpressions.Regex JsonTclassKey();
}
