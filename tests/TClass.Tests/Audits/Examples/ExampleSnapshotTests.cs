using Snapshooter;
using Snapshooter.Xunit;
using TClass.Tests.Cli;
using TClass.Text;

namespace TClass.Tests.Audits.Examples;

/// <summary>The example cards' results (JSON) and English reports, as reviewable snapshots.</summary>
[Collection(CliCollection.Name)]
public class ExampleSnapshotTests
{
    public static TheoryData<string, string> Cards() => SnapshotCards.Of("docs/examples");

    [Theory]
    [MemberData(nameof(Cards))]
    public void Result_as_JSON(string card, string ruleset) =>
        Snapshot.Match(SnapshotCards.Json(card, ruleset), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Report_in_English(string card, string ruleset) =>
        Snapshot.Match(SnapshotCards.Markdown(card, ruleset, Language.English), new SnapshotNameExtension(Path.GetFileName(card), ruleset));
}
