using System.Text.RegularExpressions;
using TClass.Facts;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;
using YamlDotNet.RepresentationModel;

namespace TClass.Tests.Standard;

/// <summary>
/// Korean output uses the standard's own names (rules/i18n/standard-terms.yaml) and answers in Korean,
/// never with the engine's English yes/no.
/// </summary>
public sealed partial class KoreanTermsTests
{
    private static readonly YamlMappingNode Terms = Load();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(TestData.RepoRoot, "rules", "i18n", "standard-terms.yaml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Term(string section, string key) =>
        ((YamlScalarNode)((YamlMappingNode)Terms[section])[key]).Value!;

    public static TheoryData<string> TClassRulesets => new() { BuiltInRulesets.Reference, BuiltInRulesets.Strict };

    [Theory]
    [MemberData(nameof(TClassRulesets))]
    public void Every_level_and_group_carries_the_standards_Korean_name(string id)
    {
        var ruleset = BuiltInRulesets.Get(id);

        Assert.All(ruleset.Outcomes, o => Assert.Contains(Term("levels", o.Id), o.Label.Ko, StringComparison.Ordinal));
        Assert.All(ruleset.Groups, g => Assert.Equal(Term("groups", g.Id), g.Label.Ko));
    }

    public static TheoryData<string> Examples => new(Cards("examples"));

    private static IEnumerable<string> Cards(string folder) => Directory.GetFiles(Path.Combine(TestData.RepoRoot, "docs", folder))
        .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
        .Select(f => Path.GetRelativePath(TestData.RepoRoot, f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Korean_explanations_answer_in_Korean(string card)
    {
        var result = TClassifier.Create().Classify(ManifestReader.Read(Path.Combine(TestData.RepoRoot, card)).Manifest!);
        var explain = ExplainReport.Render(result, new TextReportOptions(Language.Korean, Color: false));
        var markdown = MarkdownReport.Render(result, new MarkdownReportOptions(Language.Korean));

        Assert.DoesNotMatch(EnglishAnswer(), explain);
        Assert.DoesNotMatch(EnglishAnswer(), markdown);
        Assert.DoesNotContain("아니오", explain + markdown, StringComparison.Ordinal);
    }

    public static TheoryData<string> Rulesets => new(BuiltInRulesets.Ids);

    [Theory]
    [MemberData(nameof(Rulesets))]
    public void Every_value_of_every_enum_and_set_fact_has_words_in_both_languages(string id)
    {
        var ruleset = BuiltInRulesets.Get(id);

        Assert.All(ruleset.Facts.Where(f => f.Type != TClass.Rules.FactType.Bool), fact =>
            Assert.All(fact.Values, value =>
            {
                Assert.True(fact.ValueLabels.ContainsKey(value), $"{id}: {fact.Path} has no words for '{value}'");
                Assert.DoesNotMatch(@"\p{IsHangulSyllables}", fact.ValueLabels[value].En);
                Assert.Matches(@"\p{IsHangulSyllables}", fact.ValueLabels[value].Ko);
            }));
    }

    public static TheoryData<string, string> CardsAndRulesets
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var card in Cards("examples").Concat(Cards(Path.Combine("registry", "cards"))))
            {
                foreach (var id in BuiltInRulesets.Ids)
                {
                    data.Add(card, id);
                }
            }

            return data;
        }
    }

    /// <summary>
    /// Korean prose — the reasons, the answers, the explanation, what an unknown fact could be —
    /// names values in Korean words: no value the ruleset lists appears as written in a card.
    /// </summary>
    [Theory]
    [MemberData(nameof(CardsAndRulesets))]
    public void Korean_prose_never_names_a_value_as_written_in_a_card(string card, string id)
    {
        var ruleset = BuiltInRulesets.Get(id);
        var result = TClassifier.Create(new ClassifierOptions { Ruleset = ruleset }).Classify(ManifestReader.Read(Path.Combine(TestData.RepoRoot, card)).Manifest!);
        var values = ruleset.Facts.SelectMany(f => f.Values).Distinct().ToList();
        var prose = new List<string> { result.Because(Language.Korean) };
        Collect(result.Path, prose);

        // Free text of the card (a base model's name, a component's, a chip's) is quoted as written.
        var quoted = ManifestFacts.Schema.Facts
            .Where(f => f.Kind is FactKind.Text or FactKind.TextList or FactKind.Records)
            .Select(f => result.Value(f.Path)?.Prose).OfType<string>().Where(t => t.Length > 0)
            .OrderByDescending(t => t.Length).ToList();
        foreach (var text in prose.Select(t => quoted.Aggregate(t, (rest, q) => rest.Replace(q, "…", StringComparison.Ordinal))))
        {
            var named = values.FirstOrDefault(value => Regex.IsMatch(text, @"(?<![A-Za-z0-9.-])" + Regex.Escape(value) + "(?![A-Za-z0-9-])"));
            Assert.True(named is null, $"'{named}' in: {text}");
        }
    }

    private static void Collect(IEnumerable<PathStep> steps, List<string> prose)
    {
        foreach (var step in steps)
        {
            prose.AddRange(new[] { step.Reason, step.AnswerText }.OfType<LocalizedText>().Select(t => t.Ko));
            foreach (var branch in step.Explored)
            {
                Collect(branch.Path, prose);
            }
        }
    }

    [Fact]
    public void A_requirement_sets_the_fact_apart_and_needs_no_particle_after_a_value()
    {
        var result = TClassifier.Create().Classify(ManifestReader.Read(Path.Combine(TestData.RepoRoot, "docs", "examples", "t4-1-architecture-adopter.yaml")).Manifest!);
        var report = TextReport.Render(result, new TextReportOptions(Language.Korean));

        Assert.Contains("architecture.config: 필요한 값 modified (현재: identical)", report, StringComparison.Ordinal);
        Assert.DoesNotContain("다음 값", report, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"답: (yes|no)\b|— `(yes|no)`")]
    private static partial Regex EnglishAnswer();
}
