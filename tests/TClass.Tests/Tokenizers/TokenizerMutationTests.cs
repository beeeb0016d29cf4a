using System.Text;
using CsCheck;
using TClass.Diagnostics;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>Small valid tokenizer files, edited at random byte by byte: the reader never throws and always answers.</summary>
public sealed class TokenizerMutationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tclass-tokenizer-mutations-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Valid files that use every part the reader reproduces: normalizers, pre-tokenizers, added tokens, each model type.</summary>
    private static readonly string[] Seeds =
    [
        """
        {
          "added_tokens": [ { "id": 7, "content": "<s>", "special": true }, { "id": 8, "content": "한국", "special": false } ],
          "normalizer": { "type": "Sequence", "normalizers": [ { "type": "Prepend", "prepend": "▁" }, { "type": "Replace", "pattern": { "String": " " }, "content": "▁" }, { "type": "NFKC" } ] },
          "pre_tokenizer": { "type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": true },
          "decoder": { "type": "Sequence", "decoders": [ { "type": "Replace", "pattern": { "String": "▁" }, "content": " " }, { "type": "ByteFallback" } ] },
          "model": { "type": "BPE", "byte_fallback": true, "unk_token": "<unk>",
            "vocab": { "<unk>": 0, "▁": 1, "한": 2, "국": 3, "▁한": 4, "▁한국": 5, "<0x41>": 6 },
            "merges": [ "▁ 한", [ "▁한", "국" ] ] }
        }
        """,
        """
        {
          "added_tokens": [ { "id": 6, "content": "<|end|>", "special": true } ],
          "pre_tokenizer": { "type": "Sequence", "pretokenizers": [
            { "type": "Split", "pattern": { "Regex": "\\p{N}{1,3}| ?\\p{L}+|\\s+" }, "behavior": "Isolated", "invert": false },
            { "type": "ByteLevel", "add_prefix_space": false, "use_regex": false } ] },
          "model": { "type": "BPE", "ignore_merges": true, "vocab": { "a": 0, "b": 1, "Ġ": 2, "ab": 3, "Ġab": 4, "ê": 5 }, "merges": [ "a b", "Ġ ab" ] }
        }
        """,
        """
        { "normalizer": { "type": "Lowercase" }, "pre_tokenizer": { "type": "Whitespace" },
          "model": { "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "vocab": { "[UNK]": 0, "한": 1, "##국": 2, "a": 3 } } }
        """,
        """
        { "pre_tokenizer": { "type": "Digits", "individual_digits": true },
          "model": { "type": "Unigram", "unk_id": 0, "vocab": [ [ "<unk>", 0.0 ], [ "▁한", -1.5 ], [ "국", -2.0 ] ] } }
        """,
    ];

    /// <summary>What is put in: bytes that change the structure of JSON or of the texts inside it, and a few values.</summary>
    private static readonly byte[][] Snippets =
    [
        .. "{}[]:,\"\\ 0-9eaxuEtn.▁\n"u8.ToArray().Select(b => new[] { b }),
        [0x00], [0x80], [0xC3], [0xFF],
        "\\ud800"u8.ToArray(), "\\u0000"u8.ToArray(), "1e999"u8.ToArray(), "-1"u8.ToArray(), "2147483648"u8.ToArray(), "null"u8.ToArray(),
        "\"\""u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(), "\"Sequence\""u8.ToArray(), "\"BPE\""u8.ToArray(), "\"Unigram\""u8.ToArray(),
    ];

    [Fact]
    public void Every_seed_is_a_valid_tokenizer()
    {
        foreach (var seed in Seeds)
        {
            File.WriteAllText(Path.Combine(_folder, "tokenizer.json"), seed);
            var read = TokenizerReader.Read(Path.Combine(_folder, "tokenizer.json"));
            Assert.True(read.Tokenizer is not null, string.Join("\n", read.Diagnostics));
        }
    }

    [Fact]
    public void No_edit_or_truncation_of_a_valid_tokenizer_json_makes_the_reader_or_the_analysis_throw()
    {
        var seeds = Seeds.Select(Encoding.UTF8.GetBytes).ToArray();
        var path = Path.Combine(_folder, "tokenizer.json");
        var edits = Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 100_000].Array[1, 6], Gen.Int[0, Snippets.Length - 1].Array[1, 6], Gen.Int[0, 4]);

        edits.Sample((seed, positions, picks, kind) =>
        {
            var bytes = seeds[seed].ToList();
            for (var i = 0; i < positions.Length; i++)
            {
                var at = positions[i] % (bytes.Count + 1);
                var insert = Snippets[picks[i % picks.Length]];
                switch (kind)
                {
                    case 0 when at < bytes.Count: bytes.RemoveAt(at); bytes.InsertRange(at, insert); break;
                    case 1: bytes.InsertRange(at, insert); break;
                    case 2: bytes.RemoveRange(at, Math.Min(1 + (positions[i] % 9), bytes.Count - at)); break;
                    case 3: bytes.InsertRange(at, bytes.Take(Math.Min(at, 24)).ToList()); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }

            File.WriteAllBytes(path, [.. bytes]);
            var read = TokenizerReader.Read(path);

            Assert.True(read.Tokenizer is not null ^ read.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), string.Join("\n", read.Diagnostics));
            Assert.All(read.Diagnostics, d => Assert.False(string.IsNullOrEmpty(d.Message)));
            if (read.Tokenizer is { } tokenizer)
            {
                _ = TokenizerAnalysis.Of(tokenizer);
            }
        }, iter: 2000);
    }

    [Fact]
    public void No_byte_edit_of_a_valid_SentencePiece_model_makes_the_reader_or_the_analysis_throw()
    {
        var seed = SentencePieceWriter.FromTokenizerJson("""
            { "model": { "type": "BPE", "vocab": { "<unk>": 0, "<s>": 1, "</s>": 2, "<0x41>": 3, "▁": 4, "한": 5, "국": 6, "▁한": 7, "▁한국": 8 } } }
            """);
        var path = Path.Combine(_folder, "tokenizer.model");
        File.WriteAllBytes(path, seed);
        Assert.NotNull(TokenizerReader.Read(path).Tokenizer);
        var edits = Gen.Select(Gen.Int[0, 100_000].Array[1, 4], Gen.Byte.Array[1, 4], Gen.Int[0, 2]);

        edits.Sample((positions, values, kind) =>
        {
            var bytes = seed.ToList();
            for (var i = 0; i < positions.Length; i++)
            {
                var at = positions[i] % (bytes.Count + 1);
                switch (kind)
                {
                    case 0 when at < bytes.Count: bytes[at] = values[i % values.Length]; break;
                    case 1: bytes.Insert(at, values[i % values.Length]); break;
                    default: bytes.RemoveRange(at, Math.Min(1 + (positions[i] % 5), bytes.Count - at)); break;
                }
            }

            File.WriteAllBytes(path, [.. bytes]);
            var read = TokenizerReader.Read(path);

            Assert.True(read.Tokenizer is not null ^ read.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), string.Join("\n", read.Diagnostics));
            if (read.Tokenizer is { } tokenizer)
            {
                _ = TokenizerAnalysis.Of(tokenizer);
            }
        }, iter: 1000);
    }
}
