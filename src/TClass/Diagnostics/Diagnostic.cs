using System.Globalization;

namespace TClass.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input cannot be used as it is; nothing is classified from it.</summary>
    Error,

    /// <summary>The input is usable, but something in it deserves a look.</summary>
    Warning,
}

/// <summary>
/// One problem found in an input file: where it is (file, line, column), which field it concerns,
/// what is wrong and how to fix it. Diagnostics are values: every stage returns them, none throws them.
/// </summary>
/// <param name="Severity">Error (the file is rejected) or warning.</param>
/// <param name="Code">A stable kebab-case identifier of the rule that was broken, e.g. <c>unknown-key</c>.</param>
/// <param name="File">The file as the user named it, or <c>&lt;stdin&gt;</c>/<c>&lt;text&gt;</c>.</param>
/// <param name="Line">1-based line of the offending text (0 when the problem concerns the whole file).</param>
/// <param name="Column">1-based column of the offending text (0 when the problem concerns the whole file).</param>
/// <param name="Path">The field path, e.g. <c>weights.base</c> or <c>components[1].origin</c>; empty for the document itself.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Fix">How to fix it, in one sentence; <see langword="null"/> when there is nothing better to say than the message.</param>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string File,
    int Line,
    int Column,
    string Path,
    string Message,
    string? Fix)
{
    /// <summary>
    /// The message and fix in Korean, from the words of <c>rules/i18n/diagnostics.yaml</c>; null for a
    /// diagnostic that is worded in English only. <see cref="Message"/> and <see cref="Fix"/> stay English.
    /// </summary>
    public DiagnosticText? Korean { get; init; }

    /// <summary>A diagnostic worded in English and Korean; its <see cref="Message"/> and <see cref="Fix"/> are the English words.</summary>
    internal static Diagnostic Worded(DiagnosticSeverity severity, string code, string file, SourcePosition at, string path, DiagnosticWords words) =>
        new(severity, code, file, at.Line, at.Column, path, words.English.Message, words.English.Fix) { Korean = words.Korean };

    /// <summary>
    /// The conventional one-line form <c>file:line:col: error: message</c>, followed by the fix; a
    /// problem of the whole file has no position (<c>file: error: message</c>).
    /// </summary>
    public override string ToString() => Format(Severity == DiagnosticSeverity.Error ? "error" : "warning", new DiagnosticText(Message, Fix), "Fix");

    /// <summary>
    /// The one-line form with other words: <paramref name="severity"/> for "error" or "warning",
    /// <paramref name="words"/> for the message and fix, <paramref name="fixLabel"/> for "Fix".
    /// </summary>
    public string Format(string severity, DiagnosticText words, string fixLabel)
    {
        ArgumentNullException.ThrowIfNull(words);
        var field = Path.Length == 0 ? "" : Path + ": ";
        var fix = words.Fix is null ? "" : " " + fixLabel + ": " + words.Fix;
        var at = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $":{Line}:{Column}") : "";
        // A file name is the one part of a diagnostic no reader checked: its line breaks are shown, not followed.
        return $"{File.Replace("\n", "\\x0A", StringComparison.Ordinal).Replace("\r", "\\x0D", StringComparison.Ordinal)}{at}: {severity}: {field}{words.Message}{fix}";
    }
}

/// <summary>A diagnostic's message and its fix in one language.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">How to fix it, if there is a fix to suggest.</param>
public sealed record DiagnosticText(string Message, string? Fix);

/// <summary>A diagnostic's message and fix in English and in Korean.</summary>
/// <param name="English">The English words.</param>
/// <param name="Korean">The Korean words.</param>
public sealed record DiagnosticWords(DiagnosticText English, DiagnosticText Korean);
