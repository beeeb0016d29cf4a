using System.Globalization;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Files;
using TClass.Manifests;

namespace TClass.Cli;

/// <summary>One manifest to read: a file, or standard input.</summary>
internal abstract class Input
{
    /// <summary>How messages name it.</summary>
    public abstract string Name { get; }

    /// <summary>Reads and validates it.</summary>
    public abstract ManifestReadResult Read();

    /// <summary>An input named on the command line, read by <paramref name="read"/>.</summary>
    public static Input Named(string name, Func<ManifestReadResult> read) => new NamedInput(name, read);

    private sealed class NamedInput(string name, Func<ManifestReadResult> read) : Input
    {
        public override string Name => name;

        public override ManifestReadResult Read() => read();
    }
}

/// <summary>A folder being searched: as the command line names it, and its real path.</summary>
internal sealed record SearchedFolder(string Shown, string Real);

/// <summary>
/// A file found in a folder, held as its name (and its real path if it is a link): until it is read,
/// a file of a batch costs its name, whatever the size of the batch.
/// </summary>
internal sealed class FoundFile(SearchedFolder folder, string fileName, string? linkTarget) : Input
{
    /// <inheritdoc/>
    public override string Name => Path.Combine(folder.Shown, fileName);

    /// <inheritdoc/>
    public override ManifestReadResult Read() => Inputs.ReadFound(linkTarget ?? Path.Combine(folder.Real, fileName), Name);
}

/// <summary>What the paths of a command line hold.</summary>
/// <param name="Inputs">The manifests to read, in order.</param>
/// <param name="Problems">Paths that could not be used (errors) and files that were passed over (warnings).</param>
/// <param name="Named">The paths as the command line gave them.</param>
internal sealed record Expansion(IReadOnlyList<Input> Inputs, IReadOnlyList<Diagnostic> Problems, IReadOnlyList<string> Named)
{
    /// <summary>Whether a path could not be used.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// The error of a command that found nothing to read, after <paramref name="manifests"/> inputs
    /// held a manifest (valid or not) and <paramref name="skipped"/> files did not; null when
    /// something was read or a path was already an error.
    /// </summary>
    public Diagnostic? NothingFound(int manifests, int skipped)
    {
        if (manifests > 0 || HasErrors)
        {
            return null;
        }

        var words = skipped == 0
            ? DiagnosticCatalog.Words("no-manifests.none")
            : DiagnosticCatalog.Words("no-manifests.skipped", ("count", skipped.ToString(CultureInfo.InvariantCulture)));
        return Diagnostic.Worded(DiagnosticSeverity.Error, "no-manifests", string.Join(", ", Named), SourcePosition.WholeFile, "", words);
    }
}

/// <summary>One input as read, with what the command made of it on the way.</summary>
/// <param name="Read">The reader's result; for a scanned file without a <c>tclass</c> key, no manifest and one warning.</param>
/// <param name="Value">What the command computed from the manifest (a classification, a rendered report), if it was read.</param>
internal sealed record InputRead<T>(ManifestReadResult Read, T? Value)
{
    /// <summary>Whether the input was a scanned file that holds no manifest (passed over, not an error).</summary>
    public bool Skipped => Read.Manifest is null && !Read.Errors.Any();

    /// <summary>What to tell the user: the errors, or why the file was passed over.</summary>
    public IEnumerable<Diagnostic> Problems => Skipped ? Read.Diagnostics : Read.Errors;
}

/// <summary>
/// Turns the paths of a command line into manifests: files, directories (searched recursively), or
/// <c>-</c>. Only regular files are read. In a directory, links are resolved and a file whose real path
/// leaves the directory is refused; links to directories are not followed; a file with a manifest's
/// extension that holds no manifest is named, and finding no manifest at all is an error.
/// </summary>
internal static class Inputs
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json", ".md", ".markdown"];

    /// <summary>Folders searched below a directory at most.</summary>
    private const int MaxDepth = 32;

    /// <summary>The inputs named by <paramref name="paths"/>, in order; a directory's files in ordinal order of their paths.</summary>
    public static Expansion Expand(IEnumerable<string> paths, CliConsole console)
    {
        var inputs = new List<Input>();
        var problems = new List<Diagnostic>();
        var named = new List<string>();
        foreach (var path in paths)
        {
            named.Add(path);
            if (path == "-")
            {
                var text = ReadStandardInput(console.In, ManifestReaderOptions.Default.Limits.MaxBytes);
                inputs.Add(Input.Named("<stdin>", () => text is null ? TooLarge("<stdin>") : ManifestReader.Parse(text, "<stdin>")));
                continue;
            }

            switch (FileKinds.Of(path))
            {
                case FileKind.Directory:
                    var root = RealPath.Of(Path.GetFullPath(path)) ?? Path.GetFullPath(path);
                    Scan(path, root, root, 0, inputs, problems);
                    break;
                case FileKind.Missing when new FileInfo(path).LinkTarget is null:
                    problems.Add(Error(path, "not-found", DiagnosticCatalog.Words("not-found")));
                    break;
                default:
                    // The reader refuses what is not a regular file, with the reason.
                    inputs.Add(Input.Named(path, () => ManifestReader.Read(path)));
                    break;
            }
        }

        return new Expansion(inputs, problems, named);
    }

    private static void Scan(string folder, string realFolder, string root, int depth, List<Input> inputs, List<Diagnostic> problems)
    {
        if (depth > MaxDepth)
        {
            problems.Add(Warning(folder, "too-deep", $"folders deeper than {MaxDepth} levels are not searched.", "Point at the deeper folder itself."));
            return;
        }

        // Names, not paths, are kept and sorted: in one folder their order is the order of the paths.
        List<string> names;
        try
        {
            names = [.. Directory.EnumerateFileSystemEntries(realFolder).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(Error(folder, "unreadable", "the folder cannot be listed: " + e.Message, "Check its permissions."));
            return;
        }

        var searched = new SearchedFolder(folder, realFolder);
        foreach (var name in names)
        {
            if (name.StartsWith('.') || name is "bin" or "obj" or "node_modules")
            {
                continue;
            }

            var entry = Path.Combine(realFolder, name);
            var shown = Path.Combine(folder, name);
            var kind = FileKinds.OfEntry(entry);
            var isManifestName = ManifestExtensions.Contains(Path.GetExtension(name).ToLowerInvariant());
            if (kind == FileKind.Directory)
            {
                Scan(shown, entry, root, depth + 1, inputs, problems);
                continue;
            }

            if (!isManifestName)
            {
                continue;
            }

            string? linkTarget = null;
            if (kind == FileKind.Link)
            {
                if (RealPath.Of(entry) is not { } target)
                {
                    var broken = BoundedRead.NotRegular(entry, FileKind.Missing);
                    problems.Add(Error(shown, broken.Code, broken.Message, broken.Fix));
                    continue;
                }

                if (!RealPath.IsInside(target, root))
                {
                    problems.Add(Error(shown, "outside-folder", "it is a link to a file outside the folder being searched; it is not read.",
                        "Copy the file into the folder, or name it on the command line."));
                    continue;
                }

                linkTarget = target;
                kind = FileKinds.Of(target);
            }

            if (kind != FileKind.Regular)
            {
                var problem = BoundedRead.NotRegular(linkTarget ?? entry, kind);
                problems.Add(Error(shown, problem.Code, problem.Message, problem.Fix));
                continue;
            }

            inputs.Add(new FoundFile(searched, name, linkTarget));
        }
    }

    /// <summary>
    /// Reads <paramref name="inputs"/> one after another, as the caller asks for them, and applies
    /// <paramref name="then"/> to each manifest read: a batch of any size holds one card at a time.
    /// One thread on purpose: reading a card allocates more than it computes, and threads sharing the
    /// collector spent twice the CPU and more wall time than one (docs/performance.md).
    /// </summary>
    public static IEnumerable<InputRead<T>> ReadAll<T>(IReadOnlyList<Input> inputs, Func<Manifest, T> then)
    {
        foreach (var input in inputs)
        {
            var read = input.Read();
            yield return new InputRead<T>(read, read.Manifest is { } manifest ? then(manifest) : default);
        }
    }

    /// <summary>
    /// A file found in a directory, read once: a YAML or JSON document with a top-level
    /// <c>tclass</c> key, or a Markdown card with a <c>tclass:</c> block, is read as a manifest;
    /// another is passed over with a warning that names it.
    /// </summary>
    internal static ManifestReadResult ReadFound(string file, string name)
    {
        var read = BoundedRead.File(file, ManifestReaderOptions.Default.Limits.MaxBytes);
        if (read.Bytes is not { } bytes)
        {
            return new ManifestReadResult(name, null, [Error(name, read.Problem!.Code, read.Problem.Message, read.Problem.Fix)]);
        }

        if (!ManifestReader.MayHoldManifest(System.Text.Encoding.UTF8.GetString(bytes), ManifestReader.SyntaxOf(name)))
        {
            return new ManifestReadResult(name, null, [Warning(name, "not-a-manifest", "skipped: it has no top-level tclass: key, so it is not a manifest.",
                "Add 'tclass: 1' at its top if it is meant to be one.")]);
        }

        return ManifestReader.Read(bytes, name);
    }

    /// <summary>Standard input, or null when it goes on past <paramref name="limit"/> bytes of UTF-8 (reading stops there).</summary>
    private static string? ReadStandardInput(TextReader input, long limit)
    {
        var text = new System.Text.StringBuilder();
        var chunk = new char[8192];
        long bytes = 0;
        int read;
        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            text.Append(chunk, 0, read);
            bytes += System.Text.Encoding.UTF8.GetByteCount(chunk, 0, read);
            if (bytes > limit)
            {
                return null;
            }
        }

        return text.ToString();
    }

    private static ManifestReadResult TooLarge(string name) => new(name, null,
        [Error(name, "too-large", string.Create(CultureInfo.InvariantCulture, $"the input goes on past {ManifestReaderOptions.Default.Limits.MaxBytes:N0} bytes, the limit of a manifest; reading stopped there."),
            "Give a manifest file, or pipe one manifest at a time.")]);

    private static Diagnostic Error(string file, string code, string message, string fix) =>
        new(DiagnosticSeverity.Error, code, file, 0, 0, "", message, fix);

    private static Diagnostic Error(string file, string code, DiagnosticWords words) =>
        Diagnostic.Worded(DiagnosticSeverity.Error, code, file, SourcePosition.WholeFile, "", words);

    private static Diagnostic Warning(string file, string code, string message, string fix) =>
        new(DiagnosticSeverity.Warning, code, file, 0, 0, "", message, fix);
}
