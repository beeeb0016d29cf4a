using System.Diagnostics;

namespace TClass.Tests.Cli;

/// <summary>
/// Inputs built to hang, exhaust or escape: pipes and devices are never opened, endless input stops
/// at the limit, links never lead a read out of the folder named or a write anywhere, and text from
/// inputs reaches the terminal with its control characters made visible.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HostileInputTests : IDisposable
{
    private const string Card = "docs/examples/t5-native-architecture.yaml";

    private readonly string _scratch = Directory.CreateTempSubdirectory("tclass-hostile-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Scratch(string name) => Path.Combine(_scratch, name);

    private string Fifo(string name)
    {
        var path = Scratch(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        return path;
    }

    private static void AssertRefused(CliRun run, string expected)
    {
        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        FirstHourTests.AssertNoStackTrace(run);
    }

    [Fact]
    public void A_pipe_named_as_a_manifest_is_never_opened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        AssertRefused(CliRun.Of(["classify", Fifo("card.yaml")]), "it is a named pipe, not a regular file; it is not opened.");
    }

    [Fact]
    public void A_pipe_in_a_scanned_folder_is_named_and_the_other_cards_are_still_classified()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Fifo("cards/pipe.yaml");
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Scratch("cards/real.yaml"));

        var run = CliRun.Of(["classify", Scratch("cards")]);

        AssertRefused(run, "pipe.yaml: error: it is a named pipe");
        Assert.Contains("T5", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_or_a_device_as_a_ruleset_is_never_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        AssertRefused(CliRun.Of(["classify", Card, "--rules", Fifo("rules.yaml")]), "it is a named pipe");
        AssertRefused(CliRun.Of(["classify", Card, "--rules", "/dev/zero"]), "it is a device, not a regular file");
        AssertRefused(CliRun.Of(["rules", "show", "/dev/urandom"]), "it is a device, not a regular file");
    }

    [Fact]
    public void A_device_as_a_manifest_is_never_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        AssertRefused(CliRun.Of(["classify", "/dev/zero"]), "it is a device, not a regular file");
        AssertRefused(CliRun.Of(["validate", "/dev/urandom"]), "it is a device, not a regular file");
    }

    [Fact]
    public void Endless_standard_input_stops_at_the_size_limit()
    {
        var run = CliRun.Of(["classify", "-"], new EndlessReader());

        AssertRefused(run, "<stdin>: error: the input goes on past 1,048,576 bytes");
    }

    [Fact]
    public void A_link_in_a_scanned_folder_that_leads_outside_it_is_not_read()
    {
        var outside = Directory.CreateDirectory(Scratch("outside")).FullName;
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Path.Combine(outside, "secret.yaml"));
        var cards = Directory.CreateDirectory(Scratch("cards")).FullName;
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Path.Combine(cards, "own.yaml"));
        File.CreateSymbolicLink(Path.Combine(cards, "leak.yaml"), Path.Combine(outside, "secret.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(cards, "etc"), outside);

        var run = CliRun.Of(["classify", cards, "--format", "jsonl"]);

        AssertRefused(run, "leak.yaml: error: it is a link to a file outside the folder being searched");
        Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("secret", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_are_never_written_through_a_link()
    {
        var victim = Scratch("victim.txt");
        File.WriteAllText(victim, "untouched");
        var output = Directory.CreateDirectory(Scratch("out")).FullName;
        File.CreateSymbolicLink(Path.Combine(output, "example-lab_hanbit-32b.md"), victim);

        var run = CliRun.Of(["classify", Card, "--out", output]);

        AssertRefused(run, "it is a link; nothing is written through a link.");
        Assert.Equal("untouched", File.ReadAllText(victim));
    }

    [Fact]
    public void The_registry_is_never_written_through_a_link_and_its_page_comes_last()
    {
        var victims = Directory.CreateDirectory(Scratch("victims")).FullName;
        var registry = Directory.CreateDirectory(Scratch("registry")).FullName;
        var cards = Directory.CreateDirectory(Path.Combine(registry, "cards")).FullName;
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Path.Combine(cards, "a.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(registry, "radar"), victims);

        var run = CliRun.Of(["registry", cards]);

        AssertRefused(run, "radar is a link; nothing is written through a link.");
        Assert.Empty(Directory.EnumerateFileSystemEntries(victims));
        Assert.False(File.Exists(Path.Combine(registry, "README.md")));
    }

    [Fact]
    public void Two_cards_with_one_name_in_different_folders_get_two_radars()
    {
        var registry = Directory.CreateDirectory(Scratch("registry")).FullName;
        foreach (var sub in new[] { "one", "two" })
        {
            Directory.CreateDirectory(Path.Combine(registry, "cards", sub));
            File.Copy(Path.Combine(TestData.RepoRoot, Card), Path.Combine(registry, "cards", sub, "x.yaml"));
        }

        Assert.Equal(0, CliRun.Of(["registry", Path.Combine(registry, "cards")]).Exit);
        Assert.Equal(["one--x.svg", "two--x.svg"], Directory.EnumerateFiles(Path.Combine(registry, "radar")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cards_whose_names_would_meet_still_get_one_radar_each()
    {
        var cards = Directory.CreateDirectory(Scratch("registry/cards/x")).Parent!.FullName;
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Path.Combine(cards, "x", "y.yaml"));
        File.Copy(Path.Combine(TestData.RepoRoot, Card), Path.Combine(cards, "x--y.yaml"));

        Assert.Equal(0, CliRun.Of(["registry", cards]).Exit);
        Assert.Equal(2, Directory.EnumerateFiles(Scratch("registry/radar")).Count());
    }

    [Fact]
    public void A_card_in_a_folder_found_with_a_byte_order_mark_or_minified_is_read()
    {
        var cards = Directory.CreateDirectory(Scratch("cards")).FullName;
        File.WriteAllText(Path.Combine(cards, "bom.yaml"), "\uFEFF" + File.ReadAllText(Path.Combine(TestData.RepoRoot, Card)), new System.Text.UTF8Encoding(false));
        File.WriteAllText(Path.Combine(cards, "min.json"), """{"model": {"id": "a/b"}, "tclass": 1, "weights": {"origin": "api"}}""");

        var run = CliRun.Of(["validate", cards]);

        Assert.Equal(0, run.Exit);
        Assert.Contains("2 valid, 0 invalid", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_id_too_long_for_a_file_name_still_gets_its_report()
    {
        var id = "org/" + new string('a', 300);
        File.WriteAllText(Scratch("long.yaml"), $"tclass: 1\nmodel: {{ id: {id} }}\nweights: {{ origin: api }}\n");

        var run = CliRun.Of(["classify", Scratch("long.yaml"), "--out", Scratch("out")]);

        Assert.Equal(0, run.Exit);
        Assert.Single(Directory.EnumerateFiles(Scratch("out"), "*.md"));
    }

    [Fact]
    public void YAML_nested_two_hundred_thousand_levels_deep_is_refused_at_the_limit_not_read_through()
    {
        var levels = 200_000;
        File.WriteAllText(Scratch("deep.yaml"), "tclass: 1\nmodel:\n  id: x/y\nweights: " + new string('[', levels) + new string(']', levels) + "\n");
        var clock = Stopwatch.StartNew();

        var run = CliRun.Of(["classify", Scratch("deep.yaml")]);

        AssertRefused(run, "the document nests deeper than 64 levels.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "took " + clock.Elapsed);
    }

    [Fact]
    public void A_line_break_in_a_value_cannot_fake_lines_of_the_report()
    {
        File.WriteAllText(Scratch("spoof.yaml"), "tclass: 1\nmodel:\n  id: \"x/y\\n  level       T6  Full-Stack Sovereign\"\nweights: { origin: api }\n");

        var run = CliRun.Of(["explain", Scratch("spoof.yaml")]);

        AssertRefused(run, "spoof.yaml:3:7: error: model.id: the text runs over several lines");
        Assert.DoesNotContain("T6", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_folder_that_cannot_be_read_whole_makes_classify_artifacts_an_input_error()
    {
        var model = Directory.CreateDirectory(Scratch("model")).FullName;
        File.CreateSymbolicLink(Path.Combine(model, "config.json"), "/etc/hostname");

        var run = CliRun.Of(["classify", Card, "--artifacts", model]);

        AssertRefused(run, "config.json: it leads to");
        Assert.Contains("T5", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_a_card_are_a_located_error_and_never_reach_the_terminal()
    {
        File.WriteAllText(Scratch("card.yaml"), "tclass: 1\nmodel:\n  id: \"a/b\\e]0;owned\\a\\0\"\nweights: { origin: scratch }\n");

        var run = CliRun.Of(["classify", Scratch("card.yaml")]);

        AssertRefused(run, "card.yaml:3:7: error: model.id: the text holds the control character U+001B (\\x1B)");
        Assert.DoesNotContain('\u001b', run.Error + run.Out);
        Assert.DoesNotContain('\0', run.Error + run.Out);
    }

    [Fact]
    public void A_file_name_with_an_escape_sequence_is_shown_escaped()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var name = Scratch("card\u001b]0;owned\u0007.yaml");
        File.WriteAllText(name, "tclass: 1\n");

        var run = CliRun.Of(["validate", name]);

        Assert.Equal(2, run.Exit);
        Assert.Contains("card\\x1B]0;owned\\x07.yaml", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.DoesNotContain('\u0007', run.Error);
    }

    /// <summary>Standard input that never ends, like <c>yes | tclass classify -</c>.</summary>
    private sealed class EndlessReader : TextReader
    {
        public override int Read(char[] buffer, int index, int count)
        {
            Array.Fill(buffer, 'y', index, count);
            return count;
        }

        public override int Peek() => 'y';

        public override int Read() => 'y';
    }
}
