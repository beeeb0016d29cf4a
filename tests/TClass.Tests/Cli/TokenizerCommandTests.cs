using System.Text.Json;
using TClass.Tests.Tokenizers;

namespace TClass.Tests.Cli;

/// <summary><c>tclass tokenizer</c>: text, Markdown and JSON reports, languages, and errors as exit code 2.</summary>
[Collection(CliCollection.Name)]
public sealed class TokenizerCommandTests(ReferenceFilesFixture files) : IClassFixture<ReferenceFilesFixture>
{
    [Fact]
    public void The_text_report_shows_efficiency_references_and_the_verdict()
    {
        var run = CliRun.Of(["tokenizer", files.PathOf("llama2")]);

        Assert.Equal(0, run.Exit);
        Assert.Contains("tokenizer.json (metaspace BPE)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Korean evaluation text", run.Out, StringComparison.Ordinal);
        Assert.Contains("mixed English", run.Out, StringComparison.Ordinal);
        Assert.Contains("verdict     reused — Mistral 7B", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void The_Korean_report_uses_Korean_labels_and_reasons()
    {
        var run = CliRun.Of(["tokenizer", files.PathOf("llama2"), "--lang", "ko"]);

        Assert.Contains("판정", run.Out, StringComparison.Ordinal);
        Assert.Contains("재사용", run.Out, StringComparison.Ordinal);
        Assert.Contains("그대로 쓴 것입니다", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void JSON_carries_every_number_and_both_languages()
    {
        var run = CliRun.Of(["tokenizer", files.PathOf("llama2"), "--against", "mistral", "--against", "llama2", "--format", "json"]);

        Assert.Equal(0, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(32_000, root.GetProperty("vocabulary").GetProperty("size").GetInt32());
        Assert.Equal(7, root.GetProperty("korean_efficiency").GetProperty("registers").GetArrayLength() + 1);
        Assert.Equal(["mistral", "llama2"], root.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("reused", root.GetProperty("verdict").GetProperty("origin").GetString());
        Assert.All(root.GetProperty("verdict").GetProperty("because").EnumerateArray(), r => Assert.NotEmpty(r.GetProperty("ko").GetString()!));
    }

    [Fact]
    public void The_same_tokenizer_gives_the_same_bytes_every_run()
    {
        var first = CliRun.Of(["tokenizer", files.PathOf("llama2"), "--format", "json"]);
        var second = CliRun.Of(["tokenizer", files.PathOf("llama2"), "--format", "json"]);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Markdown_has_the_efficiency_and_reference_tables()
    {
        var run = CliRun.Of(["tokenizer", files.PathOf("llama2"), "--format", "md"]);

        Assert.Contains("| register | chars | eojeol | tokens |", run.Out, StringComparison.Ordinal);
        Assert.Contains("| Mistral 7B | 100.0% | 100.0% | 4,096 / 4,096 |", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_reference_or_a_missing_file_exits_2_with_the_fix()
    {
        var unknown = CliRun.Of(["tokenizer", files.PathOf("llama2"), "--against", "llama9"]);
        var missing = CliRun.Of(["tokenizer", "no/such/tokenizer.json"]);

        Assert.Equal((2, 2), (unknown.Exit, missing.Exit));
        Assert.Contains("--against: 'llama9' is neither a reference tokenizer nor a file", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("llama3", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("Fix:", missing.Error, StringComparison.Ordinal);
        Assert.Empty(missing.Out);
    }
}
