using System.Text;
using TClass.Evidence;

namespace TClass.Tests.Evidence;

/// <summary>Malformed or hostile files give clear errors, never a crash.</summary>
public sealed class HostileFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tclass-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ImportResult ImportWith(string file, string content)
    {
        File.WriteAllText(Path.Combine(_folder, file), content);
        return ModelImporter.Import(_folder);
    }

    [Fact]
    public void A_missing_folder_is_an_error()
    {
        var result = ModelImporter.Import(Path.Combine(_folder, "nope"));

        Assert.Equal("not-found", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_truncated_config_names_the_position()
    {
        var result = ImportWith("config.json", "{\n  \"architectures\": [\"LlamaForCausalLM\"],\n  \"hidden_size\": 40");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("invalid-json", "config.json"), (error.Code, error.Path));
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_huge_config_is_not_read()
    {
        var result = ImportWith("config.json", "{\"pad\": \"" + new string('x', 5 * 1024 * 1024) + "\"}");

        Assert.Equal("too-large", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var result = ImportWith("config.json", "{\"a\":" + new string('[', 500) + new string(']', 500) + "}");

        Assert.Equal("invalid-json", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Wrong_types_are_ignored_rather_than_guessed()
    {
        var result = ImportWith("config.json", "{\"architectures\": \"LlamaForCausalLM\", \"model_type\": 7, \"num_hidden_layers\": \"32\", \"hidden_size\": -1}");

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Draft.Architecture.Class);
        Assert.Null(result.Draft.Architecture.Family);
    }

    [Fact]
    public void A_config_that_is_not_an_object_is_reported()
    {
        var result = ImportWith("config.json", "[1, 2, 3]");

        Assert.Equal("wrong-type", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_link_out_of_the_folder_is_not_followed()
    {
        var outside = Path.Combine(Path.GetTempPath(), "tclass-outside-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(outside, "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\"}");
        try
        {
            File.CreateSymbolicLink(Path.Combine(_folder, "config.json"), outside);

            var result = ModelImporter.Import(_folder);

            Assert.Equal("outside-folder", Assert.Single(result.Diagnostics).Code);
            Assert.Null(result.Draft.Architecture.Family);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void Invalid_UTF8_is_reported()
    {
        File.WriteAllBytes(Path.Combine(_folder, "config.json"), [0x7B, 0xFF, 0xFE, 0x7D]);

        Assert.Equal("not-utf8", Assert.Single(ModelImporter.Import(_folder).Diagnostics).Code);
    }

    [Fact]
    public void A_broken_card_front_matter_is_a_warning_and_the_rest_is_still_read()
    {
        File.WriteAllText(Path.Combine(_folder, "config.json"), "{\"architectures\": [\"MistralForCausalLM\"], \"model_type\": \"mistral\"}");
        var result = ImportWith("README.md", "---\nbase_model: [unclosed\n---\n");

        Assert.All(result.Diagnostics, d => Assert.Equal(Diagnostics.DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal("mistral", result.Draft.Architecture.Family);
    }

    [Fact]
    public void A_base_model_that_smuggles_lines_into_the_draft_is_left_out()
    {
        File.WriteAllText(Path.Combine(_folder, "config.json"), "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\"}");
        var result = ImportWith("README.md", "---\nbase_model: \"meta-llama/Llama-3.1-8B\\ndata:\\n  curated_by: own\"\nbase_model_relation: finetune\n---\n");

        var warning = Assert.Single(result.Diagnostics, d => d.Code == "not-a-model-id");
        Assert.Contains("\\x0Adata:", warning.Message, StringComparison.Ordinal);
        Assert.Empty(result.Draft.Weights.Base);
        Assert.Null(result.Draft.Data.CuratedBy);
        var draft = TClass.Cli.Commands.ImportCommand.Draft(result);
        Assert.DoesNotContain("\ndata:", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tokenizer_vocabulary_is_counted_from_tokenizer_json()
    {
        var vocab = new StringBuilder("{\"model\": {\"type\": \"BPE\", \"vocab\": {");
        vocab.Append(string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"t{i}\": {i}")));
        vocab.Append("}}, \"added_tokens\": [{\"id\": 300, \"content\": \"<s>\"}, {\"id\": 5, \"content\": \"t5\"}]}");
        File.WriteAllText(Path.Combine(_folder, "config.json"), "{\"vocab_size\": 320}");
        var result = ImportWith("tokenizer.json", vocab.ToString());

        Assert.Equal(301, result.Draft.Tokenizer.VocabSize);
        Assert.Contains(result.Review, r => r.En.Contains("vocab_size is 320", StringComparison.Ordinal));
    }
}
