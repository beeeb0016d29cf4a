using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Manifests;

namespace TClass.Audits;

/// <summary>What a conformance case expects of a classification. Unset parts are not checked.</summary>
/// <param name="Outcome">The level, or <see langword="null"/> for an undecided result (when <paramref name="ChecksOutcome"/>).</param>
/// <param name="ChecksOutcome">Whether the tier is checked.</param>
/// <param name="Candidates">The levels still possible, in order, if checked.</param>
/// <param name="Missing">The missing facts, most decisive first, if checked.</param>
/// <param name="Notes">The ids of the ruleset notes the result carries, if checked.</param>
public sealed record Expectation(string? Outcome, bool ChecksOutcome, ImmutableArray<string>? Candidates, ImmutableArray<string>? Missing, ImmutableArray<string>? Notes = null);

/// <summary>One named case of a conformance suite.</summary>
/// <param name="Name">What the case shows.</param>
/// <param name="Statement">The statement of the standard or format it checks.</param>
/// <param name="Rulesets">The rulesets it runs against.</param>
/// <param name="Country">The evaluation country, if not the default.</param>
/// <param name="Manifest">The manifest, as read (with its diagnostics when it is invalid).</param>
/// <param name="Expect">The expected result.</param>
/// <param name="ExpectByRuleset">Expectations that differ for a given ruleset id.</param>
/// <param name="Position">Where the case is written.</param>
public sealed record ConformanceCase(
    string Name, string? Statement, ImmutableArray<string> Rulesets, string? Country, ManifestReadResult Manifest,
    Expectation Expect, ImmutableDictionary<string, Expectation> ExpectByRuleset, SourcePosition Position)
{
    /// <summary>The expectation for the ruleset with <paramref name="rulesetId"/>.</summary>
    public Expectation ExpectFor(string rulesetId) => ExpectByRuleset.GetValueOrDefault(rulesetId, Expect);
}

/// <summary>A conformance suite: named cases stating what rulesets must decide (like a policy's unit tests).</summary>
/// <param name="File">The suite's file.</param>
/// <param name="Name">The suite's name.</param>
/// <param name="Cases">Its cases, in order.</param>
public sealed record ConformanceSuite(string File, string Name, ImmutableArray<ConformanceCase> Cases);
