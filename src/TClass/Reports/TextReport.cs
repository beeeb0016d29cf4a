using System.Globalization;
using System.Text;
using TClass.Diagnostics;
using TClass.Facts;
using TClass.Text;

namespace TClass.Reports;

/// <summary>Options of <see cref="TextReport"/>.</summary>
/// <param name="Language">Language of the report.</param>
/// <param name="Color">Whether to colour with ANSI escape codes (for terminals).</param>
/// <param name="Width">Column at which text wraps.</param>
public sealed record TextReportOptions(Language Language = Language.English, bool Color = false, int Width = 100);

/// <summary>The compact, aligned text form of a classification, as the console runner prints it.</summary>
public static class TextReport
{
    private const int LabelWidth = 12;

    /// <summary>Renders one classification.</summary>
    public static string Render(Classification result, TextReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new TextReportOptions();
        var lang = options.Language;
        var paint = new Paint(options.Color);
        var text = new StringBuilder();
        var title = ControlCharacters.Escape(result.File.Length > 0 ? result.File : result.Model, allowLineBreaks: false);
        text.Append(paint.Bold(title)).Append('\n');
        if (result.File.Length > 0)
        {
            Field(text, "model", lang, result.Model);
        }

        if (result.Outcome is { } tier)
        {
            var group = result.Group is { } g ? " · " + Bound(g.Label.In(lang)) : "";
            Field(text, "level", lang, Wrap(paint.Green(paint.Bold(tier.Id)) + Bound("  " + tier.Label.In(lang)) + group, options.Width - LabelWidth - 2));
        }
        else
        {
            Field(text, "level", lang, paint.Yellow(paint.Bold(ReportText.Get("undecided", lang))) + " — "
                + string.Join(" · ", result.Candidates.Select(c => c.Id)));
            Field(text, "missing", lang, Wrap(string.Join(", ", result.Missing), options.Width - LabelWidth - 2));
        }

        Field(text, "because", lang, Wrap(KeepLabels(result.Because(lang), result, lang), options.Width - LabelWidth - 2));
        if (result.Next is { } next)
        {
            var lines = new List<string> { Wrap(paint.Cyan(next.Outcome.Id) + Bound("  " + next.Outcome.Label.In(lang)), options.Width - LabelWidth - 2) };
            lines.AddRange(next.Needs.Select(n => "• " + Wrap(Requirement(n, lang), options.Width - LabelWidth - 4).Replace("\n", "\n  ", StringComparison.Ordinal)));
            Field(text, "next", lang, string.Join("\n", lines));
        }

        if (!result.Scores.IsEmpty)
        {
            Field(text, "scores", lang, Wrap(string.Join(" · ", result.Scores.Select(s => Bound(s.Label.In(lang) + " " + Score(s)))), options.Width - LabelWidth - 2));
        }
        if (!result.Notes.IsEmpty)
        {
            Field(text, "notes", lang, string.Join("\n", result.Notes.Select(n => Wrap(n.Text.In(lang), options.Width - LabelWidth - 2))));
        }

        if (!result.Warnings.IsEmpty)
        {
            Field(text, "warnings", lang, string.Join("\n", result.Warnings.Select(w => paint.Yellow("! ") + Wrap(DiagnosticReport.InReport(w, lang), options.Width - LabelWidth - 4).Replace("\n", "\n  ", StringComparison.Ordinal))));
        }

        if (!result.Provenance.IsEmpty)
        {
            var counts = result.Provenance.GroupBy(p => p.Status).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {ReportText.Get("provenance." + g.Key.ToString().ToLowerInvariant(), lang)}");
            Field(text, "artifacts", lang, string.Join(" · ", counts));
        }

        Field(text, "ruleset", lang, $"{result.Ruleset.Id} {result.Ruleset.Version} · {ReportText.Get("country", lang)} {result.Country}");
        return text.ToString();
    }

    /// <summary>A requirement as one line: <c>fact: must be X (now: Y)</c>, with its alternatives; the fact stands apart from the words, so no particle has to follow it.</summary>
    public static string Requirement(Requirement need, Language language)
    {
        ArgumentNullException.ThrowIfNull(need);
        var now = need.Now is null ? ReportText.Get("unknown", language)
            : Display(need.Now) is { Length: > 0 } shown ? shown : ReportText.Get("none", language);
        var sentence = $"{need.Fact}: {need.Needs.In(language)} ({ReportText.Get("now", language)}: {now})";
        return need.Or.IsEmpty
            ? sentence
            : sentence + string.Concat(need.Or.Select(o => $" — {ReportText.Get("or", language)} " + Requirement(o, language)));
    }

    /// <summary>A score, or its range when unknown facts leave several possible.</summary>
    public static string Score(AxisScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Score is { } value
            ? value.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{score.Min}–{score.Max}");
    }

    /// <summary>A fact value as a person reads it: lists without brackets.</summary>
    public static string Display(FactValue value) => value?.Prose ?? "";

    /// <summary>A field: its name, then its value from column <see cref="LabelWidth"/>, or on the next line when the name is wider.</summary>
    private static void Field(StringBuilder text, string key, Language language, string value)
    {
        var label = ReportText.Get(key, language);
        text.Append("  ").Append(label);
        text.Append(DisplayWidth(label) < LabelWidth ? new string(' ', LabelWidth - DisplayWidth(label)) : "\n  " + new string(' ', LabelWidth));
        text.Append(value.Replace("\n", "\n  " + new string(' ', LabelWidth), StringComparison.Ordinal)).Append('\n');
    }

    /// <summary>
    /// Wraps at <paramref name="width"/> terminal columns, between words: Hangul and other wide
    /// characters count two, and so do characters of ambiguous width (<c>· — • …</c>), which
    /// East Asian terminals draw two columns wide, so a line never runs past the width. A
    /// parenthesised label (up to half a line) and words joined by no-break spaces stay on one line.
    /// </summary>
    public static string Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new StringBuilder();
        var line = 0;
        foreach (var unit in Units(text, width))
        {
            var w = LineWidth(unit);
            if (line > 0 && line + 1 + w > width)
            {
                lines.Append('\n');
                line = 0;
            }
            else if (line > 0)
            {
                lines.Append(' ');
                line++;
            }

            lines.Append(unit);
            line += w;
        }

        return lines.Replace(NoBreakSpace, ' ').ToString();
    }

    private const char NoBreakSpace = '\u00A0';

    /// <summary>
    /// Appends one logical line at <paramref name="indent"/>, wrapped so no line passes column
    /// <paramref name="width"/>; continuation lines go <paramref name="hanging"/> columns further in.
    /// </summary>
    internal static StringBuilder AppendWrapped(StringBuilder text, string indent, string line, int width, int hanging = 2)
    {
        var wrapped = Wrap(line, Math.Max(20, width - indent.Length - hanging));
        return text.Append(indent).Append(wrapped.Replace("\n", "\n" + indent + new string(' ', hanging), StringComparison.Ordinal)).Append('\n');
    }

    /// <summary>Words kept on one line when the text around them wraps: a level's label, a list of ids.</summary>
    internal static string Bound(string words) => words.Replace(' ', NoBreakSpace);

    /// <summary>The pieces no line break goes inside: words, and parenthesised labels.</summary>
    private static IEnumerable<string> Units(string text, int width)
    {
        var group = new List<string>();
        var depth = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => LineWidth(w) > width ? w.Split(NoBreakSpace, StringSplitOptions.RemoveEmptyEntries) : [w]))
        {
            group.Add(word);
            depth = Math.Max(0, depth + word.Count(c => c == '(') - word.Count(c => c == ')'));
            if (depth == 0)
            {
                foreach (var unit in Fitting(group, width))
                {
                    yield return unit;
                }

                group.Clear();
            }
        }

        foreach (var unit in Fitting(group, width))
        {
            yield return unit;
        }
    }

    /// <summary>A parenthesised group as one piece if it is a label (half a line at most), else its words: long asides may break.</summary>
    private static List<string> Fitting(List<string> group, int width) =>
        group.Count > 1 && LineWidth(string.Join(' ', group)) <= width / 2 ? [string.Join(NoBreakSpace, group)] : group;

    /// <summary>
    /// Columns a terminal may take to draw <paramref name="text"/>: ambiguous-width characters count
    /// two, colour codes (<c>ESC[…m</c>) none.
    /// </summary>
    private static int LineWidth(string text)
    {
        var visible = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b')
            {
                while (i < text.Length && text[i] != 'm')
                {
                    i++;
                }

                continue;
            }

            visible.Append(text[i]);
        }

        var shown = visible.ToString();
        return DisplayWidth(shown) + shown.Count(IsAmbiguousWidth);
    }

    /// <summary><paramref name="text"/> with the ruleset's level and group labels kept whole when it wraps.</summary>
    internal static string KeepLabels(string text, Classification result, Language language) =>
        result.Ruleset.Outcomes.Select(o => o.Label.In(language)).Concat(result.Ruleset.Groups.Select(g => g.Label.In(language)))
            .Where(label => label.Contains(' ', StringComparison.Ordinal))
            .OrderByDescending(label => label.Length)
            .Aggregate(text, (kept, label) => kept.Replace(label, Bound(label), StringComparison.Ordinal));

    private static bool IsAmbiguousWidth(char c) =>
        c is '·' or '—' or '–' or '•' or '…' or '→' or '⇒' or '←' or '≠' or '∈' or '∉' or '×' or '§' or '°' or '±' or '※' or '★' or '☆' or '○' or '●' or '■' or '□' or '▲' or '△';

    internal static int DisplayWidth(string text) => text.Sum(c => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFF60' ? 2 : 1);

    private readonly struct Paint(bool on)
    {
        public string Bold(string s) => Wrap(s, "1");

        public string Green(string s) => Wrap(s, "32");

        public string Yellow(string s) => Wrap(s, "33");

        public string Cyan(string s) => Wrap(s, "36");

        private string Wrap(string s, string code) => on ? $"\u001b[{code}m{s}\u001b[0m" : s;
    }
}
