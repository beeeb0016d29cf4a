using System.Diagnostics;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using TClass.Diagnostics;
using TClass.Tests.Cli;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>
/// Hostile tokenizer files, each made here: every one ends within seconds with a located error (or a
/// correct result), never with an exception, a hang on a pipe or gigabytes of memory.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HostileTokenizerTests : IDisposable
{
    /// <summary>How long any hostile file may take, reading and analysing it.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private readonly string _root = Directory.CreateTempSubdirectory("tclass-hostile-tokenizers-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private string Write(string folder, string name, string content)
    {
        var path = Path.Combine(Folder(folder), name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A tokenizer.json with a small BPE vocabulary (printable ASCII) and <paramref name="pipeline"/> before the model.</summary>
    private static string Json(string pipeline = "", string addedTokens = "[]", string model = "") =>
        $$"""
        {
          "added_tokens": {{addedTokens}},
          {{pipeline}}
          "model": {
            "type": "BPE",
            "vocab": { {{string.Join(", ", Enumerable.Range(32, 95).Select(c => $"\"{(c is 34 or 92 ? "\\" : "")}{(char)c}\": {c - 32}"))}}, "ab": 95 },
            "merges": [ "a b" ]{{model}}
          }
        }
        """;

    /// <summary>Analyses <paramref name="path"/> as <c>tclass tokenizer</c> does, within <see cref="Budget"/>.</summary>
    private static TokenizerAnalysisResult Analyse(string path)
    {
        var clock = Stopwatch.StartNew();
        var analysis = Task.Run(() => TokenizerAnalysis.Analyse(path));
        Assert.True(analysis.Wait(Budget + Budget), $"the analysis of {path} did not end within {Budget + Budget}");
        Assert.True(clock.Elapsed < Budget + Budget, $"{clock.Elapsed}");
        return analysis.Result;
    }

    private static Diagnostic Refused(TokenizerAnalysisResult result, string code)
    {
        Assert.Null(result.Analysis);
        var error = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.False(string.IsNullOrEmpty(error.Fix));
        return error;
    }

    private static void MakePipe(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
    }

    [Fact]
    public void A_normalizer_that_doubles_the_text_forty_times_is_refused()
    {
        var doubling = string.Join(", ", Enumerable.Repeat("""{ "type": "Replace", "pattern": { "String": "a" }, "content": "aa" }""", 40));
        var path = Write("doubling", "tokenizer.json", Json($$"""
            "normalizer": { "type": "Sequence", "normalizers": [ {{doubling}} ] },
            """));

        var error = Refused(Analyse(path), "normalizer-expands");

        Assert.Equal("normalizer.normalizers[6]", error.Path);
        Assert.True(error.Line > 0 && error.Column > 0);
        Assert.Contains("128 times longer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_normalizer_that_grows_the_text_through_Unicode_normalization_stops_the_measure_not_the_analysis()
    {
        // Each pair turns every '.' into "㏂", which NFKC spells "a.m.": two dots where there was one.
        var pairs = string.Join(", ", Enumerable.Repeat("""{ "type": "Replace", "pattern": { "String": "." }, "content": "㏂" }, { "type": "NFKC" }""", 30));
        var path = Write("nfkc", "tokenizer.json", Json($$"""
            "normalizer": { "type": "Sequence", "normalizers": [ {{pairs}} ] },
            """));

        var result = Analyse(path);

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Analysis!.Efficiency);
        Assert.Contains("the normalizer made a text", result.Analysis.EncoderNote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Metaspace_replacement_of_two_million_characters_is_refused_in_the_pre_tokenizer_and_the_decoder()
    {
        var replacement = new string('x', 2_000_000);
        var path = Write("metaspace", "tokenizer.json", Json($$"""
            "pre_tokenizer": { "type": "Metaspace", "replacement": "{{replacement}}", "prepend_scheme": "always" },
            "decoder": { "type": "Metaspace", "replacement": "{{replacement}}" },
            """));

        var result = Analyse(path);

        Assert.Null(result.Analysis);
        Assert.Equal(["pre_tokenizer.replacement", "decoder.replacement"], result.Diagnostics.Select(d => d.Path));
        Assert.All(result.Diagnostics, d => Assert.Equal("inserted-text-too-long", d.Code));
        Assert.All(result.Diagnostics, d => Assert.Contains("2,000,000 characters", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_Replace_step_with_an_empty_pattern_is_refused()
    {
        var path = Write("empty-pattern", "tokenizer.json", Json("""
            "normalizer": { "type": "Replace", "pattern": { "String": "" }, "content": "x" },
            """));

        Assert.Equal("normalizer.pattern.String", Refused(Analyse(path), "empty-pattern").Path);
    }

    [Fact]
    public void A_pre_tokenizer_of_a_hundred_steps_is_refused_at_the_first_step_past_the_limit()
    {
        var steps = string.Join(", ", Enumerable.Repeat("""{ "type": "Digits", "individual_digits": true }""", 100));
        var path = Write("steps", "tokenizer.json", Json($$"""
            "pre_tokenizer": { "type": "Sequence", "pretokenizers": [ {{steps}} ] },
            """));

        Assert.Equal($"pre_tokenizer.pretokenizers[{TokenizerLimits.MaxSteps}]", Refused(Analyse(path), "too-many-steps").Path);
    }

    [Fact]
    public void A_SentencePiece_model_of_400000_pieces_without_scores_or_types_reads_with_the_proto_defaults()
    {
        using var output = new MemoryStream();
        var model = new CodedOutputStream(output);
        for (var i = 0; i < 400_000; i++)
        {
            model.WriteTag(1, WireFormat.WireType.LengthDelimited);
            model.WriteBytes(SentencePieceWriter.Message(m =>
            {
                m.WriteTag(1, WireFormat.WireType.LengthDelimited);
                m.WriteString(string.Create(CultureInfo.InvariantCulture, $"\u2581p{i}"));
            }));
        }

        model.Flush();
        var path = Path.Combine(Folder("pieces"), "tokenizer.model");
        File.WriteAllBytes(path, output.ToArray());

        var result = Analyse(path);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(400_000, result.Analysis!.Vocabulary.VocabularySize);
        Assert.Equal("SentencePiece model (Unigram)", result.Analysis.Format);
        Assert.Contains("no trainer_spec", result.Analysis.EncoderNote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SentencePiece_model_whose_special_ids_point_past_its_pieces_is_read_without_an_encoder_or_a_crash()
    {
        using var output = new MemoryStream();
        var model = new CodedOutputStream(output);
        model.WriteTag(1, WireFormat.WireType.LengthDelimited);
        model.WriteBytes(SentencePieceWriter.Message(m =>
        {
            m.WriteTag(1, WireFormat.WireType.LengthDelimited);
            m.WriteString("\u2581a");
        }));
        model.WriteTag(2, WireFormat.WireType.LengthDelimited);
        model.WriteBytes(SentencePieceWriter.Message(m =>
        {
            m.WriteTag(3, WireFormat.WireType.Varint);
            m.WriteEnum(2); // BPE
            m.WriteTag(40, WireFormat.WireType.Varint);
            m.WriteInt32(7); // unk_id, past the single piece
        }));
        model.WriteTag(3, WireFormat.WireType.LengthDelimited);
        model.WriteBytes(ByteString.Empty);
        model.Flush();
        var path = Path.Combine(Folder("special-ids"), "tokenizer.model");
        File.WriteAllBytes(path, output.ToArray());

        var result = Analyse(path);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(1, result.Analysis!.Vocabulary.VocabularySize);
    }

    [Fact]
    public void A_tiktoken_file_without_the_single_bytes_is_read_but_not_built_to_encode()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{Convert.ToBase64String(BitConverter.GetBytes(i))} {i}"));
        var path = Write("no-bytes", "ranks.tiktoken", string.Join("\n", lines) + "\n");

        var result = Analyse(path);

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Analysis!.Efficiency);
        Assert.Contains("256 of the 256 single bytes (the first 0x00) are not tokens", result.Analysis.EncoderNote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tiktoken_file_past_the_vocabulary_limit_is_refused_at_the_first_line_past_it()
    {
        var text = new StringBuilder();
        for (var i = 0; i <= TokenizerLimits.MaxVocabulary; i++)
        {
            text.Append(Convert.ToBase64String(BitConverter.GetBytes(i))).Append(' ').Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var path = Write("too-many-ranks", "ranks.tiktoken", text.ToString());

        var error = Refused(Analyse(path), "too-many-tokens");

        Assert.Equal(TokenizerLimits.MaxVocabulary + 1, error.Line);
    }

    [Fact]
    public void A_token_or_a_rank_listed_twice_in_a_tiktoken_file_is_reported_at_its_line()
    {
        var path = Write("twice", "ranks.tiktoken", "YQ== 0\nYg== 1\nYQ== 2\nYw== 1\n");

        var result = Analyse(path);

        Assert.Null(result.Analysis);
        Assert.Equal([("duplicate-tiktoken-token", 3, 1), ("duplicate-tiktoken-rank", 4, 6)], result.Diagnostics.Select(d => (d.Code, d.Line, d.Column)));
        Assert.Contains("already on line 1", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vocabulary_of_two_point_six_million_entries_is_refused_before_anything_is_built()
    {
        var text = new StringBuilder("{ \"model\": { \"type\": \"BPE\", \"merges\": [],\n  \"vocab\": {");
        for (var i = 0; i < 2_600_000; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("\"t").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\":").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        var path = Write("vocab", "tokenizer.json", text.Append("} } }").ToString());

        var error = Refused(Analyse(path), "too-many-tokens");

        Assert.Equal(("model.vocab", 2, 12), (error.Path, error.Line, error.Column));
        Assert.Contains("2,600,000 vocabulary entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_million_added_tokens_are_refused()
    {
        var added = "[" + string.Join(",", Enumerable.Range(0, 1_000_000).Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"id":{{100 + i}},"content":"<t{{i}}>","special":true}"""))) + "]";
        var path = Write("added", "tokenizer.json", Json(addedTokens: added));

        var error = Refused(Analyse(path), "too-many-added-tokens");

        Assert.Equal(("added_tokens", 2), (error.Path, error.Line));
    }

    [Fact]
    public void An_added_token_of_a_thousand_characters_is_refused_at_its_content()
    {
        var path = Write("long-added", "tokenizer.json", Json(addedTokens: $$"""[ { "id": 200, "content": "{{new string('x', 1000)}}", "special": false } ]"""));

        Assert.Equal("added_tokens[0].content", Refused(Analyse(path), "added-token-too-long").Path);
    }

    [Fact]
    public void A_hundred_thousand_merges_of_unknown_tokens_are_reported_twenty_times_each_located()
    {
        var merges = string.Join(", ", Enumerable.Range(0, 100_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"\"q{i} r{i}\"")));
        var path = Write("merges", "tokenizer.json", Json().Replace("\"merges\": [ \"a b\" ]", $"\"merges\": [ {merges} ]", StringComparison.Ordinal));

        var result = Analyse(path);

        Assert.Null(result.Analysis);
        Assert.Equal(20, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal("invalid-merge", d.Code));
        Assert.All(result.Diagnostics, d => Assert.True(d.Line > 0 && d.Column > 0));
    }

    [Fact]
    public void Deeply_nested_JSON_is_a_located_error()
    {
        var path = Write("deep", "tokenizer.json", "{\"model\":" + new string('[', 100_000) + new string(']', 100_000) + "}");

        var error = Refused(Analyse(path), "invalid-json");

        Assert.True(error.Line > 0 && error.Column > 0);
        Assert.Contains("depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_JSON_is_a_located_error()
    {
        var path = Write("truncated", "tokenizer.json", Json()[..300]);

        var error = Refused(Analyse(path), "invalid-json");

        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Invalid_UTF8_is_an_error_not_an_exception()
    {
        var path = Path.Combine(Folder("utf8"), "tokenizer.json");
        File.WriteAllBytes(path, [.. "{\"model\":{\"type\":\"BPE\",\"vocab\":{\""u8, 0xFF, 0xFE, .. "\":0},\"merges\":[]}}"u8]);

        Refused(Analyse(path), "not-utf8");
    }

    [Fact]
    public void An_escaped_half_of_a_surrogate_pair_is_a_located_error()
    {
        var path = Write("surrogate", "tokenizer.json", Json().Replace("\"ab\": 95", "\"ab\": 95,\n  \"\\ud800\": 96", StringComparison.Ordinal));

        var error = Refused(Analyse(path), "invalid-json");

        Assert.Equal((7, 3), (error.Line, error.Column));
        Assert.Contains("half of a surrogate pair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_named_tokenizer_json_is_reported_as_a_folder()
    {
        var folder = Folder("dir");
        Directory.CreateDirectory(Path.Combine(folder, "tokenizer.json"));

        var error = Refused(Analyse(folder), "not-a-file");

        Assert.Contains("it is a folder, not a file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tokenizer.json")]
    [InlineData("tokenizer.model")]
    [InlineData("o200k.tiktoken")]
    public void A_pipe_named_like_a_tokenizer_file_is_never_opened_in_a_folder_or_named_directly(string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Folder("fifo-" + name);
        var fifo = Path.Combine(folder, name);
        MakePipe(fifo);

        Assert.Contains("named pipe", Refused(Analyse(folder), "not-a-regular-file").Message, StringComparison.Ordinal);
        Assert.Contains("named pipe", Refused(Analyse(fifo), "not-a-regular-file").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipe_named_vocab_txt_gives_no_token_ids_and_does_not_hang()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Folder("fifo-vocab");
        MakePipe(Path.Combine(folder, "vocab.txt"));

        Assert.Null(await Task.Run(() => TokenIds.Read(folder)).WaitAsync(Budget));
    }

    [Fact]
    public void A_link_to_itself_named_tokenizer_json_is_an_error_not_a_hang()
    {
        var folder = Folder("loop");
        var link = Path.Combine(folder, "tokenizer.json");
        File.CreateSymbolicLink(link, link);

        Refused(Analyse(folder), "broken-link");
        Refused(Analyse(link), "broken-link");
    }

    [Fact]
    public void The_command_line_reports_a_hostile_tokenizer_with_exit_2_and_no_stack_trace()
    {
        var doubling = string.Join(", ", Enumerable.Repeat("""{ "type": "Replace", "pattern": { "String": "a" }, "content": "aa" }""", 40));
        var path = Write("cli", "tokenizer.json", Json($$"""
            "normalizer": { "type": "Sequence", "normalizers": [ {{doubling}} ] },
            """));

        var run = CliRun.Of(["tokenizer", path]);

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("tokenizer.json:", run.Error, StringComparison.Ordinal);
        Assert.Contains("error: normalizer.normalizers[6]:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_reports_a_hostile_tokenizer_and_still_drafts_the_manifest()
    {
        var folder = Folder("import");
        File.WriteAllText(Path.Combine(folder, "config.json"), """{ "model_type": "llama", "vocab_size": 95 }""");
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), Json("""
            "pre_tokenizer": { "type": "Metaspace", "replacement": "▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁", "prepend_scheme": "always" },
            """));

        var run = CliRun.Of(["import", folder]);

        Assert.Contains("error: pre_tokenizer.replacement:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
