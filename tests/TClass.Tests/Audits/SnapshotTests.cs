using Snapshooter;
using Snapshooter.Xunit;
using TClass.Audits;
using TClass.Manifests;
using TClass.Reports;
using TClass.Rules;
using TClass.Tests.Cli;
using TClass.Text;

namespace TClass.Tests.Audits;

/// <summary>
/// Rule audits as reviewable snapshots (__snapshots__/): the path tables of both built-in rulesets,
/// the diff between them, and the explanation of every example card under both. A rule change shows
/// up as a diff of exactly which decisions and explanations changed.
/// </summary>
[Collection(CliCollection.Name)]
public class SnapshotTests
{
    public static TheoryData<string, string> CardsAndRulesets() => Cards("docs/examples");

    public static TheoryData<string, string> RegistryCardsAndRulesets() => Cards("docs/registry/cards");

    private static TheoryData<string, string> Cards(string folder)
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestData.RepoRoot, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            foreach (var id in BuiltInRulesets.Ids)
            {
                data.Add(folder + "/" + file, id);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(BuiltInRulesets.Reference)]
    [InlineData(BuiltInRulesets.Strict)]
    [InlineData("msit-independent-fm")]
    public void Path_table(string id) =>
        Snapshot.Match(PathTable.Render(BuiltInRulesets.Get(id)), new SnapshotNameExtension(id));

    [Fact]
    public void Diff_between_the_reference_and_the_strict_ruleset_is_exactly_partial_reuse()
    {
        var entries = RulesetDiff.Compare(TestData.Reference, TestData.Strict);

        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.Contains("components.third-party is true", e.Path.Conditions);
            Assert.Equal(["T3"], e.First.ToArray());
            Assert.Equal(["T2"], e.Second.ToArray());
        });
        Snapshot.Match(RulesetDiff.Render(TestData.Reference, TestData.Strict, entries));
    }

    [Theory]
    [MemberData(nameof(CardsAndRulesets))]
    public void Example_card_result_as_JSON(string card, string ruleset) =>
        Snapshot.Match(CliRun.Of($"classify {card} --rules {ruleset} --format json").Out, new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(CardsAndRulesets))]
    public void Example_card_report_in_English(string card, string ruleset) =>
        Snapshot.Match(Markdown(card, ruleset, Language.English), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(RegistryCardsAndRulesets))]
    public void Registry_card_result_as_JSON(string card, string ruleset) =>
        Snapshot.Match(CliRun.Of($"classify {card} --rules {ruleset} --format json").Out, new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(RegistryCardsAndRulesets))]
    public void Registry_card_report_in_English(string card, string ruleset) =>
        Snapshot.Match(Markdown(card, ruleset, Language.English), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(RegistryCardsAndRulesets))]
    public void Registry_card_report_in_Korean(string card, string ruleset) =>
        Snapshot.Match(Markdown(card, ruleset, Language.Korean), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    /// <summary>The Markdown report, with the radar linked rather than inlined so the snapshot stays readable.</summary>
    internal static string Markdown(string card, string ruleset, Language language)
    {
        var manifest = ManifestReader.Read(Path.Combine(TestData.RepoRoot, card)).Manifest!;
        var result = TClassifier.Create(new ClassifierOptions { Ruleset = BuiltInRulesets.Get(ruleset) })
            .Classify(manifest with { Source = manifest.Source! with { File = card } });
        return MarkdownReport.Render(result, new MarkdownReportOptions(language, Path.GetFileNameWithoutExtension(card) + ".svg"));
    }
}
