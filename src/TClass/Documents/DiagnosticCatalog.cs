using System.Collections.Frozen;
using TClass.Diagnostics;
using TClass.Resources;
using TClass.Text;

namespace TClass.Documents;

/// <summary>
/// The words of diagnostics in English and Korean, from <c>rules/i18n/diagnostics.yaml</c>: a check
/// names its wording and the values from the card, and the diagnostic carries both languages.
/// </summary>
internal static class DiagnosticCatalog
{
    private sealed record Entry(LocalizedText Message, LocalizedText? Fix);

    private static readonly Lazy<FrozenDictionary<string, Entry>> Entries = new(() =>
    {
        var diagnostics = new DiagnosticBag("rules/i18n/diagnostics.yaml");
        var root = DocumentReader.Read(EmbeddedRules.Text("i18n/diagnostics.yaml"), diagnostics, DocumentLimits.Default);
        return ((root.Map("messages")?.Entries) ?? throw new InvalidDataException("rules/i18n/diagnostics.yaml has no messages"))
            .ToFrozenDictionary(
                e => e.Key.Text,
                e => new Entry(Text(e.Value.Node("message")), e.Value.Node("fix") is { } fix ? Text(fix) : null),
                StringComparer.Ordinal);
    });

    private static LocalizedText Text(DocumentNode? node) => new(node.Text("en") ?? "", node.Text("ko") ?? "");

    /// <summary>The message and fix worded <paramref name="key"/>, with <paramref name="values"/> filled in.</summary>
    public static DiagnosticWords Words(string key, params (string Key, string Value)[] values)
    {
        var entry = Entries.Value[key];
        return new DiagnosticWords(
            new DiagnosticText(Placeholders.Fill(entry.Message.En, values), Fix(entry.Fix?.En, values)),
            new DiagnosticText(Placeholders.Fill(entry.Message.Ko, values), Fix(entry.Fix?.Ko, values)));
    }

    /// <summary>A fix with its values filled in; none when nothing is left to say (a schema gave no hint).</summary>
    private static string? Fix(string? template, (string Key, string Value)[] values) =>
        template is null || Placeholders.Fill(template, values) is not { Length: > 0 } fix || string.IsNullOrWhiteSpace(fix) ? null : fix;

    /// <summary>A piece of wording (a "did you mean" phrase) in both languages, with <paramref name="values"/> filled in.</summary>
    public static LocalizedText Phrase(string key, params (string Key, string Value)[] values)
    {
        var message = Entries.Value[key].Message;
        return new LocalizedText(Placeholders.Fill(message.En, values), Placeholders.Fill(message.Ko, values));
    }
}
