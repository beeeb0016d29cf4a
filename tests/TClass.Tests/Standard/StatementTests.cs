using TClass.Manifests;
using TClass.Reports;
using TClass.Text;

namespace TClass.Tests.Standard;

/// <summary>What the explanations state must be true of the model they explain.</summary>
public sealed class StatementTests
{
    private static Classification Classify(string path) =>
        TClassifier.Create().Classify(ManifestReader.Read(Path.Combine(TestData.RepoRoot, path)).Manifest!);

    [Fact]
    public void A_model_with_a_borrowed_component_is_not_said_to_have_trained_all_its_weights()
    {
        var result = Classify("docs/examples/t3-partial-reuse.md");

        Assert.Equal("T3", result.Outcome?.Id);
        Assert.DoesNotContain("All weights", result.Because(Language.English), StringComparison.Ordinal);
        Assert.DoesNotContain("모든 가중치", result.Because(Language.Korean), StringComparison.Ordinal);
    }

    [Fact]
    public void The_T3_label_names_partial_reuse_the_reason_a_from_scratch_model_with_a_borrowed_encoder_is_T3()
    {
        var result = Classify("docs/examples/t3-partial-reuse.md");

        Assert.Contains("partial reuse", result.Outcome!.Label.En, StringComparison.Ordinal);
        Assert.Contains("부분 재사용", result.Outcome.Label.Ko, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undecided_result_that_may_be_T6_is_not_called_the_highest_level()
    {
        var manifest = ManifestReader.Parse("""
            tclass: 1
            model: { id: example/open-serving, country: KR }
            weights: { origin: scratch }
            architecture: { family: own, topology: [attention] }
            tokenizer: { origin: native }
            data: { distillation: none }
            """, "open-serving.yaml").Manifest!;
        var result = TClassifier.Create().Classify(manifest);

        Assert.Null(result.Outcome);
        Assert.Contains(result.Candidates, c => c.Id == "T6");
        foreach (var language in new[] { Language.English, Language.Korean })
        {
            var report = MarkdownReport.Render(result, new MarkdownReportOptions(language));
            Assert.DoesNotContain(language == Language.English ? "This is the highest level." : "최고 등급입니다.", report, StringComparison.Ordinal);
            Assert.Contains(language == Language.English ? "the missing facts decide" : "빠진 사실이", report, StringComparison.Ordinal);
        }
    }
}
