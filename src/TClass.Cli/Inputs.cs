using TClass.Diagnostics;
using TClass.Manifests;

namespace TClass.Cli;

/// <summary>One manifest to read: a file, or standard input.</summary>
/// <param name="Name">How messages name it.</param>
/// <param name="Read">Reads and validates it.</param>
internal sealed record Input(string Name, Func<ManifestReadResult> Read);

/// <summary>Turns the paths of a command line into manifests: files, directories (searched recursively), or <c>-</c>.</summary>
internal static class Inputs
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json", ".md", ".markdown"];

    /// <summary>The inputs named by <paramref name="paths"/>, in order; a directory's files in ordinal order of their paths.</summary>
    public static (List<Input> Inputs, List<Diagnostic> Errors) Expand(IEnumerable<string> paths, CliConsole console)
    {
        var inputs = new List<Input>();
        var errors = new List<Diagnostic>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                var text = console.In.ReadToEnd();
                inputs.Add(new Input("<stdin>", () => ManifestReader.Parse(text, "<stdin>")));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => ManifestExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Where(f => !IsHidden(Path.GetRelativePath(path, f)))
                    .Order(StringComparer.Ordinal)
                    .Where(HoldsManifest);
                inputs.AddRange(files.Select(f => new Input(f, () => ManifestReader.Read(f))));
            }
            else if (File.Exists(path))
            {
                inputs.Add(new Input(path, () => ManifestReader.Read(path)));
            }
            else
            {
                errors.Add(new Diagnostic(DiagnosticSeverity.Error, "not-found", path, 0, 0, "", "no such file or directory.", "Check the path."));
            }
        }

        return (inputs, errors);
    }

    /// <summary>
    /// Whether a file found in a directory is a manifest: a YAML or JSON document with a top-level
    /// <c>tclass</c> key, or a Markdown card with a <c>tclass:</c> block. Other files are skipped.
    /// </summary>
    private static bool HoldsManifest(string file)
    {
        try
        {
            if (new FileInfo(file).Length > 1024 * 1024)
            {
                return true; // let the reader report the size
            }

            return ManifestReader.MayHoldManifest(File.ReadAllText(file), ManifestReader.SyntaxOf(file));
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static bool IsHidden(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') || part is "bin" or "obj" or "node_modules");
}
