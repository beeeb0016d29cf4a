using Snapshooter;
using Snapshooter.Xunit;
using TClass.Tests.Cli;
using TClass.Text;

namespace TClass.Tests.Audits.Registry;

/// <summary>The registry cards' results (JSON) and reports in English and Korean, as reviewable snapshots.</summary>
[Collection(CliCollection.Name)]
public class RegistrySnapshotTests
{
    public static TheoryData<string, string> Cards() => SnapshotCards.Of("docs/registry/cards");

    [Theory]
    [MemberData(nameof(Cards))]
    public void Result_as_JSON(string card, string ruleset) =>
        Snapshot.Match(SnapshotCards.Json(card, ruleset), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Report_in_English(string card, string ruleset) =>
        Snapshot.Match(SnapshotCards.Markdown(card, ruleset, Language.English), new SnapshotNameExtension(Path.GetFileName(card), ruleset));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Report_in_Korean(string card, string ruleset) =>
        Snapshot.Match(SnapshotCards.Markdown(card, ruleset, Language.Korean), new SnapshotNameExtension(Path.GetFileName(card), ruleset));
}
