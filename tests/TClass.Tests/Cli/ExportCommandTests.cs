using System.Text.Json.Nodes;

namespace TClass.Tests.Cli;

/// <summary><c>tclass export</c> as a user runs it.</summary>
[Collection(CliCollection.Name)]
public class ExportCommandTests
{
    private static readonly Dictionary<string, string> Fixed = new() { ["SOURCE_DATE_EPOCH"] = "1767225600" };

    private static CliRun Run(params string[] args) => CliRun.Of(args, new StringReader(""), environment: Fixed);

    [Fact]
    public void A_folder_of_cards_is_one_BOM_with_a_component_per_card()
    {
        var run = Run("export", "docs/examples");

        Assert.Equal(0, run.Exit);
        var bom = JsonNode.Parse(run.Out)!;
        Assert.Equal(Directory.GetFiles(Path.Combine(TestData.RepoRoot, "docs", "examples")).Length, bom["components"]!.AsArray().Count);
        Assert.Equal("2026-01-01T00:00:00Z", (string?)bom["metadata"]!["timestamp"]);
    }

    [Fact]
    public void The_same_cards_give_the_same_bytes()
    {
        Assert.Equal(Run("export", "docs/examples", "--format", "spdx").Out, Run("export", "docs/examples", "--format", "spdx").Out);
    }

    [Fact]
    public void The_document_depends_on_the_cards_not_on_how_they_are_named()
    {
        string Serial(string path) => (string)JsonNode.Parse(Run("export", path).Out)!["serialNumber"]!;

        Assert.Equal(Serial("docs/examples/t5-native-architecture.yaml"), Serial("./docs/examples/../examples/t5-native-architecture.yaml"));
        Assert.NotEqual(Serial("docs/examples/t5-native-architecture.yaml"), Serial("docs/examples/t2-continual-pretraining.yaml"));
    }

    [Fact]
    public void Without_a_time_given_the_document_carries_the_Unix_epoch()
    {
        var run = CliRun.Of(["export", "docs/examples/t5-native-architecture.yaml"], new StringReader(""), environment: new Dictionary<string, string>());

        Assert.Equal("1970-01-01T00:00:00Z", (string?)JsonNode.Parse(run.Out)!["metadata"]!["timestamp"]);
    }

    [Fact]
    public void A_batch_with_a_bad_card_exports_the_others_and_exits_2()
    {
        using var folder = new TemporaryFolder();
        File.Copy(Path.Combine(TestData.RepoRoot, "docs", "examples", "t5-native-architecture.yaml"), Path.Combine(folder.Path, "good.yaml"));
        File.Copy(Path.Combine(TestData.RepoRoot, "tests", "fixtures", "invalid-cards", "wrong-types.yaml"), Path.Combine(folder.Path, "bad.yaml"));

        var run = Run("export", folder.Path, "--format", "spdx");

        Assert.Equal(2, run.Exit);
        Assert.Contains("bad.yaml:", run.Error, StringComparison.Ordinal);
        Assert.Single(JsonNode.Parse(run.Out)!["@graph"]!.AsArray(), e => (string?)e!["type"] == "SpdxDocument" && e["rootElement"]!.AsArray().Count == 1);
    }

    [Fact]
    public void Output_goes_to_a_new_file_and_an_existing_one_needs_force()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "out", "bom.json");

        Assert.Equal(0, Run("export", "docs/examples/t5-native-architecture.yaml", "-o", file).Exit);
        Assert.Equal("CycloneDX", (string?)JsonNode.Parse(File.ReadAllText(file))!["bomFormat"]);
        var again = Run("export", "docs/examples/t5-native-architecture.yaml", "-o", file);
        Assert.Equal(2, again.Exit);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Path, "out"), ".tclass-*"));
    }

    [Fact]
    public void A_model_card_is_merged_into_a_README_in_place()
    {
        using var folder = new TemporaryFolder();
        var readme = folder.Write("README.md", "---\nlicense: mit\n---\n\n# Hello\n");

        var run = Run("export", "docs/examples/t2-continual-pretraining.yaml", "--format", "hf-card", "--into", readme);

        Assert.Equal(0, run.Exit);
        Assert.StartsWith($"wrote {readme}: base_model: Qwen/Qwen2.5-72B; base_model_relation: finetune", run.Out, StringComparison.Ordinal);
        var text = File.ReadAllText(readme);
        Assert.StartsWith("---\nlicense: mit\nbase_model: Qwen/Qwen2.5-72B\n", text, StringComparison.Ordinal);
        Assert.EndsWith("---\n\n# Hello\n", text, StringComparison.Ordinal);
        Assert.Equal(0, Run("classify", readme).Exit);
    }

    [Theory]
    [InlineData("export docs/examples --format hf-card", "a model card describes one model")]
    [InlineData("export docs/examples/t5-native-architecture.yaml --into README.md", "--into merges a Hugging Face model card")]
    [InlineData("export docs/examples/t5-native-architecture.yaml --created yesterday", "--created 'yesterday' is not a time")]
    public void Misuse_is_a_clear_error(string command, string message)
    {
        var run = Run(command.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }
}
