using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>
/// Real tokenizer files load through Microsoft.ML.Tokenizers and count tokens exactly as the Hugging
/// Face implementation does (tokenizers.js, run on the same text line by line without special tokens).
/// </summary>
[Collection(ReferenceFilesCollection.Name)]
public sealed class TokenizerLoadingTests(ReferenceFilesFixture files)
{
    [Theory]
    [InlineData("llama3", TokenSpelling.ByteLevel, 128_000, 256, 280_147)]
    [InlineData("qwen2_5", TokenSpelling.ByteLevel, 151_643, 22, 151_387)]
    [InlineData("qwen3", TokenSpelling.ByteLevel, 151_643, 26, 151_387)]
    [InlineData("deepseek_v3", TokenSpelling.ByteLevel, 128_000, 815, 127_741)]
    [InlineData("gptoss", TokenSpelling.ByteLevel, 199_998, 21, 446_189)]
    [InlineData("gemma3", TokenSpelling.Metaspace, 262_144, 1, 514_906)]
    [InlineData("llama2", TokenSpelling.Metaspace, 32_000, 0, 58_980)]
    public void A_tokenizer_json_is_read_with_its_vocabulary_added_tokens_and_merges(string name, TokenSpelling spelling, int vocabulary, int added, int merges)
    {
        var tokenizer = files.Read(name);
        Assert.Equal(TokenizerFormat.HuggingFaceBpe, tokenizer.Format);
        Assert.Equal(spelling, tokenizer.Spelling);
        Assert.Equal(vocabulary, tokenizer.VocabularySize);
        Assert.Equal(added, tokenizer.AddedTokens);
        Assert.Equal(merges, tokenizer.MergeCount);
        Assert.NotNull(tokenizer.Encoder);
    }

    // Counts per register (news, conversation, administrative, technical, numbers, mixed) from tokenizers.js 3.7.2.
    [Theory]
    [InlineData("llama3", new[] { 2964, 3292, 2853, 2697, 4145, 2803 })]
    [InlineData("qwen2_5", new[] { 3371, 3618, 3173, 3068, 5010, 3136 })]
    [InlineData("qwen3", new[] { 3371, 3618, 3173, 3068, 5010, 3136 })]
    [InlineData("deepseek_v3", new[] { 3338, 3800, 3189, 2962, 4469, 3119 })]
    [InlineData("gptoss", new[] { 2834, 3274, 2788, 2565, 4064, 2699 })]
    [InlineData("gemma3", new[] { 2636, 2879, 2621, 2316, 4337, 2514 })]
    [InlineData("llama2", new[] { 5547, 6088, 5256, 5110, 6774, 5084 })]
    public void Token_counts_on_the_Korean_text_equal_the_Hugging_Face_implementation(string name, int[] expected)
    {
        var efficiency = KoreanEfficiency.Measure(files.Read(name))!;
        Assert.Equal(expected, efficiency.Registers.Select(r => r.Tokens));
    }

    [Fact]
    public void GPT_OSS_spends_exactly_what_o200k_base_spends_since_it_is_that_tokenizer()
    {
        var total = KoreanEfficiency.Measure(files.Read("gptoss"))!.Total;
        Assert.Equal(total.O200kTokens, total.Tokens);
        Assert.Equal(1.0, total.CostVsO200k);
    }

    [Fact]
    public void A_tiktoken_file_reads_and_counts_like_the_library_encoding_it_holds()
    {
        var cl100k = TiktokenRanks.FromEncoding("cl100k_base");
        var path = Path.Combine(Path.GetTempPath(), "tclass-cl100k-" + Guid.NewGuid().ToString("N") + ".tiktoken");
        File.WriteAllLines(path, cl100k.Tokens.Select((t, rank) => Convert.ToBase64String(t) + " " + rank.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        try
        {
            var read = TokenizerReader.Read(path);
            var tokenizer = Assert.IsType<TokenizerFile>(read.Tokenizer);
            Assert.Equal(TokenizerFormat.Tiktoken, tokenizer.Format);
            Assert.Equal(100_256, tokenizer.VocabularySize);
            var total = KoreanEfficiency.Measure(tokenizer)!.Total;
            Assert.Equal(total.Cl100kTokens, total.Tokens);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_SentencePiece_model_reads_and_counts_like_the_same_vocabulary_as_tokenizer_json()
    {
        // Mistral 7B's pieces written as a SentencePiece BPE model (score = −id, byte fallback),
        // then read through Microsoft.ML.Tokenizers' SentencePieceTokenizer.
        var json = files.Read("llama2");
        var path = Path.Combine(Path.GetTempPath(), "tclass-sp-" + Guid.NewGuid().ToString("N"), "tokenizer.model");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, SentencePieceWriter.FromTokenizerJson(File.ReadAllText(files.PathOf("llama2"))));
        try
        {
            var model = Assert.IsType<TokenizerFile>(TokenizerReader.Read(path).Tokenizer);
            Assert.Equal(TokenizerFormat.SentencePieceBpe, model.Format);
            Assert.Equal(32_000, model.VocabularySize);
            Assert.Equal(TokenizerFingerprint.Of(json).Tokens.ToArray(), TokenizerFingerprint.Of(model).Tokens.ToArray());
            Assert.Equal(KoreanEfficiency.Measure(json)!.Total.Tokens, KoreanEfficiency.Measure(model)!.Total.Tokens);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
