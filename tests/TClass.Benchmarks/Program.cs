using BenchmarkDotNet.Running;
using TClass.Benchmarks;

// `checkpoints <folder> 7b|100b [independent]` makes a sparse synthetic pair for a whole-process run
// of `tclass weights` (docs/weights.md); anything else runs BenchmarkDotNet.
if (args is ["checkpoints", var folder, var size, .. var rest])
{
    var specs = size == "100b" ? SparseCheckpoints.Moe100B() : SparseCheckpoints.Dense7B();
    Checkpoints.Prepare(Path.GetFullPath(folder), specs, independent: rest is ["independent"]);
    Console.WriteLine($"{folder}: model and reference ready ({specs.Sum(s => s.Elements) / 1e9:0.0}B parameters each)");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ClassifyBenchmarks).Assembly).Run(args);
