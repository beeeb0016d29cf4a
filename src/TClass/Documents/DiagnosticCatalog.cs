using System.Collections.Frozen;
using TClass.Diagnostics;
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
        var root = DocumentReader.ReadBuiltIn("i18n/diagnostics.yaml", diagnostics);
        return ((root.Map("messages")?.Entries) ?? throw new InvalidDataException("rules/i18n/diagnostics.yaml has no messages"))
            .ToFrozenDictionary(
                e => e.Key.Text,
                e => new Entry(Text(e.Value.Node("message")), e.Value.Node("fix") is { } fix ? Text(fix) : null),
                StringComparer.Ordinal);
    });

    private static LocalizedText Text(DocumentNode? node) => new(node.Text("en") ?? "", node.Text("ko") ?? "");

    /// <summary>The message and fix worded <paramref name="key"/>, with <paramref name="values"/> filled in.</summary>
    public static DiagnosticWords Words(string key, params (string Key, string Value)[] values) => Words(key, values, []);

    /// <summary>
    /// The message and fix worded <paramref name="key"/>: <paramref name="values"/> are the same in
    /// both languages (text from the card), <paramref name="worded"/> values are words themselves,
    /// each filled in in its language.
    /// </summary>
    public static DiagnosticWords Words(string key, (string Key, string Value)[] values, params (string Key, LocalizedText Value)[] worded)
    {
        var entry = Entries.Value[key];
        (string Key, string Value)[] english = [.. values, .. worded.Select(w => (w.Key, w.Value.En))];
        (string Key, string Value)[] korean = [.. values, .. worded.Select(w => (w.Key, w.Value.Ko))];
        return new DiagnosticWords(
            new DiagnosticText(Placeholders.Fill(entry.Message.En, english), Fix(entry.Fix?.En, english)),
            new DiagnosticText(Placeholders.Fill(entry.Message.Ko, korean), Fix(entry.Fix?.Ko, korean)));
    }

    /// <summary>A fix with its values filled in; none when nothing is left to say (a schema gave no hint).</summary>
    private static string? Fix(string? template, (string Key, string Value)[] values)
    {
        if (template is null)
        {
            return null;
        }

        var fix = Placeholders.Fill(template, values);
        return string.IsNullOrWhiteSpace(fix) ? null : fix;
    }

    /// <summary>A piece of wording (a review line, a "did you mean" phrase) in both languages, filled in as <see cref="Words(string, ValueTuple{string, string}[], ValueTuple{string, LocalizedText}[])"/> fills a message.</summary>
    public static LocalizedText Phrase(string key, params (string Key, string Value)[] values) => Phrase(key, values, []);

    /// <inheritdoc cref="Phrase(string, ValueTuple{string, string}[])"/>
    public static LocalizedText Phrase(string key, (string Key, string Value)[] values, params (string Key, LocalizedText Value)[] worded)
    {
        var words = Words(key, values, worded);
        return new LocalizedText(words.English.Message, words.Korean.Message);
    }

    /// <summary>"Did you mean 'x'? " in both languages, or nothing when no value is near.</summary>
    public static LocalizedText DidYouMean(string? nearest) =>
        nearest is null ? new LocalizedText("", "") : Phrase("did-you-mean", ("nearest", nearest));
}
