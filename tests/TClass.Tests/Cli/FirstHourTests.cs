using System.Text.Json;
using System.Text.RegularExpressions;

namespace TClass.Tests.Cli;

/// <summary>
/// What a new user meets in the first hour: empty inputs fail loudly, path mistakes are input errors
/// (exit 2, a located message, no stack trace), nothing is overwritten unasked, and every report is
/// filled in.
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class FirstHourTests : IDisposable
{
    private const string Card = "docs/examples/t5-native-architecture.yaml";

    private readonly string _scratch = Directory.CreateTempSubdirectory("tclass-first-hour-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Scratch(string name) => Path.Combine(_scratch, name);

    private static void AssertInputError(CliRun run, string expected)
    {
        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    internal static void AssertNoStackTrace(CliRun run)
    {
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("classify")]
    [InlineData("validate")]
    public void A_folder_without_manifests_is_an_error_that_says_what_was_found(string command)
    {
        var empty = Directory.CreateDirectory(Scratch("empty")).FullName;

        AssertInputError(CliRun.Of([command, empty]), "no manifest to read: found no .yaml, .yml, .json or .md file.");
    }

    [Fact]
    public void A_folder_of_files_without_a_tclass_key_names_them_and_fails()
    {
        File.WriteAllText(Scratch("notes.yaml"), "title: not a manifest\n");

        var run = CliRun.Of(["classify", _scratch]);

        AssertInputError(run, "1 file(s) with a manifest's extension but no top-level tclass: key");
        Assert.Contains("notes.yaml: warning: skipped: it has no top-level tclass: key", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_without_a_tclass_key_beside_real_ones_is_named_not_skipped_silently()
    {
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Scratch("card.yaml"));
        File.WriteAllText(Scratch("draft.yaml"), "model: { id: a/b }\n");

        var run = CliRun.Of(["classify", _scratch]);

        Assert.Equal(0, run.Exit);
        Assert.Contains("draft.yaml: warning: skipped", run.Error, StringComparison.Ordinal);
        Assert.Contains("T5", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_onto_an_existing_file_is_an_input_error()
    {
        File.WriteAllText(Scratch("report.md"), "mine");

        AssertInputError(CliRun.Of(["classify", Card, "--out", Scratch("report.md")]), "it is a file, not a folder");
        Assert.Equal("mine", File.ReadAllText(Scratch("report.md")));
    }

    [Fact]
    public void Out_onto_a_device_is_an_input_error()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        AssertInputError(CliRun.Of(["classify", Card, "--out", "/dev/null"]), "it is not a folder (a device or a pipe)");
    }

    [Fact]
    public void Out_onto_a_dangling_link_is_an_input_error()
    {
        File.CreateSymbolicLink(Scratch("gone"), Scratch("nowhere"));

        AssertInputError(CliRun.Of(["classify", Card, "--out", Scratch("gone")]), "it is a link that leads nowhere");
        Assert.False(Directory.Exists(Scratch("nowhere")));
    }

    [Fact]
    public void Artifacts_that_do_not_exist_are_an_input_error()
    {
        AssertInputError(CliRun.Of(["classify", Card, "--artifacts", Scratch("no-model")]), "--artifacts: no such folder.");
    }

    [Fact]
    public void Init_creates_a_missing_folder_and_refuses_a_folder_or_a_device_as_its_file()
    {
        var nested = Scratch("new/sub/card.yaml");
        Assert.Equal(0, CliRun.Of(["init", nested]).Exit);
        Assert.StartsWith("#", File.ReadAllText(nested), StringComparison.Ordinal);

        AssertInputError(CliRun.Of(["init", _scratch]), "it is a folder, not a file.");
        if (!OperatingSystem.IsWindows())
        {
            AssertInputError(CliRun.Of(["init", "/dev/full", "--force"]), "it is not a regular file");
        }
    }

    [Fact]
    public void Import_does_not_overwrite_a_file_without_force()
    {
        var model = Directory.CreateDirectory(Scratch("model")).FullName;
        File.WriteAllText(Path.Combine(model, "config.json"), """{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}""");
        File.WriteAllText(Scratch("draft.yaml"), "mine");

        AssertInputError(CliRun.Of(["import", model, "-o", Scratch("draft.yaml")]), "the file exists; it is not overwritten.");
        Assert.Equal("mine", File.ReadAllText(Scratch("draft.yaml")));

        Assert.Equal(0, CliRun.Of(["import", model, "-o", Scratch("draft.yaml"), "--force"]).Exit);
        Assert.Contains("tclass: 1", File.ReadAllText(Scratch("draft.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_command_recognises_the_registry_folder()
    {
        var run = CliRun.Of("registry docs/registry --check");

        Assert.Equal(0, run.Exit);
        Assert.Contains("reading the cards in docs/registry/cards", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_test_accepts_a_folder_of_suites()
    {
        var run = CliRun.Of("rules test tests/conformance");

        Assert.Equal(0, run.Exit);
        Assert.Matches(@"PASS: (\d+)/\1", run.Out);
    }

    [Fact]
    public void Rules_diff_exits_1_when_the_rulesets_disagree_and_0_when_they_agree()
    {
        Assert.Equal(1, CliRun.Of("rules diff tclass-2.0 tclass-2.0-strict").Exit);
        Assert.Equal(0, CliRun.Of("rules diff tclass-2.0 tclass-2.0").Exit);
    }

    [Theory]
    [InlineData("clasify", "tclass classify")]
    [InlineData("rules tabel", "tclass rules table")]
    public void A_mistyped_command_suggests_the_right_one(string typed, string meant)
    {
        AssertInputError(CliRun.Of(typed + " " + Card), $"Did you mean '{meant}'?");
    }

    [Fact]
    public void Whole_file_errors_carry_no_zero_position()
    {
        var run = CliRun.Of("classify no/such/card.yaml");

        AssertInputError(run, "no/such/card.yaml: error: no such file or directory.");
        Assert.DoesNotContain(":0:0", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"tclass\": 1,\n  \"model\": { \"id\": \"a/b\", },\n  \"weights\": { \"origin\": \"scratch\" }\n}\n", "3:27: error: invalid JSON: a comma before a closing bracket.")]
    [InlineData("{\n  // a comment\n  \"tclass\": 1\n}\n", "2:3: error: invalid JSON: a comment.")]
    public void JSON_cards_are_read_strictly(string json, string expected)
    {
        File.WriteAllText(Scratch("card.json"), json);

        AssertInputError(CliRun.Of(["validate", Scratch("card.json")]), expected);
    }

    [Fact]
    public void The_JSON_shape_follows_the_command_line_not_the_folder()
    {
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Scratch("only.yaml"));

        using var file = JsonDocument.Parse(CliRun.Of(["classify", Scratch("only.yaml"), "--format", "json"]).Out);
        using var folder = JsonDocument.Parse(CliRun.Of(["classify", _scratch, "--format", "json"]).Out);

        Assert.Equal(JsonValueKind.Object, file.RootElement.ValueKind);
        Assert.Equal(JsonValueKind.Array, folder.RootElement.ValueKind);
        Assert.Equal(1, folder.RootElement.GetArrayLength());
    }

    [Fact]
    public void Init_ask_takes_unknown_for_any_fact_and_writes_what_is_known()
    {
        var answers = "org/model\n" + string.Concat(Enumerable.Repeat("unknown\n", 12));

        var run = CliRun.Of(["init", Scratch("m.yaml"), "--ask"], answers);

        Assert.Equal(0, run.Exit);
        Assert.Contains("undecided", run.Out, StringComparison.Ordinal);
        Assert.Equal("tclass: 1\nmodel:\n  id: org/model\n  country: KR\n", File.ReadAllText(Scratch("m.yaml")));
    }

    [Fact]
    public void Init_ask_asks_again_when_a_needed_fact_is_answered_unknown()
    {
        var run = CliRun.Of(["init", Scratch("m.yaml"), "--ask"], "unknown\nfoo/bar\n" + string.Concat(Enumerable.Repeat("unknown\n", 12)));

        Assert.Equal(0, run.Exit);
        Assert.Contains("This one cannot be left unknown", run.Out, StringComparison.Ordinal);
        Assert.Contains("id: foo/bar", File.ReadAllText(Scratch("m.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_ask_suggests_the_nearest_value_on_a_typo()
    {
        var run = CliRun.Of(["init", Scratch("m.yaml"), "--ask"], "org/model\nscrach\n");

        Assert.Contains("Not an allowed value; try again. Did you mean 'scratch'?", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_ask_asks_chips_and_clouds_apart_and_takes_a_chip_outside_the_catalog()
    {
        const string answers = "org/model\nscratch\nown\nattention\nnative\nnone\nname: Atom Max, vendor: Rebellions, country: KR\n\nnaver-cloud\n";

        var run = CliRun.Of(["init", Scratch("m.yaml"), "--ask"], answers);

        Assert.Equal(0, run.Exit);
        Assert.Contains("Which AI chips serve the model?", run.Out, StringComparison.Ordinal);
        Assert.Contains("Which clouds or data centres serve the model?", run.Out, StringComparison.Ordinal);
        Assert.Contains("chips: [{name: Atom Max, vendor: Rebellions, country: KR}]", File.ReadAllText(Scratch("m.yaml")), StringComparison.Ordinal);
        Assert.Contains("T6", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_ask_takes_distillation_teachers_with_or_without_their_origin_and_never_asks_twice()
    {
        const string Start = "ex/m\nscratch\nown\nattention\nnative\ndominant\n";

        var withOrigin = CliRun.Of(["init", Scratch("a.yaml"), "--ask"], Start + "id: a/b, origin: own\n\nnvidia-h100\n\n");
        var idOnly = CliRun.Of(["init", Scratch("b.yaml"), "--ask"], Start + "a/b\n\nunknown\nunknown\n");

        Assert.Equal(0, withOrigin.Exit);
        Assert.Contains("teachers: [{id: a/b, origin: own}]", File.ReadAllText(Scratch("a.yaml")), StringComparison.Ordinal);
        Assert.Equal(0, idOnly.Exit);
        Assert.Contains("teachers: [a/b]", File.ReadAllText(Scratch("b.yaml")), StringComparison.Ordinal);
        Assert.Single(Regex.Matches(idOnly.Out, @"\[data\.teachers\]"));
    }

    [Fact]
    public void Long_tasks_say_what_they_are_doing_on_a_terminal_and_nothing_otherwise()
    {
        var model = Directory.CreateDirectory(Scratch("model")).FullName;
        File.WriteAllText(Path.Combine(model, "config.json"), """{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}""");

        var terminal = CliRun.Of(["import", model], new StringReader(""), terminal: true);
        var piped = CliRun.Of(["import", model]);

        Assert.Contains("\r\u001b[Ktclass: reading the files of " + model, terminal.Error, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", terminal.Error, StringComparison.Ordinal);
        Assert.Equal(terminal.Out, piped.Out);
        Assert.DoesNotContain("reading the files", piped.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Reports() => new()
    {
        { "text", "en", "tclass-2.0" }, { "text", "ko", "tclass-2.0" }, { "md", "en", "tclass-2.0" }, { "md", "ko", "tclass-2.0" },
        { "json", "en", "tclass-2.0" }, { "md", "en", "tclass-2.0-strict" }, { "md", "ko", "msit-independent-fm" }, { "text", "en", "msit-independent-fm" },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void No_report_shows_an_unfilled_placeholder(string format, string language, string rules)
    {
        var run = CliRun.Of(["classify", "docs/examples", "docs/registry/cards", "--format", format, "--lang", language, "--rules", rules]);

        Assert.Equal(0, run.Exit);
        Assert.DoesNotMatch(Placeholder(), run.Out);
    }

    [GeneratedRegex(@"\{[a-z_.]+\}")]
    private static partial Regex Placeholder();
}
