using TClass.Manifests;
using TClass.Rules;

namespace TClass.Tests;

/// <summary>Shared helpers: the repository's files, and manifests written inline in tests.</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string ExamplesDir => Path.Combine(RepoRoot, "docs", "examples");

    public static string Example(string name) => Path.Combine(ExamplesDir, name);

    public static Ruleset Reference => BuiltInRulesets.Get(BuiltInRulesets.Reference);

    public static Ruleset Strict => BuiltInRulesets.Get(BuiltInRulesets.Strict);

    /// <summary>Reads an inline YAML manifest that must be valid.</summary>
    public static Manifest Manifest(string yaml)
    {
        var read = ManifestReader.Parse(yaml, "test.yaml");
        Assert.True(read.Succeeded, "the test manifest is invalid:\n" + string.Join("\n", read.Diagnostics));
        return read.Manifest!;
    }

    /// <summary>Classifies an inline YAML manifest.</summary>
    public static Classification Classify(string yaml, Ruleset? ruleset = null, string? country = null) =>
        TClassifier.Create(new ClassifierOptions { Ruleset = ruleset, Country = country }).Classify(Manifest(yaml));

    /// <summary>The candidate levels of a classification, as ids.</summary>
    public static string[] Candidates(this Classification result) => [.. result.Candidates.Select(c => c.Id)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TClass.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TClass.sln not found above " + AppContext.BaseDirectory);
    }
}
