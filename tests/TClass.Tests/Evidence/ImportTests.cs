using TClass.Evidence;
using TClass.Manifests;

namespace TClass.Tests.Evidence;

/// <summary>Importing real published model files: every concluded fact names its file and field.</summary>
public class ImportTests
{
    private static ImportResult Import(string fixture) =>
        ModelImporter.Import(Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models", fixture));

    /// <summary>fixture, family, config, changes, class, remote code, origin, adaptation, vocab.</summary>
    public static TheoryData<string, string?, string?, string, string?, bool?, string?, string?, int?> Expected => new()
    {
        { "meta-llama-3-8b", "llama", "identical", "", "LlamaForCausalLM", false, null, null, 128256 },
        { "mistral-7b-v0.1", "mistral", "identical", "", "MistralForCausalLM", false, null, null, 32000 },
        { "qwen2.5-7b", "qwen2", "identical", "", "Qwen2ForCausalLM", false, null, null, 152064 },
        { "gemma-2-9b", "gemma2", "identical", "", "Gemma2ForCausalLM", false, null, null, 256000 },
        { "exaone-3.5-2.4b-instruct", "exaone", "identical", "", "ExaoneForCausalLM", true, null, null, 102400 },
        { "solar-10.7b-v1.0", "llama", "modified", "depth", "LlamaForCausalLM", false, null, null, 32000 },
        { "eeve-korean-10.8b-v1.0", "llama", "modified", "depth", "LlamaForCausalLM", false, "open-derivative", null, 40960 },
        { "qwen2.5-vl-7b-instruct", "qwen2", "identical", "", "Qwen2_5_VLForConditionalGeneration", false, null, null, 152064 },
        { "gemma-3-4b-it", "gemma3", "identical", "", "Gemma3ForConditionalGeneration", false, null, null, null },
        { "deepseek-v3", "deepseek-v3", "identical", "", "DeepseekV3ForCausalLM", true, null, null, 129280 },
        { "mixtral-8x7b-v0.1", "mixtral", "identical", "", "MixtralForCausalLM", false, null, null, 32000 },
        { "falcon-7b", "falcon", "identical", "", "FalconForCausalLM", false, null, null, 65024 },
        { "gpt2", "gpt2", "identical", "", "GPT2LMHeadModel", false, null, null, 50257 },
        { "phi-3-mini-4k-instruct", "phi3", "identical", "", "Phi3ForCausalLM", true, null, null, 32064 },
        { "alpaca-lora-7b", null, null, "", null, null, "open-derivative", "lora", null },
        { "marcoro14-7b-slerp", "mistral", "identical", "", "MistralForCausalLM", false, "open-derivative", "merge", 32000 },
        { "mistral-7b-instruct-v0.2-awq", "mistral", "identical", "", "MistralForCausalLM", false, null, null, 32000 },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Import_concludes_what_the_files_say(
        string fixture, string? family, string? config, string changes, string? cls, bool? remoteCode, string? origin, string? adaptation, int? vocab)
    {
        var result = Import(fixture);
        var draft = result.Draft;

        Assert.Empty(result.Diagnostics);
        Assert.Equal(family, draft.Architecture.Family);
        Assert.Equal(config, draft.Architecture.Config?.Symbol());
        Assert.Equal(changes, string.Join(",", draft.Architecture.Changes.Select(c => c.Symbol())));
        Assert.Equal(cls, draft.Architecture.Class);
        Assert.Equal(remoteCode, draft.Architecture.RemoteCode);
        Assert.Equal(origin, draft.Weights.Origin?.Symbol());
        Assert.Equal(adaptation, draft.Weights.Adaptation is { } a ? string.Join(",", a.Select(x => x.Symbol())) : null);
        Assert.Equal(vocab, draft.Tokenizer.VocabSize);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Every_concluded_fact_has_evidence_and_the_draft_is_a_valid_manifest(
        string fixture, string? family, string? config, string changes, string? cls, bool? remoteCode, string? origin, string? adaptation, int? vocab)
    {
        _ = (family, config, changes, cls, remoteCode, origin, adaptation, vocab);
        var result = Import(fixture);

        Assert.All(result.Facts, f => Assert.Equal(f.Source, result.Draft.Evidence[f.Path]));
        var reread = ManifestReader.Parse(TClass.Cli.Commands.ImportCommand.Draft(result), "draft.yaml");
        Assert.True(reread.Succeeded, string.Join("\n", reread.Diagnostics));
        Assert.NotEmpty(result.Review);
    }

    [Fact]
    public void A_custom_class_with_a_published_models_hyperparameters_is_reported_as_that_model()
    {
        var result = Import("qwen2.5-vl-7b-instruct");

        Assert.Equal("Qwen/Qwen2.5-7B", result.Architecture?.RenamedFrom?.Model);
        Assert.Contains("under another class name", result.Fact("architecture.config")!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_up_scaling_shows_as_a_depth_change_against_the_nearest_reference()
    {
        var result = Import("solar-10.7b-v1.0");

        var difference = Assert.Single(result.Architecture!.Differences);
        Assert.Equal(("num_hidden_layers", 48, 32), (difference.Field, difference.Value, difference.Reference));
    }

    [Fact]
    public void Vocabulary_size_is_not_compared()
    {
        // EEVE expanded SOLAR's vocabulary to 40,960 tokens; the architecture comparison ignores it.
        var result = Import("eeve-korean-10.8b-v1.0");

        Assert.DoesNotContain(result.Architecture!.Differences, d => d.Field.Contains("vocab", StringComparison.Ordinal));
    }

    [Fact]
    public void Multimodal_sub_configs_become_modalities_and_a_component_to_declare()
    {
        var result = Import("gemma-3-4b-it");

        Assert.Equal([Modality.Text, Modality.Image], result.Draft.Model.Modalities!.Value.ToArray());
        Assert.Contains(result.Review, r => r.En.Contains("vision_config (model_type siglip_vision_model)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quantized_copy_points_to_the_model_it_copies_and_leaves_its_origin_to_the_original()
    {
        var result = Import("mistral-7b-instruct-v0.2-awq");

        Assert.Equal("mistralai/Mistral-7B-Instruct-v0.2", result.CopyOf);
        Assert.Null(result.Draft.Weights.Origin);
    }

    [Fact]
    public void Weights_stored_in_FP8_are_not_mistaken_for_a_copy()
    {
        Assert.Null(Import("deepseek-v3").CopyOf);
    }

    [Fact]
    public void A_card_that_names_a_base_model_makes_a_derivative_whose_adaptation_is_left_for_review()
    {
        var result = Import("eeve-korean-10.8b-v1.0");

        Assert.Equal(["upstage/SOLAR-10.7B-v1.0"], result.Draft.Weights.Base.ToArray());
        Assert.Null(result.Draft.Weights.Adaptation);
        Assert.Contains(result.Review, r => r.En.StartsWith("weights.adaptation", StringComparison.Ordinal));
        Assert.Contains("inferred as 'finetune'", result.Fact("weights.origin")!.Source, StringComparison.Ordinal);
    }
}
