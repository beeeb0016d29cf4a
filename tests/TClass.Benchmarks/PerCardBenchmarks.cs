using BenchmarkDotNet.Attributes;
using TClass.Manifests;
using TClass.Reports;
using YamlDotNet.Core;

namespace TClass.Benchmarks;

/// <summary>
/// What one card of a batch costs in-process, against the floor of reading the same file and parsing
/// it with YamlDotNet (events only). The ratio column is the in-process form of the whole-process goal
/// "CPU per card ≤ 2.5× the YAML parse" (docs/performance.md); the allocation column is per card.
/// </summary>
[MemoryDiagnoser]
public class PerCardBenchmarks
{
    private TClassifier _classifier = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _classifier = TClassifier.Create();
        _file = Repo.Example("t5-native-architecture.yaml");
        _ = ReadClassifyRenderLine();
    }

    /// <summary>The floor: read the file and parse it with YamlDotNet, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int ReadAndParseYaml()
    {
        var parser = new Parser(new StringReader(File.ReadAllText(_file)));
        var events = 0;
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    /// <summary>Read, validate, classify and render one JSON line: what `classify --format jsonl` does per card.</summary>
    [Benchmark]
    public string ReadClassifyRenderLine() => JsonReport.RenderLine(_classifier.Classify(ManifestReader.Read(_file).Manifest!));
}
