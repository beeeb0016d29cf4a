using System.Globalization;
using TClass.Rules;
using TClass.Text;

namespace TClass.Reports;

/// <summary>Conditions of a ruleset in plain words, e.g. <c>tokenizer.origin is native</c>.</summary>
public static class ConditionText
{
    /// <summary>Describes <paramref name="condition"/>.</summary>
    public static string Describe(Condition condition, Language language = Language.English) => Describe(condition, true, language);

    /// <summary>
    /// Describes <paramref name="condition"/>, or its negation when <paramref name="holds"/> is false —
    /// phrased directly ("is not", "includes none of", "is false") and pushed through and/or.
    /// </summary>
    public static string Describe(Condition condition, bool holds, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return condition switch
        {
            FactTest test => Test(test, holds, language),
            AllOf all => Join(all.Conditions, holds, ReportText.Get(holds ? "cond.and" : "cond.or", language), language),
            AnyOf any => Join(any.Conditions, holds, ReportText.Get(holds ? "cond.or" : "cond.and", language), language),
            Not not => Describe(not.Condition, !holds, language),
            _ => condition.ToString() ?? "",
        };
    }

    private static string Test(FactTest test, bool holds, Language language)
    {
        var values = test.Values;
        var op = test.Operator;
        if (!holds && op == TestOperator.Is && values is ["true"] or ["false"])
        {
            // A yes/no fact that must not be true must be false.
            (values, holds) = (values[0] == "true" ? ["false"] : ["true"], true);
        }

        var key = (op, holds) switch
        {
            (TestOperator.Is, true) => "cond.is",
            (TestOperator.Is, false) => "cond.is-not",
            (TestOperator.In, true) => "cond.in",
            (TestOperator.In, false) => "cond.not-in",
            (TestOperator.Contains, true) => "cond.contains",
            (TestOperator.Contains, false) => "cond.not-contains",
            (TestOperator.Intersects, true) => "cond.intersects",
            (TestOperator.Intersects, false) => "cond.intersects-none",
            (TestOperator.Empty, true) or (TestOperator.NotEmpty, false) => "cond.empty",
            _ => "cond.not-empty",
        };
        return Placeholders.Fill(ReportText.Get(key, language), ("fact", test.Fact), ("values", string.Join(", ", values)));
    }

    private static string Join(IEnumerable<Condition> conditions, bool holds, string separator, Language language) =>
        string.Join(separator, conditions.Select(c => c is FactTest or Not
            ? Describe(c, holds, language)
            : string.Create(CultureInfo.InvariantCulture, $"({Describe(c, holds, language)})")));
}
