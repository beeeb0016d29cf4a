using BenchmarkDotNet.Attributes;
using TClass.Weights;

namespace TClass.Benchmarks;

/// <summary>
/// The figures issue 10 sets for <c>tclass weights</c>: a pair shaped like a 7B dense model compared
/// in ≤ 10 s, a pair shaped like a 100B mixture of experts in ≤ 60 s reading ≤ 2 GiB, peak memory
/// ≤ 1 GiB. The checkpoints are sparse BF16 safetensors of full size (see <see cref="SparseCheckpoints"/>),
/// made once under <c>.cache/benchmarks</c> (or <c>TCLASS_BENCHMARK_CACHE</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class WeightsBenchmarks
{
    private string _root = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Environment.GetEnvironmentVariable("TCLASS_BENCHMARK_CACHE") is { Length: > 0 } cache ? cache : Path.Combine(Repo.Root, ".cache", "benchmarks");
        Checkpoints.Prepare(Path.Combine(_root, "7b"), SparseCheckpoints.Dense7B(), independent: false);
        Checkpoints.Prepare(Path.Combine(_root, "100b"), SparseCheckpoints.Moe100B(), independent: false);
    }

    /// <summary>A light fine-tune of a 7B dense model against its base.</summary>
    [Benchmark]
    public WeightLineageReport Dense7B() => Compare("7b");

    /// <summary>A light fine-tune of a 106B mixture of experts against its base.</summary>
    [Benchmark]
    public WeightLineageReport Moe100B() => Compare("100b");

    private WeightLineageReport Compare(string size) =>
        WeightLineage.Compare(Path.Combine(_root, size, "model"), [Path.Combine(_root, size, "reference")]).Report
        ?? throw new InvalidOperationException("the comparison failed");
}

/// <summary>Makes a sparse synthetic pair (model, reference) once, filled wherever the comparison reads.</summary>
internal static class Checkpoints
{
    public static void Prepare(string folder, IReadOnlyList<TensorSpec> specs, bool independent)
    {
        var done = Path.Combine(folder, "READY");
        if (File.Exists(done))
        {
            return;
        }

        var model = Path.Combine(folder, "model");
        var reference = Path.Combine(folder, "reference");
        SparseCheckpoints.Create(model, specs, 5L << 30);
        SparseCheckpoints.Create(reference, specs, 5L << 30);
        var rounds = SparseCheckpoints.FillWhereRead(model, reference, (file, tensor, element) =>
            file == model ? (independent ? SparseCheckpoints.Independent(tensor, element) : SparseCheckpoints.FineTune(tensor, element)) : SparseCheckpoints.Base(tensor, element));
        File.WriteAllText(done, $"filled in {rounds} rounds\n");
    }
}
