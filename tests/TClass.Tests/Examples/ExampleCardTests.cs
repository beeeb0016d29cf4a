using TClass.Manifests;
using TClass.Rules;

namespace TClass.Tests.Examples;

/// <summary>The bundled example cards land where their names say, under both built-in rulesets.</summary>
public class ExampleCardTests
{
    public static TheoryData<string, string?, string?> Expected => new()
    {
        { "t0-api-wrapper.yaml", "T0", "T0" },
        { "t1-closed-finetune.yaml", "T1", "T1" },
        { "t2-continual-pretraining.yaml", "T2", "T2" },
        { "t3-depth-upscaled.yaml", "T3", "T3" },
        { "t3-partial-reuse.md", "T3", "T2" },
        { "t4-1-architecture-adopter.yaml", "T4-1", "T4-1" },
        { "t4-2-architecture-scaler.json", "T4-2", "T4-2" },
        { "t4-2-borrowed-tokenizer.yaml", "T4-2", "T4-2" },
        { "t5-native-architecture.yaml", "T5", "T5" },
        { "t6-full-stack-sovereign.yaml", "T6", "T6" },
        { "unknown-facts.yaml", null, null },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Example_cards_are_classified_as_named(string file, string? reference, string? strict)
    {
        var read = ManifestReader.Read(TestData.Example(file));
        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));

        Assert.Equal(reference, TClassifier.Create().Classify(read.Manifest!).Outcome?.Id);
        Assert.Equal(strict, TClassifier.Create(new ClassifierOptions { Ruleset = TestData.Strict }).Classify(read.Manifest!).Outcome?.Id);
    }

    [Fact]
    public void Every_example_card_is_listed_here()
    {
        var files = Directory.GetFiles(TestData.ExamplesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Select(row => (string)row[0]).Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Example_cards_give_evidence_for_every_fact_the_rules_read()
    {
        foreach (var file in Directory.GetFiles(TestData.ExamplesDir))
        {
            var result = TClassifier.Create().Classify(ManifestReader.Read(file).Manifest!);
            Assert.DoesNotContain(result.Warnings, w => w.Code == "no-evidence");
        }
    }

    [Fact]
    public void The_undecided_example_lists_what_would_decide_it()
    {
        var result = TClassifier.Create().Classify(ManifestReader.Read(TestData.Example("unknown-facts.yaml")).Manifest!);

        Assert.Equal(["T4-2", "T5", "T6"], result.Candidates());
        Assert.Equal("tokenizer.origin", result.Missing[0]);
    }

    [Fact]
    public void A_fact_declared_without_evidence_is_a_warning_that_points_at_it()
    {
        var read = ManifestReader.Parse("tclass: 1\nmodel: { id: t/m }\nweights:\n  origin: scratch\n", "card.yaml");

        var warning = Assert.Single(TClassifier.Create().Classify(read.Manifest!).Warnings, w => w.Code == "no-evidence");

        Assert.Equal(("weights.origin", 4, 3), (warning.Path, warning.Line, warning.Column));
    }

    [Fact]
    public void Consistency_warnings_name_both_sides()
    {
        var read = ManifestReader.Parse("""
            tclass: 1
            model: { id: LGAI-EXAONE/some-model, developer: LG AI Research, modalities: [text, image] }
            weights: { origin: scratch }
            architecture: { family: exaone4, class: LlamaForCausalLM, config: identical, changes: [depth] }
            data: { distillation: none, teachers: [gpt-4o] }
            """, "card.yaml");

        var codes = TClassifier.Create().Classify(read.Manifest!).Warnings.Select(w => w.Code).ToList();

        Assert.Contains("undeclared-components", codes);
        Assert.Contains("identical-with-changes", codes);
        Assert.Contains("own-family-named", codes);
        Assert.Contains("class-differs", codes);
        Assert.Contains("teachers-without-distillation", codes);
    }
}
