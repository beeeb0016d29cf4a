using System.Collections.Immutable;
using TClass.Rules;

namespace TClass.Audits;

/// <summary>How a case ended.</summary>
public enum CaseStatus
{
    /// <summary>The ruleset decided what the case expects.</summary>
    Pass,

    /// <summary>The ruleset decided something else.</summary>
    Fail,

    /// <summary>The case could not run: its manifest is invalid, or its ruleset cannot be found.</summary>
    Error,
}

/// <summary>One case run against one ruleset.</summary>
/// <param name="Case">The case.</param>
/// <param name="Ruleset">The ruleset id.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Message">What differed, or why it could not run; empty on a pass.</param>
/// <param name="Result">The classification, when the case ran.</param>
public sealed record CaseResult(ConformanceCase Case, string Ruleset, CaseStatus Status, string Message, Classification? Result);

/// <summary>Runs conformance suites, like <c>opa test</c> runs policy tests.</summary>
public static class ConformanceRunner
{
    /// <summary>
    /// Runs every case of <paramref name="suite"/> against its rulesets, or against
    /// <paramref name="only"/> when given (a user checking an edited ruleset).
    /// </summary>
    /// <param name="suite">The suite.</param>
    /// <param name="resolve">Finds a ruleset by id (built-in ids by default).</param>
    /// <param name="only">A ruleset to use for every case instead of the ones the cases name.</param>
    public static ImmutableArray<CaseResult> Run(ConformanceSuite suite, Func<string, Ruleset?>? resolve = null, Ruleset? only = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        resolve ??= BuiltInRulesets.Find;
        var results = ImmutableArray.CreateBuilder<CaseResult>();
        foreach (var @case in suite.Cases)
        {
            var rulesets = only is not null ? [only.Id] : @case.Rulesets.IsEmpty ? [BuiltInRulesets.Reference] : @case.Rulesets;
            foreach (var id in rulesets)
            {
                var ruleset = only ?? resolve(id);
                results.Add(RunCase(@case, id, ruleset));
            }
        }

        return results.ToImmutable();
    }

    private static CaseResult RunCase(ConformanceCase @case, string id, Ruleset? ruleset)
    {
        if (ruleset is null)
        {
            return new CaseResult(@case, id, CaseStatus.Error, $"no ruleset '{id}'", null);
        }

        if (@case.Manifest.Manifest is not { } manifest)
        {
            return new CaseResult(@case, id, CaseStatus.Error,
                "invalid manifest: " + string.Join("; ", @case.Manifest.Errors.Select(e => e.ToString())), null);
        }

        var result = TClassifier.Create(new ClassifierOptions { Ruleset = ruleset, Country = @case.Country }).Classify(manifest);
        var expect = @case.ExpectFor(id);
        var problems = new List<string>();
        if (expect.ChecksOutcome && result.Outcome?.Id != expect.Outcome)
        {
            problems.Add($"tier {Show(result.Outcome?.Id)}, expected {Show(expect.Outcome)}");
        }

        var candidates = result.Candidates.Select(c => c.Id).ToImmutableArray();
        if (expect.Candidates is { } expectedCandidates && !candidates.SequenceEqual(expectedCandidates))
        {
            problems.Add($"candidates [{string.Join(", ", candidates)}], expected [{string.Join(", ", expectedCandidates)}]");
        }

        if (expect.Missing is { } expectedMissing && !result.Missing.SequenceEqual(expectedMissing))
        {
            problems.Add($"missing [{string.Join(", ", result.Missing)}], expected [{string.Join(", ", expectedMissing)}]");
        }

        var notes = result.Notes.Select(n => n.Id).ToImmutableArray();
        if (expect.Notes is { } expectedNotes && !notes.SequenceEqual(expectedNotes))
        {
            problems.Add($"notes [{string.Join(", ", notes)}], expected [{string.Join(", ", expectedNotes)}]");
        }

        return new CaseResult(@case, id, problems.Count == 0 ? CaseStatus.Pass : CaseStatus.Fail, string.Join("; ", problems), result);
    }

    private static string Show(string? tier) => tier ?? "undecided";
}
