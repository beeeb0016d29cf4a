using static TClass.Tests.Standard.Cards;
using static TClass.Tests.TestData;

namespace TClass.Tests.Standard;

/// <summary>T-Class 2.0: what puts a model at each level.</summary>
public class LevelTests
{
    [Fact]
    public void T0_a_developer_calling_a_vendors_hosted_model_holds_no_model()
    {
        var result = Classify(Card("weights: { origin: api, base: [gpt-4o] }"));

        Assert.Equal("T0", result.Outcome?.Id);
        Assert.Equal("dependent", result.Group?.Id);
    }

    [Fact]
    public void T1_fine_tuning_a_closed_weight_model_on_the_vendors_platform_never_holds_the_base_weights()
    {
        var result = Classify(Card("weights: { origin: closed-finetune, base: gpt-4o-mini }"));

        Assert.Equal("T1", result.Outcome?.Id);
        Assert.Equal("dependent", result.Group?.Id);
    }

    [Theory]
    [InlineData("[cpt]")]
    [InlineData("[sft]")]
    [InlineData("[lora]")]
    [InlineData("[rlhf]")]
    [InlineData("[vocab-expansion]")]
    [InlineData("[cpt, sft, rlhf, vocab-expansion]")]
    public void T2_further_training_of_third_party_open_weights(string adaptation)
    {
        var result = Classify(Card($"weights: {{ origin: open-derivative, base: Qwen/Qwen2.5-72B, adaptation: {adaptation} }}"));

        Assert.Equal("T2", result.Outcome?.Id);
        Assert.Equal("transitional", result.Group?.Id);
    }

    [Theory]
    [InlineData("[merge]")]
    [InlineData("[depth-upscaling]")]
    [InlineData("[layer-copy]")]
    [InlineData("[pruning]")]
    [InlineData("[cpt, sft, depth-upscaling]")]
    public void T3_structural_remodelling_of_third_party_weights_any_structural_step_suffices(string adaptation)
    {
        var result = Classify(Card($"weights: {{ origin: open-derivative, base: mistralai/Mistral-7B-v0.1, adaptation: {adaptation} }}"));

        Assert.Equal("T3", result.Outcome?.Id);
    }

    [Fact]
    public void T4_1_from_scratch_on_a_published_family_configuration_used_unchanged()
    {
        var result = Classify(Card(
            "weights: { origin: scratch }",
            "architecture: { family: llama, class: LlamaForCausalLM, config: identical }",
            NativeTokenizer));

        Assert.Equal("T4-1", result.Outcome?.Id);
        Assert.Equal("sovereign-standard", result.Group?.Id);
    }

    [Theory]
    [InlineData("{ family: llama, config: modified }")]
    [InlineData("{ family: llama, changes: [depth, width] }")]
    [InlineData("{ family: qwen2, config: modified, changes: [moe, experts] }")]
    public void T4_2_from_scratch_on_a_published_family_whose_configuration_was_changed(string architecture)
    {
        var result = Classify(Card("weights: { origin: scratch }", "architecture: " + architecture));

        Assert.Equal("T4-2", result.Outcome?.Id);
    }

    [Fact]
    public void T5_own_code_redesigned_graph_native_tokenizer_and_own_knowledge()
    {
        var result = Classify(Native(ForeignServing));

        Assert.Equal("T5", result.Outcome?.Id);
        Assert.Equal("leadership", result.Group?.Id);
    }

    [Fact]
    public void T6_a_T5_model_served_on_domestic_chips_in_domestic_clouds()
    {
        var result = Classify(Native(DomesticServing));

        Assert.Equal("T6", result.Outcome?.Id);
        Assert.Null(result.Next);
    }
}
