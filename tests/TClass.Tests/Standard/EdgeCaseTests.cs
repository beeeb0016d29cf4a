using static TClass.Tests.Standard.Cards;
using static TClass.Tests.TestData;

namespace TClass.Tests.Standard;

/// <summary>The notes of T-Class 2.0 that decide edge cases.</summary>
public class EdgeCaseTests
{
    [Fact]
    public void Inherited_weights_dominate_everything_else()
    {
        var result = Classify(Card(
            "weights: { origin: open-derivative, base: Qwen/Qwen2.5-7B, adaptation: [cpt] }",
            OwnArchitecture, NativeTokenizer, OwnData, DomesticServing));

        Assert.Equal("T2", result.Outcome?.Id);
    }

    [Fact]
    public void Own_lineage_is_not_inheritance()
    {
        var ownCheckpoint = Classify(Card(
            "weights: { origin: own-checkpoint, base: test-lab/earlier-model }",
            OwnArchitecture, NativeTokenizer, OwnData, ForeignServing));

        Assert.Equal("T5", ownCheckpoint.Outcome?.Id);
    }

    [Fact]
    public void A_component_continued_from_the_developers_own_model_is_not_reuse()
    {
        var result = Classify(Native(ForeignServing) + """
            components:
              - { name: vision encoder, role: vision-encoder, origin: own-checkpoint, base: test-lab/earlier-vit }
            """);

        Assert.Equal("T5", result.Outcome?.Id);
    }

    [Fact]
    public void Partial_reuse_of_a_third_party_component_is_T3_in_the_reference_ruleset_and_T2_in_the_strict_one()
    {
        var card = Native(DomesticServing) + """
            components:
              - { name: vision encoder, role: vision-encoder, origin: third-party, base: Qwen/Qwen2.5-VL-7B-Instruct }
            """;

        Assert.Equal("T3", Classify(card, Reference).Outcome?.Id);
        Assert.Equal("T2", Classify(card, Strict).Outcome?.Id);
    }

    [Fact]
    public void The_strict_ruleset_keeps_the_standards_split_for_derivatives_of_open_weights()
    {
        var merged = Card("weights: { origin: open-derivative, base: [a/x, b/y], adaptation: [merge] }");

        Assert.Equal("T3", Classify(merged, Strict).Outcome?.Id);
        Assert.Equal("T3", Classify(merged, Reference).Outcome?.Id);
    }

    [Fact]
    public void Vocabulary_size_is_not_part_of_the_T4_1_versus_T4_2_comparison()
    {
        // Llama 3 8B's published vocabulary is 128,256 tokens; a native 64,000-token tokenizer changes nothing.
        var result = Classify(Card(
            "weights: { origin: scratch }",
            "architecture: { family: llama, class: LlamaForCausalLM, config: identical }",
            "tokenizer: { origin: native, vocab_size: 64000 }"));

        Assert.Equal("T4-1", result.Outcome?.Id);
    }

    [Theory]
    [InlineData("tokenizer: { origin: expanded, base: llama3 }", "native-tokenizer")]
    [InlineData("tokenizer: { origin: reused, base: Qwen/Qwen2.5-7B }", "native-tokenizer")]
    public void T5_needs_a_natively_trained_tokenizer(string tokenizer, string failedQuestion)
    {
        var result = Classify(Card("weights: { origin: scratch }", OwnArchitecture, tokenizer, OwnData, ForeignServing));

        Assert.Equal("T4-2", result.Outcome?.Id);
        Assert.Equal(failedQuestion, result.Path[^1].Node);
        Assert.Contains("tokenizer", result.Because(), StringComparison.Ordinal);
    }

    [Fact]
    public void T5_needs_knowledge_not_predominantly_distilled_from_other_models()
    {
        var result = Classify(Card(
            "weights: { origin: scratch }", OwnArchitecture, NativeTokenizer,
            "data: { curated_by: developer, distillation: dominant, teachers: [{ id: deepseek-ai/DeepSeek-R1, origin: third-party }] }",
            ForeignServing));

        Assert.Equal("T4-2", result.Outcome?.Id);
        Assert.Equal("own-teachers", result.Path[^1].Node);
        Assert.Contains("distilled", result.Because(), StringComparison.Ordinal);
        Assert.Contains("another organisation's model (deepseek-ai/DeepSeek-R1)", result.Because(), StringComparison.Ordinal);
    }

    [Fact]
    public void Knowledge_distilled_from_the_developers_own_model_is_its_own()
    {
        var result = Classify(Card(
            "weights: { origin: scratch }", OwnArchitecture, NativeTokenizer,
            "data: { curated_by: developer, distillation: dominant, teachers: [{ id: example-lab/own-236b, origin: own }] }",
            ForeignServing));

        Assert.Equal("T5", result.Outcome?.Id);
    }

    [Fact]
    public void A_teacher_of_undeclared_origin_is_not_guessed()
    {
        var result = Classify(Card(
            "weights: { origin: scratch }", OwnArchitecture, NativeTokenizer,
            "data: { curated_by: developer, distillation: dominant, teachers: [deepseek-ai/DeepSeek-R1] }",
            ForeignServing));

        Assert.Equal(["T4-2", "T5"], result.Candidates());
        Assert.Equal(["data.teachers"], result.Missing.ToArray());
    }

    [Fact]
    public void Partial_distillation_does_not_block_T5()
    {
        var result = Classify(Card(
            "weights: { origin: scratch }", OwnArchitecture, NativeTokenizer,
            "data: { curated_by: developer, distillation: partial, teachers: [gpt-4o] }", ForeignServing));

        Assert.Equal("T5", result.Outcome?.Id);
    }

    [Theory]
    [InlineData("serving: { chips: [rebellions-atom], cloud: [aws] }")]
    [InlineData("serving: { chips: [nvidia-h100], cloud: [kt-cloud] }")]
    [InlineData("serving: { chips: [rebellions-atom, nvidia-h100], cloud: [kt-cloud] }")]
    public void T6_needs_every_serving_chip_and_every_serving_cloud_domestic(string serving)
    {
        var result = Classify(Native("infrastructure:\n  " + serving));

        Assert.Equal("T5", result.Outcome?.Id);
    }

    [Fact]
    public void Training_on_foreign_GPUs_does_not_block_T6()
    {
        var result = Classify(Native("""
            infrastructure:
              training: { chips: [nvidia-h100], cloud: [aws] }
              serving: { chips: [furiosa-rngd], cloud: [naver-cloud] }
            """));

        Assert.Equal("T6", result.Outcome?.Id);
    }

    [Fact]
    public void Domestic_is_relative_to_the_evaluation_country()
    {
        var card = Native("""
            infrastructure:
              serving: { chips: [nvidia-h100], cloud: [aws] }
            """);

        Assert.Equal("T5", Classify(card, country: "KR").Outcome?.Id);
        Assert.Equal("T6", Classify(card, country: "US").Outcome?.Id);
    }

    [Fact]
    public void An_on_premise_data_centre_is_in_the_developers_country()
    {
        var result = Classify(Native("""
            infrastructure:
              serving: { chips: [rebellions-rebel], cloud: [on-premise] }
            """));

        Assert.Equal("T6", result.Outcome?.Id);
    }

    [Fact]
    public void A_chip_outside_the_catalog_counts_by_the_country_given_with_it()
    {
        var result = Classify(Native("""
            infrastructure:
              serving:
                chips: [{ name: Hypothetical NPU, vendor: Example Silicon, country: KR }]
                cloud: [kt-cloud]
            """));

        Assert.Equal("T6", result.Outcome?.Id);
    }

    [Fact]
    public void An_own_architecture_without_a_redesigned_graph_cannot_be_declared()
    {
        var read = TClass.Manifests.ManifestReader.Parse(Card("weights: { origin: scratch }", "architecture: { family: own, topology: [] }"));

        Assert.Contains(read.Diagnostics, d => d.Code == "topology-required");
    }
}
