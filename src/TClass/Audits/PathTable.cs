using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TClass.Reports;
using TClass.Rules;
using TClass.Text;

namespace TClass.Audits;

/// <summary>One root-to-leaf path of a ruleset: the conditions that lead to an outcome.</summary>
/// <param name="Number">1-based number, in tree order.</param>
/// <param name="Conditions">The conditions, in plain words, in the order asked.</param>
/// <param name="Outcome">Where the path ends.</param>
/// <param name="Leaf">The node whose answer concludes it.</param>
public sealed record RulePath(int Number, ImmutableArray<string> Conditions, Outcome Outcome, string Leaf);

/// <summary>Every root-to-leaf path of a ruleset, its conditions in plain words and its outcome.</summary>
public static class PathTable
{
    /// <summary>The paths of <paramref name="ruleset"/>, in tree order.</summary>
    public static ImmutableArray<RulePath> Build(Ruleset ruleset, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        return [.. ruleset.Compiled.Leaves.Select((leaf, i) => Path(ruleset, leaf, i + 1, language))];
    }

    /// <summary>The table as Markdown.</summary>
    public static string Render(Ruleset ruleset, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {ruleset.Id} {ruleset.Version} — {ruleset.Title.In(language)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"| # | {ReportText.Get("conditions", language)} | {ReportText.Get("outcome", language)} |\n|---|---|---|\n");
        foreach (var path in Build(ruleset, language))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {path.Number} | {string.Join(" **" + ReportText.Get("cond.and", language).Trim() + "** ", path.Conditions).Replace("|", "\\|", StringComparison.Ordinal)} | {path.Outcome.Id} {path.Outcome.Label.In(language)} |\n");
        }

        return text.ToString();
    }

    internal static RulePath Path(Ruleset ruleset, LeafPath leaf, int number, Language language) => new(
        number,
        [.. leaf.Conditions.Select(c => Describe(ruleset, c, language))],
        ruleset.Outcomes[leaf.Outcome],
        ruleset.Nodes[leaf.Node].Id);

    /// <summary>One condition of a path in plain words: a switch's case, or a condition and whether it holds.</summary>
    internal static string Describe(Ruleset ruleset, PathCondition condition, Language language)
    {
        var node = ruleset.Nodes[condition.Node];
        if (node is SwitchNode s)
        {
            var values = condition.Branch < s.Cases.Length
                ? s.Cases[condition.Branch].Values
                : [.. ruleset.Compiled.Nodes[condition.Node].SwitchFact!.SymbolsOf(ruleset.Compiled.Nodes[condition.Node].CaseMasks[condition.Branch])];
            return ConditionText.Describe(new FactTest(s.Fact, values.Length == 1 ? TestOperator.Is : TestOperator.In, values), language);
        }

        var test = ((ConditionNode)node).If;
        var words = ConditionText.Describe(test, condition.Holds, language);
        return test is FactTest ? words : "(" + words + ")";
    }
}
