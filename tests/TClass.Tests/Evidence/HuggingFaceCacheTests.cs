using System.Security.Cryptography;
using System.Text;
using TClass.Evidence;
using TClass.ModelFiles;
using TClass.Tests.Cli;

namespace TClass.Tests.Evidence;

/// <summary>
/// A local Hugging Face cache laid out as <c>huggingface_hub</c> writes it: <c>models--org--name</c>
/// with <c>blobs/&lt;sha256&gt;</c>, <c>refs/&lt;branch or tag&gt;</c> holding a commit, and
/// <c>snapshots/&lt;commit&gt;/</c> whose files are relative links into the blobs.
/// </summary>
internal sealed class HubCache : IDisposable
{
    private readonly TemporaryFolder _root = new();

    public string Hub => Path.Combine(_root.Path, "hub");

    public string Home => _root.Path;

    /// <summary>Adds <paramref name="id"/> at <paramref name="commit"/> with <paramref name="files"/> (name → path of the content), under <paramref name="refs"/>.</summary>
    public string Add(string id, string commit, IReadOnlyDictionary<string, string> files, params string[] refs)
    {
        var model = Path.Combine(Hub, "models--" + id.Replace("/", "--", StringComparison.Ordinal));
        var snapshot = Path.Combine(model, "snapshots", commit);
        Directory.CreateDirectory(snapshot);
        Directory.CreateDirectory(Path.Combine(model, "blobs"));
        foreach (var (name, source) in files)
        {
            var bytes = File.ReadAllBytes(source);
            var blob = Convert.ToHexStringLower(SHA256.HashData(bytes));
            File.WriteAllBytes(Path.Combine(model, "blobs", blob), bytes);
            File.CreateSymbolicLink(Path.Combine(snapshot, name), Path.Combine("..", "..", "blobs", blob));
        }

        foreach (var name in refs)
        {
            var file = Path.Combine(model, "refs", name);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, commit);
        }

        return snapshot;
    }

    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string> { ["HF_HUB_CACHE"] = Hub };

    public void Dispose() => _root.Dispose();
}

/// <summary>Finding a model id in the local Hugging Face cache, offline.</summary>
public class HuggingFaceCacheTests
{
    private const string Main = "0123456789abcdef0123456789abcdef01234567";
    private const string Tagged = "fedcba9876543210fedcba9876543210fedcba98";

    private static readonly Dictionary<string, string> Llama = new()
    {
        ["config.json"] = Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models", "meta-llama-3-8b", "config.json"),
        ["README.md"] = Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models", "meta-llama-3-8b", "README.md"),
    };

    [Theory]
    [InlineData("HF_HUB_CACHE", "", "HF_HUB_CACHE")]
    [InlineData("HF_HOME", "hub", "HF_HOME")]
    [InlineData("XDG_CACHE_HOME", "huggingface/hub", "XDG_CACHE_HOME")]
    public void The_cache_is_where_huggingface_hub_puts_it(string variable, string below, string source)
    {
        var (folder, said) = HuggingFaceCache.Root(name => name == variable ? "/data/cache" : null);

        Assert.Equal((Path.Combine("/data/cache", below), source), (folder, said));
    }

    [Fact]
    public void HF_HUB_CACHE_outranks_HF_HOME()
    {
        var (folder, _) = HuggingFaceCache.Root(name => name switch { "HF_HUB_CACHE" => "/a", "HF_HOME" => "/b", _ => null });

        Assert.Equal("/a", folder);
    }

    [Fact]
    public void A_model_id_is_found_at_main_at_a_tag_and_at_a_commit_prefix()
    {
        using var cache = new HubCache();
        cache.Add("meta-llama/Meta-Llama-3-8B", Main, Llama, "main");
        cache.Add("meta-llama/Meta-Llama-3-8B", Tagged, Llama, "v1.0", "refs/pr/1");

        string? Find(string? revision) => HuggingFaceCache.Find("meta-llama/Meta-Llama-3-8B", revision, cache.Variables.GetValueOrDefault).Model?.Revision;

        Assert.Equal(Main, Find(null));
        Assert.Equal(Tagged, Find("v1.0"));
        Assert.Equal(Tagged, Find("refs/pr/1"));
        Assert.Equal(Tagged, Find("fedcba98"));
        Assert.Equal(Main, Find(Main));
    }

    [Fact]
    public void A_missing_model_says_where_it_looked()
    {
        using var cache = new HubCache();

        var lookup = HuggingFaceCache.Find("Qwen/Qwen2.5-7B", null, cache.Variables.GetValueOrDefault);

        var error = Assert.Single(lookup.Diagnostics);
        Assert.Equal("not-in-cache", error.Code);
        Assert.Contains(Path.Combine(cache.Hub, "models--Qwen--Qwen2.5-7B"), error.Message, StringComparison.Ordinal);
        Assert.Contains("from HF_HUB_CACHE", error.Message, StringComparison.Ordinal);
        Assert.Contains("huggingface-cli download Qwen/Qwen2.5-7B", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_revision_lists_the_snapshots_and_refs_there_are()
    {
        using var cache = new HubCache();
        cache.Add("meta-llama/Meta-Llama-3-8B", Main, Llama, "main");

        var error = Assert.Single(HuggingFaceCache.Find("meta-llama/Meta-Llama-3-8B", "v2", cache.Variables.GetValueOrDefault).Diagnostics);

        Assert.Equal("revision-not-in-cache", error.Code);
        Assert.Contains("snapshots 0123456789ab and refs main", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("/etc/passwd")]
    [InlineData("main\n")]
    public void A_revision_that_is_not_a_name_is_refused(string revision)
    {
        using var cache = new HubCache();
        cache.Add("meta-llama/Meta-Llama-3-8B", Main, Llama, "main");

        var error = Assert.Single(HuggingFaceCache.Find("meta-llama/Meta-Llama-3-8B", revision, cache.Variables.GetValueOrDefault).Diagnostics);

        Assert.Equal("invalid-revision", error.Code);
    }

    [Fact]
    public void Importing_a_snapshot_reads_through_its_links_and_names_the_model_by_its_id()
    {
        using var cache = new HubCache();
        var snapshot = cache.Add("meta-llama/Meta-Llama-3-8B", Main, Llama, "main");

        var result = ModelImporter.Import(snapshot);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("meta-llama/Meta-Llama-3-8B", result.Draft.Model.Id);
        Assert.Equal(("llama", "identical"), (result.Draft.Architecture.Family, result.Draft.Architecture.Config?.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void A_blobs_folder_that_is_a_link_does_not_widen_the_folder()
    {
        using var cache = new HubCache();
        var snapshot = cache.Add("meta-llama/Meta-Llama-3-8B", Main, new Dictionary<string, string>(), "main");
        var model = Path.GetDirectoryName(Path.GetDirectoryName(snapshot))!;
        using var outside = new TemporaryFolder();
        outside.Write("config.json", File.ReadAllText(Llama["config.json"]));
        Directory.Delete(Path.Combine(model, "blobs"));
        Directory.CreateSymbolicLink(Path.Combine(model, "blobs"), outside.Path);
        File.CreateSymbolicLink(Path.Combine(snapshot, "config.json"), Path.Combine("..", "..", "blobs", "config.json"));

        var result = ModelImporter.Import(snapshot);

        Assert.Contains(result.Diagnostics, d => d.Code == "outside-folder");
        Assert.Null(result.Draft.Architecture.Family);
    }

    [Fact]
    public void Refs_that_are_links_are_not_followed_when_saying_what_is_there()
    {
        using var cache = new HubCache();
        var snapshot = cache.Add("meta-llama/Meta-Llama-3-8B", Main, Llama, "main");
        var refs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(snapshot))!, "refs");
        Directory.CreateSymbolicLink(Path.Combine(refs, "root"), "/");
        Directory.CreateSymbolicLink(Path.Combine(refs, "loop"), ".");

        var error = Assert.Single(HuggingFaceCache.Find("meta-llama/Meta-Llama-3-8B", "v9", cache.Variables.GetValueOrDefault).Diagnostics);

        Assert.EndsWith("and refs main (cache " + cache.Hub + ", from HF_HUB_CACHE).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_link_out_of_its_models_blobs_is_refused()
    {
        using var cache = new HubCache();
        var other = cache.Add("other/model", Main, Llama, "main");
        var snapshot = cache.Add("meta-llama/Meta-Llama-3-8B", Main, new Dictionary<string, string>(), "main");
        File.CreateSymbolicLink(Path.Combine(snapshot, "config.json"), Path.Combine(other, "config.json"));

        var result = ModelImporter.Import(snapshot);

        Assert.Contains(result.Diagnostics, d => d.Code == "outside-folder" && d.Path == "config.json");
        Assert.Null(result.Draft.Architecture.Family);
    }
}

/// <summary><c>tclass import</c> and <c>tclass tokenizer</c> with a model id, read from the local cache.</summary>
[Collection(CliCollection.Name)]
public class HuggingFaceCacheCommandTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Import_takes_a_model_id_from_the_cache()
    {
        using var cache = new HubCache();
        var fixture = Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models", "qwen2.5-7b", "config.json");
        cache.Add("Qwen/Qwen2.5-7B", Commit, new Dictionary<string, string> { ["config.json"] = fixture }, "main");

        var run = CliRun.Of(["import", "Qwen/Qwen2.5-7B"], new StringReader(""), environment: cache.Variables);

        Assert.Equal(0, run.Exit);
        Assert.Contains("id: Qwen/Qwen2.5-7B", run.Out, StringComparison.Ordinal);
        Assert.Contains("family: qwen2", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("set to the folder name", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_missing_from_the_cache_is_a_clear_error()
    {
        using var cache = new HubCache();

        var run = CliRun.Of(["import", "Qwen/Qwen2.5-7B", "--revision", "main"], new StringReader(""), environment: new Dictionary<string, string> { ["HF_HOME"] = cache.Home });

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains($"error: the model is not in the local Hugging Face cache: there is no {Path.Combine(cache.Hub, "models--Qwen--Qwen2.5-7B")} (cache {cache.Hub}, from HF_HOME).", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Revision_with_a_path_is_a_usage_error()
    {
        var run = CliRun.Of(["import", "tests/fixtures/models/gpt2", "--revision", "main"], new StringReader(""));

        Assert.Equal(2, run.Exit);
        Assert.Contains("--revision applies to a model id", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tokenizer_command_takes_a_model_id_and_reads_vocab_json_and_merges_txt()
    {
        using var cache = new HubCache();
        cache.Add("openai-community/gpt2", Commit, new Dictionary<string, string>
        {
            ["vocab.json"] = NpmFiles.PathOf(NpmFiles.Gpt2Vocab),
            ["merges.txt"] = NpmFiles.PathOf(NpmFiles.Gpt2Merges),
        }, "main");

        var run = CliRun.Of(["tokenizer", "openai-community/gpt2", "--format", "json"], new StringReader(""), environment: cache.Variables);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("vocab.json + merges.txt (byte-level BPE)", run.Out, StringComparison.Ordinal);
    }
}
