namespace TClass.Benchmarks;

/// <summary>Finds the repository's files from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Example(string name) => Path.Combine(Root, "docs", "examples", name);

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TClass.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
