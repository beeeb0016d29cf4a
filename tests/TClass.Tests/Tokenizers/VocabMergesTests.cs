using System.Text;
using System.Text.Json;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>
/// GPT-2-style tokenizers shipped as <c>vocab.json</c> + <c>merges.txt</c> (no tokenizer.json) are read
/// like any other: the real GPT-2 files, and Qwen 2.5's tokenizer written out in that form.
/// </summary>
[Collection(ReferenceFilesCollection.Name)]
public class VocabMergesTests(ReferenceFilesFixture references)
{
    [Fact]
    public void GPT_2s_vocab_and_merges_are_read_whole_with_an_encoder()
    {
        using var folder = NpmFiles.Gpt2Folder();

        var read = TokenizerReader.Read(folder.Path);

        Assert.Empty(read.Diagnostics);
        var tokenizer = read.Tokenizer!;
        Assert.Equal(TokenizerFormat.VocabMerges, tokenizer.Format);
        Assert.Equal((50_257, 50_000), (tokenizer.VocabularySize, tokenizer.MergeCount));
        Assert.Equal(TokenSpelling.ByteLevel, tokenizer.Spelling);
        Assert.NotNull(tokenizer.Encoder);
        // "Hello world" is two tokens in GPT-2: Hello, Ġworld (ids 15496, 995).
        Assert.Equal([15496, 995], tokenizer.Encoder!.EncodeToIds("Hello world").ToArray());
    }

    [Theory]
    [InlineData("vocab.json")]
    [InlineData("merges.txt")]
    public void Either_file_of_the_pair_names_the_tokenizer(string name)
    {
        using var folder = NpmFiles.Gpt2Folder();

        var read = TokenizerReader.Read(Path.Combine(folder.Path, name));

        Assert.Equal(50_257, read.Tokenizer?.VocabularySize);
    }

    [Fact]
    public void A_tokenizer_written_as_vocab_and_merges_keeps_its_lineage()
    {
        using var folder = new TemporaryFolder();
        using (var json = JsonDocument.Parse(File.ReadAllBytes(references.PathOf("qwen2_5"))))
        {
            var model = json.RootElement.GetProperty("model");
            folder.Write("vocab.json", model.GetProperty("vocab").GetRawText());
            var merges = new StringBuilder("#version: 0.2\n");
            foreach (var merge in model.GetProperty("merges").EnumerateArray())
            {
                merges.Append(merge.ValueKind == JsonValueKind.String ? merge.GetString() : merge[0].GetString() + " " + merge[1].GetString()).Append('\n');
            }

            folder.Write("merges.txt", merges.ToString());
        }

        var analysis = TokenizerAnalysis.Analyse(folder.Path).Analysis!;
        var original = references.Read("qwen2_5");

        Assert.Equal(original.VocabularySize, analysis.Vocabulary.VocabularySize);
        Assert.Equal(original.MergeCount, analysis.Vocabulary.MergeCount);
        Assert.Equal((TokenizerLineage.Reused, "qwen"), (analysis.Verdict.Origin, analysis.Verdict.Reference));
    }

    [Fact]
    public void A_merge_of_tokens_not_in_the_vocabulary_is_located_in_merges_txt()
    {
        using var folder = new TemporaryFolder();
        folder.Write("vocab.json", """{"a": 0, "b": 1, "ab": 2}""");
        folder.Write("merges.txt", "#version: 0.2\na b\nab c\nthree parts here\n");

        var read = TokenizerReader.Read(folder.Path);

        Assert.Null(read.Tokenizer);
        Assert.Collection(read.Diagnostics,
            d => Assert.Equal((Path.Combine(folder.Path, "merges.txt"), 3, "invalid-merge", "the merge 'ab c' uses a token that is not in vocab.json."), (d.File, d.Line, d.Code, d.Message)),
            d => Assert.Equal((4, "a merge must be two tokens separated by one space."), (d.Line, d.Message)));
    }

    [Fact]
    public void A_vocab_json_without_its_merges_is_not_taken_for_a_tokenizer_but_named_alone_says_what_is_missing()
    {
        using var folder = new TemporaryFolder();
        folder.Write("vocab.json", """{"a": 0}""");

        Assert.Null(TokenizerReader.FileIn(folder.Path));
        var read = TokenizerReader.Read(Path.Combine(folder.Path, "vocab.json"));
        var error = Assert.Single(read.Diagnostics);
        Assert.Contains("merges.txt is missing", error.Message, StringComparison.Ordinal);
    }
}
