using TClass.Manifests;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>
/// Where a tokenizer comes from, told by its vocabulary and the order of its merges: the relations
/// known from the model makers' own reports, and tokenizers expanded and trained in the tests.
/// </summary>
[Collection(ReferenceFilesCollection.Name)]
public sealed class ProvenanceTests(ReferenceFilesFixture files)
{
    private static ReferenceTokenizer Reference(string id) => ReferenceTokenizers.Find(id)!;

    private static TokenizerComparison Compare(TokenizerFile tokenizer, string reference) =>
        TokenizerComparison.Of(tokenizer, TokenizerFingerprint.Of(tokenizer), Reference(reference).Fingerprint);

    private static TokenizerAnalysis Analyse(TokenizerFile tokenizer, params string[] against) =>
        TokenizerAnalysis.Of(tokenizer, against.Length == 0 ? null : [.. against.Select(Reference)], measureEfficiency: false);

    private static TokenizerFile ReadJson(string json)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tclass-synthetic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "tokenizer.json"), json);
            var read = TokenizerReader.Read(folder);
            Assert.True(read.Tokenizer is not null, string.Join("\n", read.Diagnostics));
            return read.Tokenizer!;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Llama_3_holds_all_of_cl100k_base_in_its_merge_order_and_is_cl100k_expanded()
    {
        var llama3 = files.Read("llama3");
        var c = Compare(llama3, "cl100k");
        Assert.Equal(1.0, c.ReferenceInCandidate);
        Assert.Equal((4096, 4096), (c.IdenticalFirstMerges, c.MergesCompared));
        Assert.True(c.OnlyCandidateHangul > 1_000, $"{c.OnlyCandidateHangul} Hangul tokens added");
        var verdict = Analyse(llama3, "cl100k").Verdict;
        Assert.Equal((TokenizerLineage.Expanded, "cl100k"), (verdict.Origin, verdict.Reference));
    }

    [Fact]
    public void Qwen_holds_nearly_all_of_cl100k_base_with_its_merges_interleaved_in_the_same_relative_order()
    {
        var c = Compare(files.Read("qwen2_5"), "cl100k");
        Assert.True(c.ReferenceInCandidate > 0.98, $"{c.ReferenceInCandidate:P1} of cl100k in Qwen");
        Assert.InRange(c.CandidateInReference, 0.6, 0.8);
        Assert.True(c.IdenticalFirstMerges < 400, $"{c.IdenticalFirstMerges} of the first merges in place");
        Assert.True(c.RankCorrelation > 0.99, $"rank correlation {c.RankCorrelation}");
        var verdict = Analyse(files.Read("qwen2_5"), "cl100k").Verdict;
        Assert.Equal(TokenizerLineage.Expanded, verdict.Origin);
        Assert.Contains(verdict.Reasons, r => r.Key == "order-rank");
    }

    [Theory]
    [InlineData("llama3", "llama3")]
    [InlineData("qwen2_5", "qwen")]
    [InlineData("qwen3", "qwen")]
    [InlineData("deepseek_v3", "deepseek-v3")]
    [InlineData("gemma3", "gemma3")]
    [InlineData("gptoss", "o200k")]
    [InlineData("llama2", "mistral")]
    public void Each_published_tokenizer_is_found_to_be_its_reference_reused(string name, string reference)
    {
        var verdict = Analyse(files.Read(name)).Verdict;
        Assert.Equal((TokenizerLineage.Reused, reference), (verdict.Origin, verdict.Reference));
    }

    [Fact]
    public void DeepSeek_V3_shares_half_of_Llama_3s_vocabulary_but_not_its_merge_order_a_similar_corpus_not_reuse()
    {
        var deepseek = files.Read("deepseek_v3");
        var c = Compare(deepseek, "llama3");
        Assert.True(c.CandidateInReference > 0.5 && c.ReferenceInCandidate > 0.5);
        Assert.False(TokenizerVerdict.OrderAgrees(c, TokenizerVerdict.Thresholds));
        var verdict = Analyse(deepseek, "llama3").Verdict;
        Assert.Equal(TokenizerLineage.Native, verdict.Origin);
        Assert.Contains(verdict.Reasons, r => r.Key == "similar-corpus");
    }

    [Fact]
    public void Mistral_7B_shares_most_of_Llama_2s_short_tokens_but_was_trained_apart()
    {
        var verdict = Analyse(files.Read("llama2"), "llama2").Verdict;
        Assert.Equal(TokenizerLineage.Native, verdict.Origin);
    }

    [Fact]
    public void A_reference_expanded_in_the_test_with_Korean_merges_is_expanded_from_it()
    {
        var mistral = files.Read("llama2");
        var expanded = ReadJson(SyntheticTokenizers.ExpandedWithMerges(File.ReadAllText(files.PathOf("llama2")), merges: 600));
        var analysis = TokenizerAnalysis.Of(expanded);
        Assert.Equal((TokenizerLineage.Expanded, "mistral"), (analysis.Verdict.Origin, analysis.Verdict.Reference));
        var c = analysis.Comparisons[analysis.References.IndexOf(analysis.References.Single(r => r.Id == "mistral"))];
        Assert.Equal(1.0, c.ReferenceInCandidate);
        Assert.True(c.OnlyCandidateHangul > 300, $"{c.OnlyCandidateHangul} Hangul tokens added");
        Assert.True(analysis.Efficiency is not null, analysis.EncoderNote);
        Assert.True(analysis.Efficiency.Total.Tokens < KoreanEfficiency.Measure(mistral)!.Total.Tokens, "the Korean merges make Korean cheaper");
    }

    [Fact]
    public void A_reference_expanded_with_Korean_added_tokens_is_expanded_from_it()
    {
        var expanded = ReadJson(SyntheticTokenizers.ExpandedWithAddedTokens(File.ReadAllText(files.PathOf("llama2")), words: 400));
        var verdict = Analyse(expanded).Verdict;
        Assert.Equal((TokenizerLineage.Expanded, "mistral"), (verdict.Origin, verdict.Reference));
    }

    [Fact]
    public void A_tokenizer_trained_in_the_test_on_Korean_text_is_native()
    {
        var trained = ReadJson(SyntheticTokenizers.TrainedOnKorean(merges: 1_500));
        var analysis = TokenizerAnalysis.Of(trained);
        Assert.Equal(TokenizerLineage.Native, analysis.Verdict.Origin);
        Assert.All(analysis.Comparisons, c => Assert.True(c.ReferenceInCandidate < 0.1, $"{c.Reference}: {c.ReferenceInCandidate:P1}"));
        Assert.True(analysis.Vocabulary.HangulShare > 0.5);
        Assert.True(analysis.Efficiency!.Total.CostVsO200k < 1, "trained on Korean, it spends fewer tokens than o200k_base");
    }

    [Fact]
    public void Comparing_with_a_file_gives_the_same_numbers_as_with_its_bundled_reference()
    {
        var result = TokenizerAnalysis.Analyse(files.PathOf("qwen3"), [files.PathOf("qwen2_5"), "qwen"]);
        var analysis = result.Analysis!;
        Assert.Equal(2, analysis.Comparisons.Length);
        Assert.Equal(analysis.Comparisons[0].ReferenceInCandidate, analysis.Comparisons[1].ReferenceInCandidate);
        Assert.Equal(analysis.Comparisons[0].IdenticalFirstMerges, analysis.Comparisons[1].IdenticalFirstMerges);
    }

    [Fact]
    public void An_unknown_reference_is_an_error_that_lists_the_known_ones()
    {
        var result = TokenizerAnalysis.Analyse(files.PathOf("qwen3"), ["llama9"]);
        Assert.Null(result.Analysis);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("unknown-reference", "--against"), (error.Code, error.Path));
        Assert.Contains("llama3", error.Fix, StringComparison.Ordinal);
    }
}
