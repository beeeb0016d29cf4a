using TClass.Diagnostics;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>A broken or hostile tokenizer file gives diagnostics with line, column, field and fix — never an exception.</summary>
public sealed class TokenizerInputTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tclass-tokenizer-input-" + Guid.NewGuid().ToString("N"));

    public TokenizerInputTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TokenizerReadResult Read(string name, string content)
    {
        File.WriteAllText(Path.Combine(_folder, name), content);
        return TokenizerReader.Read(Path.Combine(_folder, name));
    }

    private const string Valid = """
        {
          "added_tokens": [],
          "pre_tokenizer": { "type": "ByteLevel", "add_prefix_space": false, "use_regex": true },
          "model": {
            "type": "BPE",
            "vocab": { "a": 0, "b": 1, "ab": 2, "c": 3 },
            "merges": [
              "a b"
            ]
          }
        }
        """;

    [Fact]
    public void A_small_valid_tokenizer_json_reads()
    {
        var read = Read("tokenizer.json", Valid);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(4, read.Tokenizer!.VocabularySize);
        Assert.Equal(1, read.Tokenizer.MergeCount);
    }

    [Fact]
    public void Malformed_JSON_is_reported_at_its_line_and_column()
    {
        var read = Read("tokenizer.json", "{\n  \"model\": {\n    \"vocab\": { \"a\": 0,, }\n  }\n}");
        var error = Assert.Single(read.Diagnostics);
        Assert.Null(read.Tokenizer);
        Assert.Equal(("invalid-json", 3), (error.Code, error.Line));
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void A_merge_of_unknown_tokens_names_the_merge_and_where_it_is()
    {
        var read = Read("tokenizer.json", Valid.Replace("\"a b\"", "\"a b\",\n      \"x y\"", StringComparison.Ordinal));
        var error = Assert.Single(read.Diagnostics);
        Assert.Equal(("invalid-merge", "model.merges[1]", 9), (error.Code, error.Path, error.Line));
        Assert.Contains("'x y'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void Every_bad_vocabulary_entry_is_reported_not_only_the_first()
    {
        var read = Read("tokenizer.json", Valid.Replace("\"b\": 1", "\"b\": -1", StringComparison.Ordinal).Replace("\"c\": 3", "\"c\": \"three\"", StringComparison.Ordinal));
        Assert.Equal(["model.vocab.b", "model.vocab.c"], read.Diagnostics.Where(d => d.Code == "invalid-vocab-entry").Select(d => d.Path));
        Assert.All(read.Diagnostics.Where(d => d.Code == "invalid-vocab-entry"), d => Assert.Equal(6, d.Line));
    }

    [Fact]
    public void A_JSON_file_without_a_model_is_not_a_tokenizer()
    {
        var error = Assert.Single(Read("config.json", "{ \"vocab_size\": 3 }").Diagnostics);
        Assert.Equal("not-a-tokenizer", error.Code);
    }

    [Fact]
    public void A_word_level_model_is_refused_with_the_reason()
    {
        var error = Assert.Single(Read("tokenizer.json", "{ \"model\": { \"type\": \"WordLevel\", \"vocab\": { \"a\": 0 } } }").Diagnostics);
        Assert.Equal(("unsupported-model", "model.type"), (error.Code, error.Path));
    }

    [Fact]
    public void A_file_that_is_not_a_SentencePiece_model_is_refused()
    {
        var error = Assert.Single(Read("tokenizer.model", "this is not protobuf at all").Diagnostics);
        Assert.Equal("invalid-sentencepiece", error.Code);
    }

    [Fact]
    public void A_bad_tiktoken_line_is_reported_at_its_line()
    {
        var error = Assert.Single(Read("vocab.tiktoken", "YQ== 0\nYg== 1\nnot base64!! x\n").Diagnostics);
        Assert.Equal(("invalid-tiktoken-line", 3), (error.Code, error.Line));
    }

    [Fact]
    public void A_folder_without_a_tokenizer_says_what_it_looked_for()
    {
        var error = Assert.Single(TokenizerReader.Read(_folder).Diagnostics);
        Assert.Equal("no-tokenizer", error.Code);
        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_exception()
    {
        var error = Assert.Single(TokenizerReader.Read(Path.Combine(_folder, "absent.json")).Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, "not-found"), (error.Severity, error.Code));
    }

    [Fact]
    public void A_pre_tokenizer_pattern_that_backtracks_without_bound_stops_the_measure_not_the_analysis()
    {
        var hostile = Valid.Replace("{ \"type\": \"ByteLevel\", \"add_prefix_space\": false, \"use_regex\": true }",
            "{ \"type\": \"Sequence\", \"pretokenizers\": [ { \"type\": \"Split\", \"pattern\": { \"Regex\": \"([\\\\p{Lo}\\\\s]+)+\\\\d\" }, \"behavior\": \"Isolated\", \"invert\": false }, { \"type\": \"ByteLevel\", \"use_regex\": false } ] }",
            StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "tokenizer.json"), hostile);
        var analysis = TokenizerAnalysis.Analyse(_folder).Analysis!;
        Assert.Null(analysis.Efficiency);
        Assert.Contains("took too long", analysis.EncoderNote, StringComparison.Ordinal);
        Assert.Equal(TokenizerLineage.Native, analysis.Verdict.Origin);
    }

    [Fact]
    public void The_config_json_beside_the_tokenizer_gives_the_declared_vocab_size()
    {
        File.WriteAllText(Path.Combine(_folder, "config.json"), "{ \"model_type\": \"llama\", \"vocab_size\": 32 }");
        var tokenizer = Read("tokenizer.json", Valid).Tokenizer!;
        Assert.Equal(32, tokenizer.ConfigVocabSize);
    }
}
