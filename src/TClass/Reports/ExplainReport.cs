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
        TextReport.AppendWrapped(text, "", result.Model + (result.File.Length > 0 ? "  (" + ControlCharacters.Escape(result.File, allowLineBreaks: false) + ")" : ""), options.Width);
        text.Append(L("ruleset")).Append(' ').Append(result.Ruleset.Id).Append(' ').Append(result.Ruleset.Version)
            .Append(" · ").Append(L("country")).Append(' ').Append(result.Country).Append("\n\n");
        Steps(text, result.Path, "", lang, options.Width, first: 1);

        text.Append('\n');
        TextReport.AppendWrapped(text, "", L("result") + ": " + (result.Outcome is { } tier
            ? TextReport.Bound($"{tier.Id} — {tier.Label.In(lang)}")
            : $"{L("undecided")} — {L("possible")}: {string.Join(", ", result.Candidates.Select(c => c.Id))}; {L("missing")}: {string.Join(", ", result.Missing)}"), options.Width);
        text.Append('\n').Append(TextReport.Wrap(TextReport.KeepLabels(result.Because(lang), result, lang), options.Width)).Append('\n');
        if (result.Next is { } next)
        {
            text.Append('\n');
            TextReport.AppendWrapped(text, "", L("next") + ": " + TextReport.Bound(next.Outcome.Id + " — " + next.Outcome.Label.In(lang)), options.Width);
            foreach (var need in next.Needs)
            {
                TextReport.AppendWrapped(text, "  ", "• " + TextReport.Requirement(need, lang), options.Width);
            }
        }

        text.Append('\n');
        TextReport.AppendWrapped(text, "", L("scores") + ": " + string.Join(" · ", result.Scores.Select(s => TextReport.Bound(s.Label.In(lang) + " " + TextReport.Score(s)))), options.Width);
        foreach (var warning in result.Warnings)
        {
            TextReport.AppendWrapped(text, "", "! " + DiagnosticReport.InReport(warning, lang), options.Width);
        }

        return text.ToString();
    }

    private static void Steps(StringBuilder text, IEnumerable<PathStep> steps, string indent, Language lang, int width, int first)
    {
        var number = first;
        foreach (var step in steps)
        {
            TextReport.AppendWrapped(text, indent, number++.ToString(CultureInfo.InvariantCulture) + ". " + step.Question.In(lang), width, 3);
            foreach (var fact in step.Facts)
            {
                var value = fact.ValueText?.In(lang) ?? ReportText.Get("unknown", lang);
                TextReport.AppendWrapped(text, indent + "   ", ReportText.Get("reads", lang) + " " + fact.Path + " = " + value, width, 4);
                if (fact.Evidence is { } evidence)
                {
                    text.Append(indent).Append("     ").Append(ReportText.Get("evidence", lang)).Append(": ")
                        .Append(TextReport.Wrap(evidence, width - indent.Length - 16).Replace("\n", "\n" + indent + "       ", StringComparison.Ordinal)).Append('\n');
                }
            }

            if (step.Answer is { } answer)
            {
                TextReport.AppendWrapped(text, indent + "   ", ReportText.Get("answer", lang) + ": " + (step.AnswerText?.In(lang) ?? answer)
                    + (step.Outcome is { } outcome ? " ⇒ " + outcome : ""), width);
                text.Append(indent).Append("   ").Append(TextReport.Wrap(step.Reason?.In(lang) ?? "", width - indent.Length - 3)
                    .Replace("\n", "\n" + indent + "   ", StringComparison.Ordinal)).Append('\n');
                continue;
            }

            TextReport.AppendWrapped(text, indent + "   ", ReportText.Get("missing", lang) + ": " + string.Join(", ", step.Unknown)
                + " — " + ReportText.Get("explored", lang) + ":", width);
            foreach (var branch in step.Explored)
            {
                TextReport.AppendWrapped(text, indent + "   ", "• " + branch.Assumption.In(lang) + " → " + string.Join(", ", branch.Outcomes.Select(o => o.Id)), width);
                Steps(text, branch.Path.Skip(1), indent + "      ", lang, width, number);
            }
        }
    }
}
