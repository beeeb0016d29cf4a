using System.Text.RegularExpressions;
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

    public static TheoryData<string> Examples => new(Directory.GetFiles(Path.Combine(TestData.RepoRoot, "docs", "examples"))
        .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
        .Select(f => Path.GetRelativePath(TestData.RepoRoot, f)).Order(StringComparer.Ordinal));

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
