using System.Collections.Immutable;
using System.Text;
using TClass.Rules;
using TClass.Text;

namespace TClass.Reports;

/// <summary>How <see cref="RulesetReport"/> renders a ruleset.</summary>
/// <param name="Language">The language of the texts and the frame.</param>
/// <param name="Width">Column at which lines wrap.</param>
/// <param name="Parameters">
/// Values of the ruleset's parameters filled into its texts (<c>{country}</c>) and derivations
/// (<c>$country</c>); a parameter not given shows its default.
/// </param>
public sealed record RulesetReportOptions(Language Language = Language.English, int Width = 100, IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>A ruleset as readable text: its outcomes, the facts it reads and its tree, indented.</summary>
public static class RulesetReport
{
    /// <summary>Renders <paramref name="ruleset"/> in <paramref name="language"/>, parameters at their defaults.</summary>
    public static string Render(Ruleset ruleset, Language language = Language.English) => Render(ruleset, new RulesetReportOptions(language));

    /// <summary>Renders <paramref name="ruleset"/>.</summary>
    public static string Render(Ruleset ruleset, RulesetReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        ArgumentNullException.ThrowIfNull(options);
        var view = new View(ruleset, options);
        var text = new StringBuilder();
        text.Append(ruleset.Id).Append(' ').Append(ruleset.Version).Append(" — ").Append(view.Fill(ruleset.Title)).Append('\n');
        if (ruleset.Description is { } description)
        {
            text.Append(TextReport.Wrap(view.Fill(description), options.Width - 4)).Append('\n');
        }

        if (!ruleset.Parameters.IsEmpty)
        {
            text.Append('\n').Append(view.L("parameters")).Append(":\n");
            foreach (var parameter in ruleset.Parameters)
            {
                view.Line(text, "  ", parameter.Name + " = " + view.Parameters[parameter.Name] + "  (" + view.Fill(parameter.Label) + ")", 2);
            }
        }

        text.Append('\n').Append(view.L("outcomes")).Append(":\n");
        foreach (var outcome in ruleset.Outcomes)
        {
            var group = ruleset.Groups.FirstOrDefault(g => g.Id == outcome.Group) is { } g ? " · " + TextReport.Bound(view.Fill(g.Label)) : "";
            view.Line(text, "  ", TextReport.Bound(outcome.Id.PadRight(6) + view.Fill(outcome.Label)) + group, 6);
        }

        text.Append('\n').Append(view.L("facts-read")).Append(":\n");
        foreach (var fact in ruleset.Facts)
        {
            view.Line(text, "  ", fact.Path + " — " + view.Fill(fact.Label), 4);
            var domain = fact.Type == FactType.Bool
                ? view.L("type.bool")
                : view.L(fact.Type == FactType.Set ? "type.set" : "type.enum") + ": "
                  + string.Join(" | ", fact.Values.Select(v => view.Value(fact, v))) + (fact.Other ? " | " + view.L("type.other") : "");
            view.Line(text, "    ", domain, 2);
            if (fact.Derive is { } derive)
            {
                view.Line(text, "    ", view.L("derived") + ": " + view.Derivation(derive), 2);
            }
        }

        text.Append('\n').Append(view.L("tree")).Append(":\n");
        view.Node(text, ruleset.Root, "  ", new HashSet<string>(StringComparer.Ordinal));
        return text.ToString();
    }

    private sealed class View
    {
        private readonly Ruleset _ruleset;
        private readonly RulesetReportOptions _options;

        public View(Ruleset ruleset, RulesetReportOptions options)
        {
            _ruleset = ruleset;
            _options = options;
            Parameters = ruleset.Parameters.ToImmutableDictionary(p => p.Name, p => options.Parameters?.GetValueOrDefault(p.Name) ?? p.Default, StringComparer.Ordinal);
        }

        public ImmutableDictionary<string, string> Parameters { get; }

        private Language Language => _options.Language;

        public string L(string key) => ReportText.Get(key, Language);

        public string Fill(LocalizedText text) => Placeholders.Fill(text.In(Language), Parameters);

        /// <summary>A value as written in a card; Korean follows it with its words, <c>partial(일부)</c>.</summary>
        public string Value(FactDeclaration fact, string value) => fact.Glossed(value, Language);

        public string Derivation(Derivation derive)
        {
            var tests = string.Join(L("cond.and"), derive.Where.Select(t =>
                (t.Field is null ? "" : t.Field + " ") + (t.Negated ? "∉ {" : "∈ {") + string.Join(", ", t.Values.Select(Argument)) + "}"));
            return derive.Quantifier == Quantifier.Value
                ? derive.Over + " " + tests
                : Placeholders.Fill(L("derive." + derive.Quantifier.ToString().ToLowerInvariant()), ("over", derive.Over), ("tests", tests));
        }

        /// <summary><c>$country</c> with the value it stands for: <c>$country=KR</c>.</summary>
        private string Argument(string value) =>
            value.StartsWith('$') && Parameters.TryGetValue(value[1..], out var given) ? value + "=" + given : value;

        public void Line(StringBuilder text, string indent, string line, int hanging) => TextReport.AppendWrapped(text, indent, line, _options.Width, hanging);

        public void Node(StringBuilder text, string id, string indent, HashSet<string> shown)
        {
            var ruleset = _ruleset;
            var node = ruleset.FindNode(id)!;
            if (!shown.Add(id))
            {
                text.Append(indent).Append("→ ").Append(id).Append(" (").Append(L("see-above")).Append(")\n");
                return;
            }

            Line(text, indent, "[" + id + "] " + Fill(node.Question), 2);
            switch (node)
            {
                case SwitchNode s:
                    var fact = ruleset.Facts.FirstOrDefault(f => f.Path == s.Fact);
                    foreach (var @case in s.Cases)
                    {
                        var values = string.Join(" | ", @case.Values.Select(v => fact is null ? v : Value(fact, v)));
                        Branch(text, $"{s.Fact} = {values}", @case.Branch, indent + "  ", shown);
                    }

                    if (s.Default is { } fallback)
                    {
                        Branch(text, L("otherwise"), fallback, indent + "  ", shown);
                    }

                    break;
                case ConditionNode c:
                    Branch(text, ConditionText.Describe(c.If, true, Language), c.Then, indent + "  ", shown);
                    Branch(text, ConditionText.Describe(c.If, false, Language), c.Else, indent + "  ", shown);
                    break;
            }
        }

        private void Branch(StringBuilder text, string when, Branch branch, string indent, HashSet<string> shown)
        {
            var line = L("rules.if") + " " + when;
            if (branch.Target is Conclude leaf)
            {
                var outcome = _ruleset.FindOutcome(leaf.Outcome)!;
                Line(text, indent, line + " " + TextReport.Bound("⇒ " + outcome.Id + " " + Fill(outcome.Label)), 4);
                return;
            }

            Line(text, indent, line + ":", 4);
            Node(text, ((GoTo)branch.Target).Node, indent + "  ", shown);
        }
    }
}
