using System.Globalization;
using System.Text;
using TClass.Text;

namespace TClass.Reports;

/// <summary>Options of <see cref="MarkdownReport"/>.</summary>
/// <param name="Language">Language of the report.</param>
/// <param name="RadarLink">
/// A relative link to the radar SVG written next to the report; when <see langword="null"/> the radar
/// is embedded as a data URI so the report stands alone.
/// </param>
public sealed record MarkdownReportOptions(Language Language = Language.English, string? RadarLink = null);

/// <summary>
/// A classification as a Markdown document: the decision and summary, the facts with their evidence
/// and meaning, the walk, the next level, the scores with a radar, the warnings and the decision record.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Renders one classification.</summary>
    public static string Render(Classification result, MarkdownReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new MarkdownReportOptions();
        var lang = options.Language;
        string L(string key) => ReportText.Get(key, lang);
        var md = new StringBuilder();
        var level = result.Outcome is { } tier
            ? $"{tier.Id} {tier.Label.In(lang)}"
            : $"{L("undecided")}: {string.Join(" · ", result.Candidates.Select(c => c.Id))}";
        md.Append("# ").Append(Escape(result.Model)).Append(" — ").Append(level).Append("\n\n");

        md.Append("**").Append(L("decision")).Append(":** ");
        if (result.Outcome is { } decided)
        {
            md.Append(CultureInfo.InvariantCulture, $"{decided.Id} — {decided.Label.In(lang)}");
            if (result.Group is { } group)
            {
                md.Append(CultureInfo.InvariantCulture, $" ({group.Label.In(lang)})");
            }
        }
        else
        {
            md.Append(CultureInfo.InvariantCulture, $"{L("undecided")} — {L("possible")}: {string.Join(", ", result.Candidates.Select(c => c.Id))}; "
                + $"{L("missing")}: {string.Join(", ", result.Missing.Select(m => $"`{m}`"))}");
        }

        md.Append(CultureInfo.InvariantCulture, $" · {L("ruleset")} `{result.Ruleset.Id}` {result.Ruleset.Version} · {L("country")} {result.Country}\n\n");
        md.Append("> ").Append(Escape(result.Because(lang))).Append("\n\n");

        md.Append("## ").Append(L("facts")).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"| {L("fact")} | {L("declared")} | {L("evidence")} | {L("meaning")} |\n|---|---|---|---|\n");
        foreach (var (fact, step) in Facts(result.Path))
        {
            var label = fact.Label.In(lang);
            var value = fact.ValueText is { } shown ? "`" + Escape(shown.In(lang)) + "`" : "_" + L("unknown") + "_";
            var meaning = step.Reason?.In(lang) ?? string.Join("; ", step.Explored.Select(e => $"{e.Assumption.In(lang)}: {string.Join(", ", e.Outcomes.Select(o => o.Id))}"));
            md.Append(CultureInfo.InvariantCulture, $"| `{fact.Path}`<br>{Escape(label)} | {value} | {Escape(fact.Evidence ?? "—")} | {Escape(meaning)} |\n");
        }

        md.Append("\n## ").Append(L("walk")).Append("\n\n");
        Walk(md, result.Path, lang, indent: "", first: 1);

        md.Append("\n## ").Append(L("next-level")).Append("\n\n");
        if (result.Next is { } next)
        {
            md.Append(CultureInfo.InvariantCulture, $"**{next.Outcome.Id} — {next.Outcome.Label.In(lang)}** — {L("needs")}:\n\n");
            foreach (var need in next.Needs)
            {
                md.Append("- ").Append(Escape(TextReport.Requirement(need, lang))).Append('\n');
            }
        }
        else
        {
            // No next level: either the result is the highest level, or the highest is still among the candidates.
            md.Append(L(result.Outcome is null ? "next-open" : "top-level")).Append('\n');
        }

        if (!result.Scores.IsEmpty)
        {
            // A ruleset without score tables (an eligibility test) has no scores and no radar.
            md.Append("\n## ").Append(L("scores-heading")).Append("\n\n");
            md.Append(CultureInfo.InvariantCulture, $"| {L("axis")} | {L("score")} | {L("why")} |\n|---|---|---|\n");
            foreach (var score in result.Scores)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Escape(score.Label.In(lang))} | {TextReport.Score(score)} | {Escape(score.Reason?.In(lang) ?? L("range"))} |\n");
            }

            var radar = options.RadarLink ?? "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(RadarSvg.Render(result, lang)));
            md.Append(CultureInfo.InvariantCulture, $"\n![{L("radar")}]({radar})\n");
        }

        if (!result.Provenance.IsEmpty)
        {
            md.Append("\n## ").Append(L("claims-heading")).Append("\n\n");
            md.Append(CultureInfo.InvariantCulture, $"| {L("fact")} | {L("status")} | {L("declared")} | {L("concluded")} | {L("source")} |\n|---|---|---|---|---|\n");
            foreach (var fact in result.Provenance)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| `{fact.Fact}` | {L("provenance." + fact.Status.ToString().ToLowerInvariant())} | {Escape(fact.Declared ?? "—")} | {Escape(fact.Concluded ?? "—")} | {Escape(fact.Source ?? "—")} |\n");
            }
        }

        if (!result.Notes.IsEmpty)
        {
            md.Append("\n## ").Append(L("notes-heading")).Append("\n\n");
            foreach (var note in result.Notes)
            {
                md.Append("- ").Append(Escape(note.Text.In(lang))).Append('\n');
            }
        }

        md.Append("\n## ").Append(L("warnings-heading")).Append("\n\n");
        if (result.Warnings.IsEmpty)
        {
            md.Append(L("none")).Append('\n');
        }

        foreach (var warning in result.Warnings)
        {
            var where = warning.Line > 0 ? Placeholders.Fill(L("line"), ("line", warning.Line.ToString(CultureInfo.InvariantCulture))) + ", " : "";
            var words = DiagnosticReport.Words(warning, lang);
            md.Append(CultureInfo.InvariantCulture, $"- `{warning.Path}` ({where}{warning.Code}): {Escape(words.Message)}{(words.Fix is null ? "" : " " + Escape(words.Fix))}\n");
        }

        md.Append("\n---\n\n").Append(L("record")).Append(": ");
        md.Append(CultureInfo.InvariantCulture, $"{L("ruleset")} `{result.Ruleset.Id}` sha256 `{result.Ruleset.Sha256}`");
        if (result.ManifestSha256 is { } sha)
        {
            md.Append(CultureInfo.InvariantCulture, $" · {L("file")} `{Escape(result.File)}` sha256 `{sha}`");
        }

        md.Append('\n');
        return md.ToString();
    }

    private static IEnumerable<(FactReading Fact, PathStep Step)> Facts(IEnumerable<PathStep> path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in path)
        {
            foreach (var fact in step.Facts.Where(f => seen.Add(f.Path)))
            {
                yield return (fact, step);
            }
        }
    }

    private static void Walk(StringBuilder md, IEnumerable<PathStep> path, Language lang, string indent, int first)
    {
        var number = first;
        foreach (var step in path)
        {
            md.Append(indent).Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". **").Append(Escape(step.Question.In(lang))).Append("**");
            if (step.Answer is { } answer)
            {
                md.Append(" — `").Append(Escape(step.AnswerText?.In(lang) ?? answer)).Append('`');
                if (step.Outcome is { } outcome)
                {
                    md.Append(" → **").Append(outcome).Append("**");
                }

                md.Append("  \n").Append(indent).Append("   ").Append(Escape(step.Reason?.In(lang) ?? "")).Append('\n');
                continue;
            }

            md.Append(" — _").Append(ReportText.Get("missing", lang)).Append(": ").Append(string.Join(", ", step.Unknown)).Append("_\n");
            foreach (var branch in step.Explored)
            {
                md.Append(indent).Append("   - ").Append(Escape(branch.Assumption.In(lang))).Append(" → ")
                    .Append(string.Join(", ", branch.Outcomes.Select(o => o.Id))).Append('\n');
                Walk(md, branch.Path.Skip(1), lang, indent + "     ", number);
            }
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
