using System.Collections.Immutable;

namespace TClass.Diagnostics;

/// <summary>
/// Collects the diagnostics of one input file while a stage runs. Local to one read; never shared.
/// </summary>
internal sealed class DiagnosticBag(string file)
{
    private readonly ImmutableArray<Diagnostic>.Builder _items = ImmutableArray.CreateBuilder<Diagnostic>();

    public string File { get; } = file;

    public bool HasErrors { get; private set; }

    /// <summary>How many diagnostics have been collected.</summary>
    public int Count => _items.Count;

    public void Error(string code, SourcePosition at, string path, string message, string? fix = null)
    {
        _items.Add(new Diagnostic(DiagnosticSeverity.Error, code, File, at.Line, at.Column, path, message, fix));
        HasErrors = true;
    }

    public void Warning(string code, SourcePosition at, string path, string message, string? fix = null) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Warning, code, File, at.Line, at.Column, path, message, fix));

    /// <summary>Records an error worded in English and Korean.</summary>
    public void Error(string code, SourcePosition at, string path, DiagnosticWords words)
    {
        _items.Add(Diagnostic.Worded(DiagnosticSeverity.Error, code, File, at, path, words));
        HasErrors = true;
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            _items.Add(diagnostic);
            HasErrors |= diagnostic.Severity == DiagnosticSeverity.Error;
        }
    }

    /// <summary>All diagnostics in source order (line, column), then in the order they were found.</summary>
    public ImmutableArray<Diagnostic> ToImmutableSorted() =>
        [.. _items.Select((d, i) => (d, i)).OrderBy(x => x.d.Line).ThenBy(x => x.d.Column).ThenBy(x => x.i).Select(x => x.d)];
}
