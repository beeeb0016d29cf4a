using System.Collections.Frozen;
using TClass.Text;
using YamlDotNet.Serialization;

namespace TClass.Reports;

/// <summary>The words of the report layouts, from <c>rules/i18n/reports.yaml</c>.</summary>
internal static class ReportText
{
    private static readonly Lazy<FrozenDictionary<string, LocalizedText>> Labels = new(() =>
    {
        var file = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, Dictionary<string, Dictionary<string, string>>>>(EmbeddedRules.Text("i18n/reports.yaml"));
        return file["labels"].ToFrozenDictionary(kv => kv.Key, kv => new LocalizedText(kv.Value["en"], kv.Value["ko"]), StringComparer.Ordinal);
    });

    /// <summary>The label <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Get(string key, Language language) => Labels.Value[key].In(language);
}
