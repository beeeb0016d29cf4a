using TClass.Diagnostics;
using TClass.Documents;

namespace TClass.Manifests;

/// <summary>Finds the YAML front matter of a Markdown model card: the block between a first line
/// <c>---</c> and the next line <c>---</c> (or <c>...</c>).</summary>
internal static class FrontMatter
{
    /// <summary>The key of the front matter that holds the manifest.</summary>
    public const string ManifestKey = "tclass";

    /// <summary>The YAML of the front matter and the number of lines before it, or <see langword="null"/> (with a diagnostic).</summary>
    public static (string Yaml, int LineOffset)? Extract(string markdown, DiagnosticBag diagnostics)
    {
        var lines = markdown.Split('\n');
        switch (Closing(lines))
        {
            case null:
                diagnostics.Error("no-front-matter", new SourcePosition(1, 1), "", DiagnosticCatalog.Words("no-front-matter"));
                return null;
            case -1:
                diagnostics.Error("unclosed-front-matter", new SourcePosition(1, 1), "", DiagnosticCatalog.Words("unclosed-front-matter"));
                return null;
            case var close:
                return (string.Join('\n', lines[1..close.Value]), 1);
        }
    }

    /// <summary>
    /// Where the front matter of a card split into <paramref name="lines"/> ends: the index of the line
    /// that closes it (<c>---</c> or <c>...</c>), -1 when none does, or <see langword="null"/> when the
    /// first line does not open one.
    /// </summary>
    public static int? Closing(IReadOnlyList<string> lines)
    {
        static string Delimiter(string line) => line.TrimEnd('\r', ' ', '\t');
        if (lines.Count == 0 || Delimiter(lines[0]) != "---")
        {
            return null;
        }

        for (var i = 1; i < lines.Count; i++)
        {
            if (Delimiter(lines[i]) is "---" or "...")
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="markdown"/> has front matter with a <c>tclass:</c> key (a cheap check for directory scans).</summary>
    public static bool MayHoldManifest(string markdown)
    {
        var bag = new DiagnosticBag("");
        return Extract(markdown, bag) is { } found
            && found.Yaml.Split('\n').Any(l => l.StartsWith(ManifestKey + ":", StringComparison.Ordinal));
    }
}
