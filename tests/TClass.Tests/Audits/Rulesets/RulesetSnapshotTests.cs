using Snapshooter;
using Snapshooter.Xunit;
using TClass.Audits;

namespace TClass.Tests.Audits.Rulesets;

/// <summary>
/// The built-in rulesets as reviewable snapshots: every root-to-leaf path of each, and the diff
/// between the reference and the strict ruleset. A rule change shows up here as a diff of exactly
/// which decisions changed.
/// </summary>
public class RulesetSnapshotTests
{
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
}
