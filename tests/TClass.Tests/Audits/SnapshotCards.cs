using TClass.Manifests;
using TClass.Reports;
using TClass.Tests.Cli;
using TClass.Text;

namespace TClass.Tests.Audits;

/// <summary>
/// Which cards are snapshot under which ruleset: every card under the reference ruleset and the
/// ministry's; under the strict ruleset only the cards it decides otherwise (what `rules diff`
/// shows), so its snapshots are exactly the differences.
/// </summary>
internal static class SnapshotCards
{
    public static TheoryData<string, string> Of(string folder)
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestData.RepoRoot, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            var card = folder + "/" + file;
            foreach (var id in BuiltInRulesets.Ids.Where(id => id != BuiltInRulesets.Strict || StrictDiffers(card)))
            {
                data.Add(card, id);
            }
        }

        return data;
    }

    /// <summary>Whether the strict ruleset's levels for <paramref name="card"/> differ from the reference's.</summary>
    private static bool StrictDiffers(string card)
    {
        var manifest = ManifestReader.Read(Path.Combine(TestData.RepoRoot, card)).Manifest!;
        string Levels(string id) => string.Join(",", TClassifier.Create(new ClassifierOptions { Ruleset = BuiltInRulesets.Get(id) })
            .Classify(manifest).Candidates.Select(c => c.Id));
        return Levels(BuiltInRulesets.Reference) != Levels(BuiltInRulesets.Strict);
    }

    public static string Json(string card, string ruleset) => CliRun.Of($"classify {card} --rules {ruleset} --format json").Out;

    /// <summary>The Markdown report, with the radar linked rather than inlined so the snapshot stays readable.</summary>
    public static string Markdown(string card, string ruleset, Language language)
    {
        var manifest = ManifestReader.Read(Path.Combine(TestData.RepoRoot, card)).Manifest!;
        var result = TClassifier.Create(new ClassifierOptions { Ruleset = BuiltInRulesets.Get(ruleset) })
            .Classify(manifest with { Source = manifest.Source! with { File = card } });
        return MarkdownReport.Render(result, new MarkdownReportOptions(language, Path.GetFileNameWithoutExtension(card) + ".svg"));
    }
}
