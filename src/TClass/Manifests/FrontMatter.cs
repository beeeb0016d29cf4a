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
        if (lines.Length == 0 || lines[0].TrimEnd('\r', ' ', '\t') != "---")
        {
            diagnostics.Error("no-front-matter", new SourcePosition(1, 1), "", DiagnosticCatalog.Words("no-front-matter"));
            return null;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r', ' ', '\t');
            if (line is "---" or "...")
            {
                return (string.Join('\n', lines[1..i]), 1);
            }
        }

        diagnostics.Error("unclosed-front-matter", new SourcePosition(1, 1), "", DiagnosticCatalog.Words("unclosed-front-matter"));
        return null;
    }

    /// <summary>Whether <paramref name="markdown"/> has front matter with a <c>tclass:</c> key (a cheap check for directory scans).</summary>
    public static bool MayHoldManifest(string markdown)
    {
        var bag = new DiagnosticBag("");
        return Extract(markdown, bag) is { } found
            && found.Yaml.Split('\n').Any(l => l.StartsWith(ManifestKey + ":", StringComparison.Ordinal));
    }
}
