using BenchmarkDotNet.Attributes;
using TClass.Manifests;
using TClass.Reports;

namespace TClass.Benchmarks;

/// <summary>
/// The figures issue 2 sets: classifying an already-read manifest (≤ 5 µs, ≤ 4 KB allocated) and
/// reading + validating + classifying a typical manifest file in-process (≤ 300 µs).
/// </summary>
[MemoryDiagnoser]
public class ClassifyBenchmarks
{
    private TClassifier _classifier = null!;
    private Manifest _decided = null!;
    private Manifest _undecided = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _classifier = TClassifier.Create();
        _file = Repo.Example("t5-native-architecture.yaml");
        _decided = ManifestReader.Read(_file).Manifest!;
        _undecided = ManifestReader.Read(Repo.Example("unknown-facts.yaml")).Manifest!;
        _ = _classifier.Classify(_decided);
    }

    /// <summary>Classify a typical, fully declared manifest that is already read.</summary>
    [Benchmark(Baseline = true)]
    public Classification Classify() => _classifier.Classify(_decided);

    /// <summary>Classify a manifest with undeclared facts: every branch explored, the missing facts ranked.</summary>
    [Benchmark]
    public Classification ClassifyUndecided() => _classifier.Classify(_undecided);

    /// <summary>Read the file, validate it (schema, cross-field rules, catalogs) and classify it.</summary>
    [Benchmark]
    public Classification ReadValidateClassify() => _classifier.Classify(ManifestReader.Read(_file).Manifest!);

    /// <summary>Read, validate, classify and render the JSON result, as the runner does per card.</summary>
    [Benchmark]
    public string ReadClassifyRenderJson() => JsonReport.Render(_classifier.Classify(ManifestReader.Read(_file).Manifest!));
}
