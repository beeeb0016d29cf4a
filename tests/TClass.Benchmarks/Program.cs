using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TClass.Benchmarks.ClassifyBenchmarks).Assembly).Run(args);
