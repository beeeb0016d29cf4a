namespace TClass.Text;

/// <summary>Fills the <c>{name}</c> placeholders of the texts rule files give (labels, verdict reasons).</summary>
internal static class Placeholders
{
    /// <summary><paramref name="template"/> with each <c>{key}</c> replaced by its value.</summary>
    public static string Fill(string template, IEnumerable<KeyValuePair<string, string>> values) =>
        values.Aggregate(template, (text, value) => text.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));

    /// <summary><paramref name="template"/> with each <c>{key}</c> replaced by its value.</summary>
    public static string Fill(string template, params (string Key, string Value)[] values) =>
        Fill(template, values.Select(v => KeyValuePair.Create(v.Key, v.Value)));
}
