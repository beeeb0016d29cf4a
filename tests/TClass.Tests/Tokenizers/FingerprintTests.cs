using TClass.References;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>The bundled fingerprints are exactly what the generator makes from the real files, and read back unchanged.</summary>
[Collection(ReferenceFilesCollection.Name)]
public sealed class FingerprintTests(ReferenceFilesFixture files)
{
    [Fact]
    public void The_bundled_fingerprints_are_regenerated_byte_for_byte_from_the_fetched_files()
    {
        var regenerated = TokenizerFingerprint.Write(FingerprintGenerator.Generate(files.Sources, files.Files));
        var bundled = File.ReadAllBytes(Path.Combine(TestData.RepoRoot, "rules", "tokenizers", "references.bin"));
        Assert.True(regenerated.AsSpan().SequenceEqual(bundled),
            "rules/tokenizers/references.bin is stale: run `dotnet run --project tools/TClass.References -- generate`.");
    }

    [Fact]
    public void Fingerprints_read_back_as_written()
    {
        var written = ReferenceTokenizers.BuiltIn.Select(r => r.Fingerprint).ToList();
        var read = TokenizerFingerprint.Read(TokenizerFingerprint.Write(written));
        Assert.Equal(written.Count, read.Length);
        Assert.All(written.Zip(read), pair => Assert.True(FingerprintGenerator.Same(pair.First, pair.Second), pair.First.Id));
    }

    [Theory]
    [InlineData("qwen", "qwen3")]
    [InlineData("o200k", "gptoss")]
    [InlineData("mistral", "llama2")]
    public void Files_listed_as_also_give_their_references_fingerprint(string reference, string package)
    {
        var fingerprint = TokenizerFingerprint.Of(files.Read(package), reference, modelVocabularyOnly: true);
        Assert.True(FingerprintGenerator.Same(ReferenceTokenizers.Find(reference)!.Fingerprint, fingerprint));
    }

    [Fact]
    public void Every_reference_has_a_fingerprint_with_learned_tokens_and_a_merge_order()
    {
        Assert.Equal(["llama2", "llama3", "qwen", "gemma3", "deepseek-v3", "mistral", "o200k", "cl100k"], ReferenceTokenizers.BuiltIn.Select(r => r.Id));
        Assert.All(ReferenceTokenizers.BuiltIn, r =>
        {
            Assert.True(r.Fingerprint.TokenCount > 20_000, r.Id);
            Assert.True(r.Fingerprint.HasMergeOrder, r.Id);
            Assert.Equal(TokenizerFingerprint.FirstMerges, r.Fingerprint.First.Length);
        });
    }

    [Fact]
    public void Single_characters_and_bytes_are_the_alphabet_not_learned_tokens()
    {
        byte[][] tokens = [[0x61], "가"u8.ToArray(), [0xEA, 0xB0], " the"u8.ToArray(), "한국"u8.ToArray()];
        var fingerprint = TokenizerFingerprint.Create("test", tokens, null);
        Assert.Equal(3, fingerprint.TokenCount);
        Assert.False(fingerprint.HasMergeOrder);
    }

    [Fact]
    public void Fingerprints_cut_short_are_refused_not_misread()
    {
        var written = TokenizerFingerprint.Write(ReferenceTokenizers.BuiltIn.Take(1).Select(r => r.Fingerprint));
        var cut = written[..(written.Length / 2)];

        Assert.Throws<InvalidDataException>(() => TokenizerFingerprint.Read(cut));
        Assert.Throws<InvalidDataException>(() => TokenizerFingerprint.Read(written[..3]));
    }

    [Fact]
    public void Shared_tokens_are_counted_exactly_between_sorted_fingerprints()
    {
        byte[][] Tokens(params string[] words) => [.. words.Select(w => System.Text.Encoding.UTF8.GetBytes(w))];
        var candidate = TokenizerFingerprint.Create("candidate", Tokens("ab", "cd", "ef", "gh", "한국", "ab"), null);
        var reference = TokenizerFingerprint.Create("reference", Tokens("cd", "gh", "ij", "한국", "kl"), null);

        var comparison = TokenizerComparison.Of(candidate, new HashSet<uint>(), reference);

        Assert.Equal(5, candidate.TokenCount);
        Assert.Equal(3, comparison.Shared);
        Assert.Equal(2, comparison.OnlyCandidate);
    }
}
