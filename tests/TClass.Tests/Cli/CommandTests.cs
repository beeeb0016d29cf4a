using System.Text.Json;
using System.Xml.Linq;

namespace TClass.Tests.Cli;

/// <summary>The tclass runner: commands, formats and the exit codes of docs/result.md.</summary>
[Collection(CliCollection.Name)]
public class CommandTests
{
    private const string T5 = "docs/examples/t5-native-architecture.yaml";
    private const string T2 = "docs/examples/t2-continual-pretraining.yaml";
    private const string Unknown = "docs/examples/unknown-facts.yaml";

    [Fact]
    public void Classify_prints_the_level_and_exits_0()
    {
        var run = CliRun.Of("classify " + T5);

        Assert.Equal(0, run.Exit);
        Assert.Contains("T5  Native Architecture", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_in_Korean()
    {
        var run = CliRun.Of("classify " + T5 + " --lang ko");

        Assert.Contains("네이티브 아키텍처", run.Out, StringComparison.Ordinal);
        Assert.Contains("등급", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void JSON_output_follows_the_result_contract_field_order()
    {
        var run = CliRun.Of("classify " + T5 + " --format json");

        using var json = JsonDocument.Parse(run.Out);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        string[] contract = ["file", "model", "ruleset", "country", "tier", "candidates", "missing", "label", "group", "path", "because", "next", "scores", "warnings"];
        Assert.Equal(contract, names.Where(contract.Contains));
        Assert.Equal("T5", json.RootElement.GetProperty("tier").GetString());
        Assert.Equal("scratch", json.RootElement.GetProperty("path")[0].GetProperty("facts").GetProperty("weights.origin").GetString());
    }

    [Fact]
    public void A_folder_streamed_as_a_JSON_array_is_the_array_of_its_results_byte_for_byte()
    {
        var run = CliRun.Of("classify docs/examples --format json");

        var files = Directory.EnumerateFiles(TestData.ExamplesDir).Order(StringComparer.Ordinal)
            .Select(f => TClass.Manifests.ManifestReader.Read(Path.GetRelativePath(TestData.RepoRoot, f).Replace('\\', '/')))
            .Select(r => TClassifier.Create().Classify(r.Manifest!));
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = TestData.RepoRoot;
        try
        {
            Assert.Equal(TClass.Reports.JsonReport.RenderArray(files.ToList()) + "\n", run.Out);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Several_manifests_give_a_JSON_array_or_JSON_lines_in_input_order()
    {
        var array = CliRun.Of($"classify {T5} {T2} --format json");
        var lines = CliRun.Of($"classify {T5} {T2} --format jsonl");

        using var json = JsonDocument.Parse(array.Out);
        Assert.Equal(["T5", "T2"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("tier").GetString()));
        var jsonl = lines.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, jsonl.Length);
        Assert.All(jsonl, line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public void A_directory_is_searched_recursively_for_manifests_and_cards()
    {
        var run = CliRun.Of("classify docs/examples --format jsonl");

        Assert.Equal(0, run.Exit);
        Assert.Equal(Directory.GetFiles(TestData.ExamplesDir).Length, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Standard_input_is_read_for_a_dash()
    {
        var run = CliRun.Of(["classify", "-", "--format", "json"], File.ReadAllText(TestData.Example("t1-closed-finetune.yaml")));

        Assert.Equal(0, run.Exit);
        Assert.Contains("\"tier\": \"T1\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_exits_2_with_file_line_column_errors_and_the_good_ones_are_still_classified()
    {
        var bad = Path.Combine(Path.GetTempPath(), "tclass-bad-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(bad, "tclass: 1\nmodel: { id: t/m }\nweights: { origin: scrach }\n");
        try
        {
            var run = CliRun.Of(["classify", T5, bad, "--format", "jsonl"]);

            Assert.Equal(2, run.Exit);
            Assert.StartsWith($"{bad}:3:20: error: weights.origin:", run.Error, StringComparison.Ordinal);
            Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void A_missing_path_is_an_input_error()
    {
        var run = CliRun.Of("classify no/such/card.yaml");

        Assert.Equal(2, run.Exit);
        Assert.Contains("no/such/card.yaml: error: no such file or directory.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(T5, "T4", 0)]
    [InlineData(T2, "T4", 1)]
    [InlineData(Unknown, "T4", 0)]
    [InlineData(Unknown, "T5", 1)]
    [InlineData(T5, "T6", 1)]
    public void Min_tier_gates_on_every_possible_level(string card, string minimum, int exit)
    {
        Assert.Equal(exit, CliRun.Of($"classify {card} --min-tier {minimum}").Exit);
    }

    [Theory]
    [InlineData("classify " + T5 + " --min-tier T9")]
    [InlineData("classify " + T5 + " --country korea")]
    [InlineData("classify " + T5 + " --format yaml")]
    [InlineData("classify " + T5 + " --rules no-such-ruleset")]
    [InlineData("classify")]
    [InlineData("classify " + T5 + " --frobnicate")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2_without_a_stack_trace(string arguments)
    {
        var run = CliRun.Of(arguments);

        Assert.Equal(2, run.Exit);
        Assert.Contains("error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_strict_ruleset_and_another_country_are_options()
    {
        Assert.Contains("\"tier\": \"T2\"", CliRun.Of("classify docs/examples/t3-partial-reuse.md --format json --rules tclass-2.0-strict").Out, StringComparison.Ordinal);
        Assert.Contains("\"country\": \"US\"", CliRun.Of($"classify {T5} --format json --country US").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ruleset_file_with_errors_is_reported_and_exits_2()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-rules-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, BuiltInRulesets.Text("tclass-2.0").Replace("next: own-knowledge", "next: own-knowledgee", StringComparison.Ordinal));
        try
        {
            var run = CliRun.Of(["classify", T5, "--rules", file]);

            Assert.Equal(2, run.Exit);
            Assert.Contains("the node 'own-knowledgee' does not exist", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Out_writes_a_Markdown_report_and_an_SVG_radar_per_card()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tclass-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, CliRun.Of(["classify", T5, Unknown, "--out", dir]).Exit);

            Assert.Equal(
                ["example-lab_hanbit-32b.md", "example-lab_hanbit-32b.svg", "example-lab_mystery-30b.md", "example-lab_mystery-30b.svg"],
                Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var svg = XDocument.Load(Path.Combine(dir, "example-lab_hanbit-32b.svg"));
            Assert.Equal("{http://www.w3.org/2000/svg}svg", svg.Root!.Name.ToString());
            Assert.Contains("](example-lab_hanbit-32b.svg)", File.ReadAllText(Path.Combine(dir, "example-lab_hanbit-32b.md")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Markdown_output_has_the_decision_facts_walk_next_level_scores_and_radar()
    {
        var md = CliRun.Of("classify " + T5 + " --format md").Out;

        Assert.StartsWith("# example-lab/hanbit-32b — T5 Native Architecture", md, StringComparison.Ordinal);
        foreach (var heading in new[] { "## Facts", "## Walk", "## Next level", "## Scores", "## Warnings", "data:image/svg+xml;base64," })
        {
            Assert.Contains(heading, md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Explain_walks_every_question_and_every_explored_branch()
    {
        var run = CliRun.Of("explain " + Unknown);

        Assert.Equal(0, run.Exit);
        Assert.Contains("1. Where do the weights come from?", run.Out, StringComparison.Ordinal);
        Assert.Contains("evidence: Press release: trained from scratch", run.Out, StringComparison.Ordinal);
        Assert.Contains("• if tokenizer.origin is native → T4-2, T5, T6", run.Out, StringComparison.Ordinal);
        Assert.Contains("result: undecided", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_and_counts()
    {
        var ok = CliRun.Of("validate docs/examples");
        var bad = CliRun.Of(["validate", "-"], "tclass: 1\nmodel: { idd: x }\n");

        Assert.Equal(0, ok.Exit);
        Assert.EndsWith($"{Directory.GetFiles(TestData.ExamplesDir).Length} valid, 0 invalid\n", ok.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.Exit);
        Assert.Contains("<stdin>:2:10: error: model.idd: unknown key 'idd'.", bad.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schema", "TClass model-card manifest, format 1")]
    [InlineData("schema ruleset", "TClass ruleset, format 1")]
    public void Schema_prints_valid_JSON_Schema(string arguments, string title)
    {
        var run = CliRun.Of(arguments);

        using var schema = JsonDocument.Parse(run.Out);
        Assert.Equal(title, schema.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Rules_list_and_show()
    {
        Assert.Contains("tclass-2.0-strict", CliRun.Of("rules list").Out, StringComparison.Ordinal);
        var show = CliRun.Of("rules show tclass-2.0");
        Assert.Contains("[weights-origin] Where do the weights come from?", show.Out, StringComparison.Ordinal);
        Assert.Contains("if tokenizer.origin = native:", show.Out, StringComparison.Ordinal);
        Assert.Contains("⇒ T6 Full-Stack Sovereign", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_writes_a_template_that_validates()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-init-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            Assert.Equal(0, CliRun.Of(["init", file]).Exit);
            Assert.Equal(0, CliRun.Of(["validate", file]).Exit);
            Assert.Equal(2, CliRun.Of(["init", file]).Exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Init_ask_asks_only_the_questions_still_needed_and_writes_a_valid_manifest()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-ask-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            // model id, origin, family (numbered choice 1 = own), topology, tokenizer, distillation, serving chips, serving cloud
            var run = CliRun.Of(["init", file, "--ask"], "example/asked-model\nscratch\n1\nattention, ffn\nnative\nnone\nrebellions-atom\nkt-cloud\n");

            Assert.Equal(0, run.Exit);
            Assert.Contains("Where do the weights come from?  [weights.origin]", run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("[architecture.config]", run.Out, StringComparison.Ordinal);
            Assert.Contains("T6  Full-Stack Sovereign", run.Out, StringComparison.Ordinal);
            var classify = CliRun.Of(["classify", file, "--format", "json"]);
            Assert.Contains("\"tier\": \"T6\"", classify.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Init_ask_asks_what_an_answer_requires_as_the_format_says()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-ask-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            // A derivative needs its base: validating the answers asks for weights.base, then the tree asks for the adaptation.
            var run = CliRun.Of(["init", file, "--ask", "--lang", "ko"], "example/derived\nopen-derivative\nQwen/Qwen2.5-7B\n1, cpt\n");

            Assert.Equal(0, run.Exit);
            Assert.Contains("가중치가 출발한 모델 ID (쉼표로 구분)  [weights.base]", run.Out, StringComparison.Ordinal);
            Assert.Contains("[weights.adaptation]", run.Out, StringComparison.Ordinal);
            var manifest = File.ReadAllText(file);
            Assert.Contains("base: [Qwen/Qwen2.5-7B]", manifest, StringComparison.Ordinal);
            Assert.Contains("adaptation: [sft, cpt]", manifest, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Init_ask_stops_cleanly_when_the_answers_run_out()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-ask-" + Guid.NewGuid().ToString("N") + ".yaml");
        var run = CliRun.Of(["init", file, "--ask"], "example/m\nscratch\n");

        Assert.Equal(2, run.Exit);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Version_and_help()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", CliRun.Of("--version").Out);
        var help = CliRun.Of("classify --help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("--min-tier", help.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_the_root_help_lists_answers_by_its_name()
    {
        var root = CliRun.Of("--help");
        var names = System.Text.RegularExpressions.Regex.Matches(root.Out[root.Out.IndexOf("Commands:", StringComparison.Ordinal)..], @"(?m)^  ([a-z]+)\b")
            .Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["classify", "explain", "validate", "init", "import", "export", "tokenizer", "weights", "schema", "rules", "registry"], names);
        foreach (var name in names)
        {
            var help = CliRun.Of(name + " --help");
            Assert.Equal(0, help.Exit);
            Assert.StartsWith("Description:", help.Out, StringComparison.Ordinal);
            Assert.Contains("tclass " + name, help.Out, StringComparison.Ordinal);
        }
    }
}
