using System.Text;
using TClass.Rules;
using TClass.Text;

namespace TClass.Reports;

/// <summary>A ruleset as readable text: its outcomes, the facts it reads and its tree, indented.</summary>
public static class RulesetReport
{
    /// <summary>A derivation in one line: <c>any components where origin ∈ {third-party} and role ∉ {draft-model}</c>.</summary>
    internal static string Derivation(Derivation derive)
    {
        var tests = string.Join(" and ", derive.Where.Select(t => (t.Field is null ? "" : t.Field + " ") + (t.Negated ? "∉ {" : "∈ {") + string.Join(", ", t.Values) + "}"));
        return derive.Quantifier == Quantifier.Value
            ? derive.Over + " " + tests
            : derive.Quantifier.ToString().ToLowerInvariant() + " " + derive.Over + " where " + tests;
    }

    /// <summary>Renders <paramref name="ruleset"/>.</summary>
    public static string Render(Ruleset ruleset, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        string L(string key) => ReportText.Get(key, language);
        var text = new StringBuilder();
        text.Append(ruleset.Id).Append(' ').Append(ruleset.Version).Append(" — ").Append(ruleset.Title.In(language)).Append('\n');
        if (ruleset.Description is { } description)
        {
            text.Append(TextReport.Wrap(description.In(language), 96)).Append('\n');
        }

        text.Append('\n').Append(L("outcomes")).Append(":\n");
        foreach (var outcome in ruleset.Outcomes)
        {
            var group = ruleset.Groups.FirstOrDefault(g => g.Id == outcome.Group)?.Label.In(language);
            text.Append("  ").Append(outcome.Id.PadRight(6)).Append(outcome.Label.In(language));
            text.Append(group is null ? "" : "  · " + group).Append('\n');
        }

        text.Append('\n').Append(L("facts-read")).Append(":\n");
        foreach (var fact in ruleset.Facts)
        {
            var domain = fact.Type == FactType.Bool ? "true | false" : string.Join(" | ", fact.Values) + (fact.Other ? " | …" : "");
            text.Append("  ").Append(fact.Path).Append("  (").Append(fact.Type.ToString().ToLowerInvariant()).Append(": ").Append(domain).Append(')');
            if (fact.Derive is { } derive)
            {
                text.Append("  ").Append(L("derived")).Append(": ").Append(Derivation(derive));
            }

            text.Append('\n');
        }

        text.Append('\n').Append(L("tree")).Append(":\n");
        var shown = new HashSet<string>(StringComparer.Ordinal);
        Node(text, ruleset, ruleset.Root, "  ", shown, language);
        return text.ToString();
    }

    private static void Node(StringBuilder text, Ruleset ruleset, string id, string indent, HashSet<string> shown, Language language)
    {
        var node = ruleset.FindNode(id)!;
        if (!shown.Add(id))
        {
            text.Append(indent).Append("→ ").Append(id).Append(" (").Append(ReportText.Get("see-above", language)).Append(")\n");
            return;
        }

        text.Append(indent).Append('[').Append(id).Append("] ").Append(node.Question.In(language)).Append('\n');
        switch (node)
        {
            case SwitchNode s:
                foreach (var @case in s.Cases)
                {
                    Branch(text, ruleset, $"{s.Fact} = {string.Join(" | ", @case.Values)}", @case.Branch, indent + "  ", shown, language);
                }

                if (s.Default is { } fallback)
                {
                    Branch(text, ruleset, ReportText.Get("otherwise", language), fallback, indent + "  ", shown, language);
                }

                break;
            case ConditionNode c:
                Branch(text, ruleset, ConditionText.Describe(c.If, true, language), c.Then, indent + "  ", shown, language);
                Branch(text, ruleset, ConditionText.Describe(c.If, false, language), c.Else, indent + "  ", shown, language);
                break;
        }
    }

    private static void Branch(StringBuilder text, Ruleset ruleset, string when, Branch branch, string indent, HashSet<string> shown, Language language)
    {
        text.Append(indent).Append("if ").Append(when);
        if (branch.Target is Conclude leaf)
        {
            var outcome = ruleset.FindOutcome(leaf.Outcome)!;
            text.Append(" ⇒ ").Append(outcome.Id).Append(' ').Append(outcome.Label.In(language)).Append('\n');
            return;
        }

        text.Append(":\n");
        Node(text, ruleset, ((GoTo)branch.Target).Node, indent + "  ", shown, language);
    }
}
