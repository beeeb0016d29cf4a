using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using TClass.Diagnostics;
using TClass.Files;
using TClass.Text;

namespace TClass.ModelFiles;

/// <summary>A model found in the local Hugging Face cache.</summary>
/// <param name="Id">The model's Hub id, <c>org/name</c>.</param>
/// <param name="Revision">The commit of the snapshot.</param>
/// <param name="Folder">The snapshot folder, <c>…/models--org--name/snapshots/&lt;commit&gt;</c>.</param>
public sealed record CachedModel(string Id, string Revision, string Folder);

/// <summary>The outcome of looking a model id up in the cache: the model, or why it is not there.</summary>
/// <param name="Model">The model, or null.</param>
/// <param name="Diagnostics">Why it was not found (where it looked and what it found instead).</param>
public sealed record CacheLookup(CachedModel? Model, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The local Hugging Face cache, read offline the way <c>huggingface_hub</c> lays it out: the cache is
/// <c>HF_HUB_CACHE</c>, else <c>HF_HOME/hub</c>, else <c>$XDG_CACHE_HOME/huggingface/hub</c>, else
/// <c>~/.cache/huggingface/hub</c>; a model lives in <c>models--org--name</c>, its branches and tags
/// in <c>refs/&lt;name&gt;</c> (each holding a commit) and each downloaded commit in
/// <c>snapshots/&lt;commit&gt;</c>, whose files are links into the model's <c>blobs</c>. Nothing is
/// downloaded.
/// </summary>
public static partial class HuggingFaceCache
{
    /// <summary>The branch a model id means when no revision is given.</summary>
    public const string DefaultRevision = "main";

    /// <summary>Where the cache is, and which setting said so.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    public static (string Folder, string Source) Root(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Set(string name) => environment(name) is { Length: > 0 } value ? value : null;
        if (Set("HF_HUB_CACHE") is { } hub)
        {
            return (Expand(hub), "HF_HUB_CACHE");
        }

        if (Set("HUGGINGFACE_HUB_CACHE") is { } legacy)
        {
            return (Expand(legacy), "HUGGINGFACE_HUB_CACHE");
        }

        if (Set("HF_HOME") is { } home)
        {
            return (Path.Combine(Expand(home), "hub"), "HF_HOME");
        }

        return Set("XDG_CACHE_HOME") is { } xdg
            ? (Path.Combine(Expand(xdg), "huggingface", "hub"), "XDG_CACHE_HOME")
            : (Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "huggingface", "hub"), "the default");
    }

    /// <summary>Whether <paramref name="text"/> has the shape of a Hub model id, <c>org/name</c>.</summary>
    public static bool IsModelId(string text) =>
        text is { Length: <= 200 } && ModelId().IsMatch(text) && !text.Contains("..", StringComparison.Ordinal) && !text.Contains("--", StringComparison.Ordinal);

    /// <summary>The Hub id of a snapshot of the cache (<c>…/models--org--name/snapshots/&lt;commit&gt;</c>, or a folder inside one), or null for any other folder.</summary>
    public static string? IdOf(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var parts = Path.GetFullPath(folder).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var model = Array.FindLastIndex(parts, p => p.StartsWith("models--", StringComparison.Ordinal) && p.Length > "models--".Length);
        return model >= 0 && model + 2 < parts.Length && parts[model + 1] == "snapshots"
            ? string.Join('/', parts[model]["models--".Length..].Split("--"))
            : null;
    }

    /// <summary>
    /// The folder a snapshot's links may lead into besides the snapshot itself: the model's
    /// <c>blobs</c> folder, when <paramref name="folder"/> (a real path) is a snapshot of the cache.
    /// </summary>
    internal static string? BlobsOf(string folder)
    {
        var snapshots = Path.GetDirectoryName(folder);
        if (snapshots is null || Path.GetFileName(snapshots) != "snapshots" || Path.GetDirectoryName(snapshots) is not { } model
            || !Path.GetFileName(model).StartsWith("models--", StringComparison.Ordinal))
        {
            return null;
        }

        // The blobs folder itself must be a folder, not a link that could lead anywhere.
        var blobs = Path.Combine(model, "blobs");
        return FileKinds.OfEntry(blobs) == FileKind.Directory ? blobs : null;
    }

    /// <summary>
    /// Finds <paramref name="id"/> at <paramref name="revision"/> (a branch or tag under <c>refs</c>, or
    /// a commit or its prefix; <see cref="DefaultRevision"/> when null) in the cache.
    /// </summary>
    public static CacheLookup Find(string id, string? revision, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(id);
        var (root, source) = Root(environment);
        var problems = new DiagnosticBag(id);
        var folder = Path.Combine(root, "models--" + id.Replace("/", "--", StringComparison.Ordinal));
        var where = $"(cache {root}, from {source})";
        if (!IsModelId(id))
        {
            problems.Error("not-a-model-id", SourcePosition.WholeFile, "", $"'{ControlCharacters.Escape(id, allowLineBreaks: false)}' is not a model id of the form org/name.",
                "Pass a model folder, or a Hugging Face id such as Qwen/Qwen2.5-7B.");
            return new CacheLookup(null, problems.ToImmutableSorted());
        }

        if (FileKinds.Of(folder) != FileKind.Directory)
        {
            problems.Error("not-in-cache", SourcePosition.WholeFile, "", $"the model is not in the local Hugging Face cache: there is no {folder} {where}.",
                $"Download it first (huggingface-cli download {id}), set HF_HUB_CACHE or HF_HOME to the cache that holds it, or pass the model's folder.");
            return new CacheLookup(null, problems.ToImmutableSorted());
        }

        var snapshots = Path.Combine(folder, "snapshots");
        var commits = FileKinds.Of(snapshots) == FileKind.Directory
            ? Directory.EnumerateDirectories(snapshots).Select(Path.GetFileName).OfType<string>().Where(c => Commit().IsMatch(c)).Order(StringComparer.Ordinal).ToList()
            : [];
        var wanted = revision ?? DefaultRevision;
        string? commit = null;
        if (!Revision().IsMatch(wanted) || wanted.Split('/').Any(p => p is "" or "." or ".."))
        {
            problems.Error("invalid-revision", SourcePosition.WholeFile, "--revision", $"'{ControlCharacters.Escape(wanted, allowLineBreaks: false)}' is not a branch, tag or commit name.",
                "Write a branch or tag (main, v1.0) or a commit hash.");
            return new CacheLookup(null, problems.ToImmutableSorted());
        }

        if (Ref(folder, wanted) is { } referenced)
        {
            commit = referenced;
        }
        else if (Commit().IsMatch(wanted) && commits.Where(c => c.StartsWith(wanted, StringComparison.Ordinal)).ToList() is [var only])
        {
            commit = only;
        }
        else if (revision is null && commits is [var single])
        {
            // Downloaded by commit only: no refs/main, one snapshot.
            commit = single;
        }

        if (commit is null || !commits.Contains(commit, StringComparer.Ordinal))
        {
            var found = commits.Count == 0 ? "no snapshot" : "snapshots " + string.Join(", ", commits.Select(c => c[..Math.Min(12, c.Length)]));
            var refs = Refs(folder);
            problems.Error("revision-not-in-cache", SourcePosition.WholeFile, "--revision",
                commit is null
                    ? $"revision '{wanted}' of {id} is not in the cache: {folder} has {found}{(refs.Count == 0 ? "" : " and refs " + string.Join(", ", refs))} {where}."
                    : $"revision '{wanted}' of {id} points at commit {commit}, whose snapshot is not in {snapshots} {where}.",
                commits.Count == 0 ? $"Download it first (huggingface-cli download {id})." : "Pass --revision with one of the snapshots or refs found, or download that revision.");
            return new CacheLookup(null, problems.ToImmutableSorted());
        }

        return new CacheLookup(new CachedModel(id, commit, Path.Combine(snapshots, commit)), []);
    }

    /// <summary>The commit <c>refs/&lt;name&gt;</c> holds, or null when there is no such ref (or it holds no commit).</summary>
    private static string? Ref(string folder, string name)
    {
        var path = Path.Combine(folder, "refs", name);
        if (FileKinds.Of(path) != FileKind.Regular || RealPath.Of(path) is not { } real || !RealPath.IsInside(real, RealPath.Of(folder) ?? folder))
        {
            return null;
        }

        var read = BoundedRead.File(real, 256);
        var text = read.Bytes is { } bytes ? Encoding.ASCII.GetString(bytes).Trim() : "";
        return Commit().IsMatch(text) ? text : null;
    }

    /// <summary>The branch and tag names under <c>refs</c>, for saying what is there.</summary>
    private static List<string> Refs(string folder)
    {
        var refs = Path.Combine(folder, "refs");
        // Links are not followed and unreadable folders are passed over: refs is only listed to say what is there.
        var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, MaxRecursionDepth = 4 };
        return FileKinds.OfEntry(refs) == FileKind.Directory
            ? [.. Directory.EnumerateFiles(refs, "*", walk).Take(1000).Select(f => Path.GetRelativePath(refs, f).Replace('\\', '/'))
                .Where(r => Revision().IsMatch(r)).Order(StringComparer.Ordinal).Take(20)]
            : [];
    }

    private static string Expand(string path) =>
        path.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..] : path;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}\z")]
    private static partial Regex ModelId();

    [GeneratedRegex(@"^[0-9a-f]{7,64}\z")]
    private static partial Regex Commit();

    [GeneratedRegex(@"^[A-Za-z0-9._/-]{1,128}\z")]
    private static partial Regex Revision();
}
