using TClass.Evidence;
using TClass.Manifests;

namespace TClass.Tests.Evidence;

/// <summary>
/// What an import may conclude about a tokenizer and weights that are not the developer's own: a
/// derivative inherits its base's tokenizer, a quantized copy keeps its original, and "native" is
/// never concluded from a tokenizer merely matching no reference.
/// </summary>
public class ImportLineageTests
{
    private static string Fixture(string name) => Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models", name);

    /// <summary>A folder with a fixture's files and GPT-2's tokenizer, which none of the references holds.</summary>
    private static TemporaryFolder WithUnmatchedTokenizer(string fixture)
    {
        var folder = NpmFiles.Gpt2Folder();
        foreach (var file in Directory.EnumerateFiles(Fixture(fixture)))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        return folder;
    }

    [Theory]
    [InlineData("marcoro14-7b-slerp", "AIDC-ai-business/Marcoroni-7B-v3")]
    [InlineData("alpaca-lora-7b", "decapoda-research/llama-7b-hf")]
    [InlineData("eeve-korean-10.8b-v1.0", "upstage/SOLAR-10.7B-v1.0")]
    public void A_derivatives_unmatched_tokenizer_is_its_base_models_reused(string fixture, string inheritedFrom)
    {
        using var folder = WithUnmatchedTokenizer(fixture);

        var result = ModelImporter.Import(folder.Path);

        Assert.Equal(WeightsOrigin.OpenDerivative, result.Draft.Weights.Origin);
        Assert.Equal((TokenizerOrigin.Reused, inheritedFrom), (result.Draft.Tokenizer.Origin, result.Draft.Tokenizer.Base));
        Assert.Contains("a derivative keeps its base model's tokenizer", result.Fact("tokenizer.origin")!.Source, StringComparison.Ordinal);
        Assert.Contains(result.Review, r => r.En.StartsWith($"tokenizer.origin: concluded reused from {inheritedFrom}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_derivative_whose_tokenizer_adds_tokens_of_its_own_has_an_expanded_tokenizer()
    {
        using var folder = WithUnmatchedTokenizer("alpaca-lora-7b");
        folder.Write("added_tokens.json", "{" + string.Join(", ", Enumerable.Range(0, 150).Select(i => $"\"새토큰{i}\": {50257 + i}")) + "}");

        var result = ModelImporter.Import(folder.Path);

        Assert.Equal((TokenizerOrigin.Expanded, "decapoda-research/llama-7b-hf"), (result.Draft.Tokenizer.Origin, result.Draft.Tokenizer.Base));
        Assert.Contains("with 150 tokens of its own added", result.Fact("tokenizer.origin")!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void An_adapter_without_tokenizer_files_is_loaded_with_its_base_models_tokenizer()
    {
        var result = ModelImporter.Import(Fixture("alpaca-lora-7b"));

        Assert.Equal((TokenizerOrigin.Reused, "decapoda-research/llama-7b-hf"), (result.Draft.Tokenizer.Origin, result.Draft.Tokenizer.Base));
        Assert.StartsWith("no tokenizer file in the folder", result.Fact("tokenizer.origin")!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_derivatives_unreadable_tokenizer_is_still_its_base_models()
    {
        using var folder = new TemporaryFolder();
        File.Copy(Path.Combine(Fixture("alpaca-lora-7b"), "adapter_config.json"), Path.Combine(folder.Path, "adapter_config.json"));
        folder.Write("tokenizer.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": ");

        var result = ModelImporter.Import(folder.Path);

        Assert.Contains(result.Diagnostics, d => d.Code == "invalid-json");
        Assert.Equal((TokenizerOrigin.Reused, "decapoda-research/llama-7b-hf"), (result.Draft.Tokenizer.Origin, result.Draft.Tokenizer.Base));
        Assert.StartsWith("tokenizer.json could not be read", result.Fact("tokenizer.origin")!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tokenizer_that_matches_no_reference_is_not_concluded_native()
    {
        // GPT-2's own files: nothing says whose weights these are, and no reference holds the tokenizer.
        using var folder = WithUnmatchedTokenizer("gpt2");

        var result = ModelImporter.Import(folder.Path);

        Assert.Null(result.Draft.Tokenizer.Origin);
        Assert.Null(result.Fact("tokenizer.origin"));
        var review = Assert.Single(result.Review, r => r.En.StartsWith("tokenizer.origin:", StringComparison.Ordinal));
        Assert.Contains("That alone does not make it native", review.En, StringComparison.Ordinal);
        Assert.Contains("The closest reference is", review.En, StringComparison.Ordinal);
        Assert.Contains("가장 가까운 참조 토크나이저는", review.Ko, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quantized_copy_keeps_its_original_as_the_base_and_says_it_shares_its_level()
    {
        var result = ModelImporter.Import(Fixture("mistral-7b-instruct-v0.2-awq"));

        Assert.Equal("mistralai/Mistral-7B-Instruct-v0.2", result.CopyOf);
        Assert.Equal(["mistralai/Mistral-7B-Instruct-v0.2"], result.Draft.Weights.Base.ToArray());
        Assert.Null(result.Draft.Weights.Origin);
        Assert.Contains("whose level it shares", result.Fact("weights.base")!.Source, StringComparison.Ordinal);
        Assert.Contains(result.Review, r => r.En.Contains("a quantized copy shares its original's level", StringComparison.Ordinal));
        var reread = ManifestReader.Parse(TClass.Cli.Commands.ImportCommand.Draft(result), "draft.yaml");
        Assert.True(reread.Succeeded, string.Join("\n", reread.Diagnostics));
    }

    /// <summary>auto_map, remote code wanted, and what the evidence must say.</summary>
    public static TheoryData<string, string?, bool, string> AutoMaps => new()
    {
        {
            """{"AutoModelForCausalLM": "microsoft/Phi-3-mini-4k-instruct--modeling_phi3.Phi3ForCausalLM"}""", null, false,
            "config.json: auto_map loads AutoModelForCausalLM from modeling_phi3.py (Phi3ForCausalLM) from another repository (microsoft/Phi-3-mini-4k-instruct); no modelling code ships with these weights, and Phi3ForCausalLM is a class the transformers library ships (phi3 family), which loads the model without it"
        },
        {
            """{"AutoModelForCausalLM": "someone/custom--modeling_x.XForCausalLM"}""", "XForCausalLM", true,
            "config.json: auto_map loads AutoModelForCausalLM from modeling_x.py (XForCausalLM) from another repository (someone/custom); no modelling code ships with these weights; loading needs trust_remote_code and runs that repository's code"
        },
        {
            """{"AutoConfig": "configuration_phi3.Phi3Config", "AutoModelForCausalLM": "modeling_phi3.Phi3ForCausalLM"}""", null, true,
            "config.json: auto_map loads AutoModelForCausalLM from modeling_phi3.py (Phi3ForCausalLM), modelling code shipped with the weights (modeling_phi3.py not in the folder)"
        },
        {
            """{"AutoTokenizer": ["tokenization_x.XTokenizer", null]}""", null, false,
            "config.json: auto_map names code only for AutoTokenizer, none that loads the model; a library class loads it"
        },
    };

    [Theory]
    [MemberData(nameof(AutoMaps))]
    public void Remote_code_evidence_says_where_the_code_is(string autoMap, string? cls, bool remoteCode, string evidence)
    {
        using var folder = new TemporaryFolder();
        var config = File.ReadAllText(Path.Combine(Fixture("phi-3-mini-4k-instruct"), "config.json"));
        var start = config.IndexOf("\"auto_map\"", StringComparison.Ordinal);
        var end = config.IndexOf('}', start) + 1;
        config = config[..start] + "\"auto_map\": " + autoMap + config[end..];
        if (cls is not null)
        {
            config = config.Replace("\"Phi3ForCausalLM\"", $"\"{cls}\"", StringComparison.Ordinal);
        }

        folder.Write("config.json", config);

        var result = ModelImporter.Import(folder.Path);

        Assert.Equal(remoteCode, result.Draft.Architecture.RemoteCode);
        Assert.Equal(evidence, result.Fact("architecture.remote_code")!.Source);
    }

    [Fact]
    public void Modelling_code_shipped_in_the_folder_is_said_to_be_there()
    {
        using var folder = new TemporaryFolder();
        File.Copy(Path.Combine(Fixture("phi-3-mini-4k-instruct"), "config.json"), Path.Combine(folder.Path, "config.json"));
        folder.Write("modeling_phi3.py", "# the model's code\n");

        var result = ModelImporter.Import(folder.Path);

        Assert.EndsWith("modelling code shipped with the weights (in the folder)", result.Fact("architecture.remote_code")!.Source, StringComparison.Ordinal);
    }
}
