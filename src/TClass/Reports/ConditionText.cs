using System.Globalization;
using TClass.Rules;
using TClass.Text;

namespace TClass.Reports;

/// <summary>Conditions of a ruleset in plain words, e.g. <c>tokenizer.origin is native</c>.</summary>
public static class ConditionText
{
    /// <summary>Describes <paramref name="condition"/>.</summary>
    public static string Describe(Condition condition, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(condition);
        string L(string key) => ReportText.Get(key, language);
        return condition switch
        {
            FactTest test => Test(test, language),
            AllOf all => Join(all.Conditions, L("cond.and"), language),
            AnyOf any => Join(any.Conditions, L("cond.or"), language),
            Not not => L("cond.not") + Group(not.Condition, language),
            _ => condition.ToString() ?? "",
        };
    }

    /// <summary>Describes a test, or its negation when <paramref name="holds"/> is false.</summary>
    public static string Describe(Condition condition, bool holds, Language language = Language.English) =>
        holds ? Describe(condition, language) : ReportText.Get("cond.not", language) + Group(condition, language);

    private static string Test(FactTest test, Language language)
    {
        var key = test.Operator switch
        {
            TestOperator.Is => "cond.is",
            TestOperator.In => "cond.in",
            TestOperator.Contains => "cond.contains",
            TestOperator.Intersects => "cond.intersects",
            TestOperator.Empty => "cond.empty",
            _ => "cond.not-empty",
        };
        return ReportText.Get(key, language)
            .Replace("{fact}", test.Fact, StringComparison.Ordinal)
            .Replace("{values}", string.Join(", ", test.Values), StringComparison.Ordinal);
    }

    private static string Join(IEnumerable<Condition> conditions, string separator, Language language) =>
        string.Join(separator, conditions.Select(c => Group(c, language)));

    private static string Group(Condition condition, Language language) =>
        condition is FactTest ? Describe(condition, language) : string.Create(CultureInfo.InvariantCulture, $"({Describe(condition, language)})");
}
