using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TClass.Facts;
using TClass.Text;

namespace TClass.Reports;

/// <summary>A registry entry: a card's classification, the file name of its radar image and its sources.</summary>
/// <param name="Result">The classification.</param>
/// <param name="Radar">The radar image's path relative to the registry page.</param>
/// <param name="References">The card's public references (<c>model.references</c>), the first being its main source.</param>
/// <param name="Evidence">The card's evidence: where each fact was read, by fact path.</param>
public sealed record RegistryEntry(Classification Result, string Radar, ImmutableArray<string> References, IReadOnlyDictionary<string, string> Evidence)
{
    /// <summary>The card's main public source.</summary>
    public string? Source => References.IsDefaultOrEmpty ? null : References[0];
}

/// <summary>
/// The registry page: one table per language of every card, sorted by the lowest level each model
/// can be at (highest first), then by how many facts are unknown.
/// </summary>
public static class RegistryReport
{
    /// <summary>The entries in registry order.</summary>
    public static IEnumerable<RegistryEntry> Order(IEnumerable<RegistryEntry> entries) =>
        entries.OrderByDescending(e => e.Result.Candidates[0].Rank)
            .ThenBy(e => e.Result.UnknownFacts.Length)
            .ThenBy(e => e.Result.Model, StringComparer.Ordinal);

    /// <summary>The page, in English then Korean.</summary>
    public static string Render(IEnumerable<RegistryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ordered = Order(entries).ToList();
        var page = new StringBuilder();
        foreach (var language in new[] { Language.English, Language.Korean })
        {
            string L(string key) => ReportText.Get(key, language);
            page.Append("# ").Append(L("registry-title")).Append("\n\n").Append(L("registry-intro")).Append("\n\n");
            page.Append(CultureInfo.InvariantCulture,
                $"| | {L("developer")} | {L("model")} | {L("level")} | {L("weights-col")} | {L("architecture-col")} | {L("tokenizer-col")} | {L("infrastructure-col")} | {L("unknowns")} | {L("source")} |\n");
            page.Append("|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var entry in ordered)
            {
                var r = entry.Result;
                var level = r.Outcome is { } tier ? $"**{tier.Id}** {tier.Label.In(language)}" : string.Join(" · ", r.Candidates.Select(c => c.Id));
                page.Append(CultureInfo.InvariantCulture,
                    $"| <img src=\"{entry.Radar}\" width=\"96\" alt=\"radar\"> | {Cell(Fact(r, "model.developer", language))} | `{r.Model}` | {level} | {Cell(Weights(r, language))} | {Cell(Architecture(r, language))} | {Cell(Fact(r, "tokenizer.origin", language))} | {Score(r, "infrastructure")} | {r.UnknownFacts.Length} | {Link(entry.Source)} |\n");
            }

            page.Append('\n');
        }

        return page.ToString();
    }

    /// <summary>A fact's value as a table shows it: as written in the card, which Korean follows with the ruleset's words for it.</summary>
    internal static string? Fact(Classification result, string path, Language language) =>
        result.Value(path) is not { } value ? null
            : result.Ruleset.Facts.FirstOrDefault(f => f.Path == path)?.Glossed(value, language) ?? TextReport.Display(value);

    internal static string? Weights(Classification result, Language language) =>
        Fact(result, "weights.origin", language) is { } origin
            ? origin + (Fact(result, "weights.adaptation", language) is { Length: > 0 } adaptation ? $" ({adaptation})" : "")
            : null;

    internal static string? Architecture(Classification result, Language language)
    {
        if (Fact(result, "architecture.family", language) is not { } family)
        {
            return null;
        }

        var own = result.Value("architecture.family") is SymbolValue { Value: "own" };
        var detail = Fact(result, own ? "architecture.topology" : "architecture.config", language);
        return detail is { Length: > 0 } ? $"{family} ({detail})" : family;
    }

    internal static string Score(Classification result, string axis) =>
        result.Scores.FirstOrDefault(s => s.Axis == axis) is { } score ? TextReport.Score(score) + "/10" : "";

    private static string Cell(string? text) => text is null ? "?" : text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Link(string? source) => source is null ? "" : source.StartsWith("http", StringComparison.Ordinal) ? $"[link]({source})" : Cell(source);
}
