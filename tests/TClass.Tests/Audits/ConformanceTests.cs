using TClass.Manifests;
using TClass.Audits;
using TClass.Rules;
using TClass.Tests.Cli;

namespace TClass.Tests.Audits;

/// <summary>The conformance suites (tests/conformance) hold for the built-in rulesets and cover every branch of both.</summary>
[Collection(CliCollection.Name)]
public class ConformanceTests
{
    private static readonly string[] Suites = Directory.GetFiles(Path.Combine(TestData.RepoRoot, "tests", "conformance"), "*.yaml").Order(StringComparer.Ordinal).ToArray();

    private static List<CaseResult> RunAll() =>
        [.. Suites.SelectMany(path => ConformanceRunner.Run(ConformanceReader.Read(path).Suite!))];

    [Fact]
    public void Every_suite_reads()
    {
        Assert.NotEmpty(Suites);
        Assert.All(Suites, path => Assert.Empty(ConformanceReader.Read(path).Diagnostics));
    }

    [Fact]
    public void Every_case_passes_under_every_ruleset_it_names()
    {
        var failures = RunAll().Where(r => r.Status != CaseStatus.Pass).Select(r => $"{r.Status} {r.Ruleset}: {r.Case.Name} — {r.Message}").ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(BuiltInRulesets.Reference)]
    [InlineData(BuiltInRulesets.Strict)]
    [InlineData("msit-independent-fm")]
    public void The_suites_cover_every_branch_of_the_built_in_rulesets(string id)
    {
        var ruleset = BuiltInRulesets.Get(id);
        var report = Coverage.Measure(ruleset, RunAll().Where(r => r.Ruleset == id).Select(r => r.Result!));

        Assert.True(report.Covered == report.Total, "uncovered:\n" + string.Join("\n", report.Uncovered.Select(b => $"{b.Node}: {b.Label}")));
    }

    [Fact]
    public void A_ruleset_that_breaks_a_statement_fails_the_suite()
    {
        // Partial reuse to T4-1 would contradict the standard: the suite must catch it.
        var broken = RulesetReader.Parse(BuiltInRulesets.Text(BuiltInRulesets.Reference).Replace(
            "    then:\n      outcome: T3\n      reason:\n        en: \"The main weights were trained from scratch",
            "    then:\n      outcome: T4-1\n      reason:\n        en: \"The main weights were trained from scratch", StringComparison.Ordinal), ManifestFacts.Schema, "broken.yaml").Ruleset!;
        var suite = ConformanceReader.Read(Path.Combine(TestData.RepoRoot, "tests", "conformance", "tclass-2.0.yaml")).Suite!;

        var results = ConformanceRunner.Run(suite, only: broken);

        Assert.Contains(results, r => r.Status == CaseStatus.Fail && r.Case.Name.StartsWith("partial reuse", StringComparison.Ordinal) && r.Message.Contains("tier T4-1, expected T3", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_test_reports_each_case_and_fails_on_a_failure()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-broken-" + Guid.NewGuid().ToString("N") + ".yaml");
        // T0 and T1 swapped: every outcome is still reachable, so the ruleset loads, but two statements break.
        File.WriteAllText(file, BuiltInRulesets.Text(BuiltInRulesets.Reference)
            .Replace("      - values: [api]\n        outcome: T0", "      - values: [api]\n        outcome: T1", StringComparison.Ordinal)
            .Replace("      - values: [closed-finetune]\n        outcome: T1", "      - values: [closed-finetune]\n        outcome: T0", StringComparison.Ordinal));
        try
        {
            var ok = CliRun.Of("rules test tests/conformance/tclass-2.0.yaml");
            var bad = CliRun.Of(["rules", "test", "tests/conformance/tclass-2.0.yaml", "--rules", file]);

            Assert.Equal(0, ok.Exit);
            Assert.Contains("PASS  tclass-2.0: T0 — a developer that calls a vendor's hosted model holds no model", ok.Out, StringComparison.Ordinal);
            Assert.Equal(1, bad.Exit);
            Assert.Contains("FAIL  tclass-2.0: T1 — fine-tuning a closed model", bad.Out, StringComparison.Ordinal);
            Assert.Contains("tier T0, expected T1", bad.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Rules_test_refuses_an_empty_suite()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-empty-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, "suite: 1\nname: empty\ncases: []\n");
        try
        {
            var run = CliRun.Of(["rules", "test", file]);

            Assert.Equal(2, run.Exit);
            Assert.Contains("cases: the list needs at least 1 item(s).", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_invalid_inline_manifest_is_an_error_that_points_into_the_suite()
    {
        var file = Path.Combine(Path.GetTempPath(), "tclass-suite-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, "suite: 1\nname: s\ncases:\n  - name: typo\n    manifest: { tclass: 1, model: { id: t/m }, weights: { origin: scrach } }\n    expect: { tier: T4-1 }\n");
        try
        {
            var result = Assert.Single(ConformanceRunner.Run(ConformanceReader.Read(file).Suite!));

            Assert.Equal(CaseStatus.Error, result.Status);
            Assert.Contains(":5:", result.Message, StringComparison.Ordinal);
            Assert.Contains("weights.origin: 'scrach'", result.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
