using System.Collections.Frozen;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Text;

namespace TClass.Reports;

/// <summary>The words of the report layouts and of the command line's own prompts, from <c>rules/i18n/reports.yaml</c>.</summary>
public static class ReportText
{
    private static readonly Lazy<FrozenDictionary<string, LocalizedText>> Labels = new(() =>
    {
        var diagnostics = new DiagnosticBag("rules/i18n/reports.yaml");
        var root = DocumentReader.ReadBuiltIn("i18n/reports.yaml", diagnostics);
        return ((root.Map("labels")?.Entries) ?? throw new InvalidDataException("rules/i18n/reports.yaml has no labels"))
            .ToFrozenDictionary(e => e.Key.Text, e => new LocalizedText(e.Value.Text("en") ?? "", e.Value.Text("ko") ?? ""), StringComparer.Ordinal);
    });

    /// <summary>The label <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Get(string key, Language language) => Labels.Value[key].In(language);

    /// <summary>The label <paramref name="key"/> in <paramref name="language"/>, or null when there is none.</summary>
    public static string? TryGet(string key, Language language) => Labels.Value.TryGetValue(key, out var text) ? text.In(language) : null;
}
