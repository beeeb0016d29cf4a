using System.Globalization;
using TClass.Diagnostics;
using TClass.Text;

namespace TClass.Reports;

/// <summary>Diagnostics as a person reads them, in English or Korean.</summary>
public static class DiagnosticReport
{
    /// <summary>
    /// One line: <c>file:line:col: error: field: message Fix: fix</c> — in Korean
    /// <c>file:line:col: 오류: field: message 해결: fix</c> with the Korean words where the
    /// diagnostic has them.
    /// </summary>
    public static string Line(Diagnostic diagnostic, Language language)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (language == Language.English || diagnostic.Korean is not { } korean)
        {
            return diagnostic.ToString();
        }

        return diagnostic.Format(ReportText.Get(diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning", language), korean, ReportText.Get("fix", language));
    }

    /// <summary>The message and fix in <paramref name="language"/>, English where the diagnostic has no Korean words.</summary>
    internal static DiagnosticText Words(Diagnostic diagnostic, Language language) =>
        language == Language.Korean && diagnostic.Korean is { } korean ? korean : new DiagnosticText(diagnostic.Message, diagnostic.Fix);

    /// <summary>A warning inside a report: <c>line:col message fix</c>, its words in <paramref name="language"/>.</summary>
    internal static string InReport(Diagnostic warning, Language language)
    {
        var words = Words(warning, language);
        return (warning.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{warning.Line}:{warning.Column} ") : "")
            + words.Message + (words.Fix is null ? "" : " " + words.Fix);
    }
}
