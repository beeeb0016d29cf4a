using TClass.Reports;
using TClass.Text;

namespace TClass.Web;

/// <summary>What every page of the site shares: the language, the ruleset and the evaluation country, and a classifier for them.</summary>
public sealed class PageState
{
    private TClassifier? _classifier;

    /// <summary>Raised when the language, the ruleset or the country changes.</summary>
    public event Action? Changed;

    /// <summary>The language of every word on the page.</summary>
    public Language Language { get; private set; } = Language.English;

    /// <summary>The built-in ruleset classifications use.</summary>
    public string RulesetId { get; private set; } = BuiltInRulesets.Reference;

    /// <summary>The evaluation country.</summary>
    public string Country { get; private set; } = "KR";

    /// <summary>A classifier for the ruleset and country, built once for each.</summary>
    public TClassifier Classifier => _classifier ??= TClassifier.Create(new ClassifierOptions { Ruleset = BuiltInRulesets.Get(RulesetId), Country = Country });

    /// <summary>A word of the page (<c>rules/i18n/reports.yaml</c>) in the page's language.</summary>
    public string Word(string key) => ReportText.Get(key, Language);

    public void SetLanguage(Language language)
    {
        Language = language;
        Changed?.Invoke();
    }

    public void SetRuleset(string id)
    {
        if (BuiltInRulesets.Ids.Contains(id) && id != RulesetId)
        {
            (RulesetId, _classifier) = (id, null);
            Changed?.Invoke();
        }
    }

    public void SetCountry(string country)
    {
        if (country.Length == 2 && country.All(char.IsAsciiLetterUpper) && country != Country)
        {
            (Country, _classifier) = (country, null);
            Changed?.Invoke();
        }
    }
}
