using Snapshooter;
using Snapshooter.Xunit;
using TClass.Tests.Cli;
using TClass.Text;

namespace TClass.Tests.Audits.Korean;

/// <summary>
/// Every kind of report in Korean, as reviewable snapshots: the text report, the walk (explain),
/// Markdown and JSON of every example card; each built-in ruleset's tree and path table; the diff of
/// the reference and strict rulesets; the errors of an invalid card. A change of wording shows up
/// here as a diff a Korean reader can review.
/// </summary>
[Collection(CliCollection.Name)]
public class KoreanReportSnapshotTests
{
    public static TheoryData<string, string> Cards() => SnapshotCards.Of("docs/examples");

    public static TheoryData<string> Rulesets() => new(BuiltInRulesets.Ids);

    [Theory]
    [MemberData(nameof(Cards))]
    public void Text_report(string card, string ruleset) =>
        Snapshot.Match(Run($"classify {card} --rules {ruleset} --lang ko"), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Explain(string card, string ruleset) =>
        Snapshot.Match(Run($"explain {card} --rules {ruleset} --lang ko"), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Markdown(string card, string ruleset) =>
        Snapshot.Match(SnapshotCards.Markdown(card, ruleset, Language.Korean), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Json(string card, string ruleset) =>
        Snapshot.Match(Run($"classify {card} --rules {ruleset} --format json --lang ko"), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(Rulesets))]
    public void Ruleset_tree(string id) => Snapshot.Match(Run($"rules show {id} --lang ko"), new SnapshotNameExtension(id));

    [Theory]
    [MemberData(nameof(Rulesets))]
    public void Path_table(string id) => Snapshot.Match(Run($"rules table --rules {id} --lang ko"), new SnapshotNameExtension(id));

    [Fact]
    public void Ruleset_diff() => Snapshot.Match(Run("rules diff tclass-2.0 tclass-2.0-strict --lang ko", exit: 1));

    [Fact]
    public void Errors_of_an_invalid_card() => Snapshot.Match(Run("validate docs/invalid/misspelled.yaml --lang ko", exit: 2));

    private static string Run(string command, int exit = 0)
    {
        var run = CliRun.Of(command);
        Assert.Equal(exit, run.Exit);
        return run.Error + run.Out;
    }
}
