using System.Globalization;
using System.Text;
using TClass.Text;

namespace TClass.Reports;

/// <summary>
/// The full walk of a classification in prose: each question, the facts it read with their evidence,
/// the answer and why; for unknown facts, every branch explored and where it leads; then the result,
/// the next level and what it needs.
/// </summary>
public static class ExplainReport
{
    /// <summary>Renders the walk of <paramref name="result"/>.</summary>
    public static string Render(Classification result, TextReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new TextReportOptions();
        var lang = options.Language;
        string L(string key) => ReportText.Get(key, lang);
        var text = new StringBuilder();
        text.Append(result.Model);
        if (result.File.Length > 0)
        {
            text.Append("  (").Append(ControlCharacters.Escape(result.File, allowLineBreaks: false)).Append(')');
        }

        text.Append('\n').Append(L("ruleset")).Append(' ').Append(result.Ruleset.Id).Append(' ').Append(result.Ruleset.Version)
            .Append(" · ").Append(L("country")).Append(' ').Append(result.Country).Append("\n\n");
        Steps(text, result.Path, "", lang, options.Width, first: 1);

        text.Append('\n').Append(L("result")).Append(": ");
        text.Append(result.Outcome is { } tier
            ? $"{tier.Id} — {tier.Label.In(lang)}"
            : $"{L("undecided")} — {L("possible")}: {string.Join(", ", result.Candidates.Select(c => c.Id))}; {L("missing")}: {string.Join(", ", result.Missing)}");
        text.Append("\n\n").Append(TextReport.Wrap(result.Because(lang), options.Width)).Append('\n');
        if (result.Next is { } next)
        {
            text.Append('\n').Append(L("next")).Append(": ").Append(next.Outcome.Id).Append(" — ").Append(next.Outcome.Label.In(lang)).Append('\n');
            foreach (var need in next.Needs)
            {
                text.Append("  • ").Append(TextReport.Wrap(TextReport.Requirement(need, lang), options.Width - 4).Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
            }
        }

        text.Append('\n').Append(L("scores")).Append(": ").Append(string.Join(" · ", result.Scores.Select(s => s.Label.In(lang) + " " + TextReport.Score(s)))).Append('\n');
        foreach (var warning in result.Warnings)
        {
            text.Append("! ").Append(TextReport.Wrap(warning.ToString(), options.Width - 2).Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
        }

        return text.ToString();
    }

    private static void Steps(StringBuilder text, IEnumerable<PathStep> steps, string indent, Language lang, int width, int first)
    {
        var number = first;
        foreach (var step in steps)
        {
            text.Append(indent).Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(step.Question.In(lang)).Append('\n');
            foreach (var fact in step.Facts)
            {
                var value = fact.ValueText?.In(lang) ?? ReportText.Get("unknown", lang);
                text.Append(indent).Append("   ").Append(ReportText.Get("reads", lang)).Append(' ').Append(fact.Path).Append(" = ").Append(value).Append('\n');
                if (fact.Evidence is { } evidence)
                {
                    text.Append(indent).Append("     ").Append(ReportText.Get("evidence", lang)).Append(": ")
                        .Append(TextReport.Wrap(evidence, width - indent.Length - 16).Replace("\n", "\n" + indent + "       ", StringComparison.Ordinal)).Append('\n');
                }
            }

            if (step.Answer is { } answer)
            {
                text.Append(indent).Append("   ").Append(ReportText.Get("answer", lang)).Append(": ").Append(step.AnswerText?.In(lang) ?? answer);
                text.Append(step.Outcome is { } outcome ? " ⇒ " + outcome : "").Append('\n');
                text.Append(indent).Append("   ").Append(TextReport.Wrap(step.Reason?.In(lang) ?? "", width - indent.Length - 3)
                    .Replace("\n", "\n" + indent + "   ", StringComparison.Ordinal)).Append('\n');
                continue;
            }

            text.Append(indent).Append("   ").Append(ReportText.Get("unknown", lang)).Append(": ").Append(string.Join(", ", step.Unknown))
                .Append(" — ").Append(ReportText.Get("explored", lang)).Append(":\n");
            foreach (var branch in step.Explored)
            {
                text.Append(indent).Append("   • ").Append(branch.Assumption.In(lang)).Append(" → ")
                    .Append(string.Join(", ", branch.Outcomes.Select(o => o.Id))).Append('\n');
                Steps(text, branch.Path.Skip(1), indent + "      ", lang, width, number);
            }
        }
    }
}
