using Snapshooter;
using Snapshooter.Xunit;
using TClass.Diagnostics;
using TClass.Manifests;

namespace TClass.Tests.Manifests;

/// <summary>
/// The cards of <c>tests/fixtures/invalid-cards</c> and <c>docs/invalid</c>, each wrong in its own
/// way: every one is refused, every error names a line, a column, a field and a fix, and what the
/// reader says is kept as a snapshot to review.
/// </summary>
public class InvalidCardTests
{
    public static TheoryData<string> Cards() =>
        [.. new[] { "tests/fixtures/invalid-cards", "docs/invalid" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(TestData.RepoRoot, folder), "*.yaml")
                .Select(f => folder + "/" + Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cards))]
    public void Is_refused_with_every_error_placed_and_fixable(string card)
    {
        var read = ManifestReader.Read(Path.Combine(TestData.RepoRoot, card));

        Assert.False(read.Succeeded);
        Assert.All(read.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), d =>
        {
            Assert.True(d.Line >= 1 && d.Column >= 1, d.ToString());
            Assert.False(string.IsNullOrWhiteSpace(d.Fix), d.ToString());
        });
        Snapshot.Match(string.Join("\n", read.Diagnostics.Select(d => d with { File = card })), new SnapshotNameExtension(Path.GetFileName(card)));
    }
}
