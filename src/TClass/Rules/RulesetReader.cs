using System.Security.Cryptography;
using System.Text;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Facts;
using TClass.Resources;

namespace TClass.Rules;

/// <summary>
/// Loads rulesets: YAML validated against <c>rules/schema/ruleset.schema.json</c>, then every
/// load-time check (see docs/rule-language.md), then compiled. Never throws for a user's mistake.
/// </summary>
public static class RulesetReader
{
    private static readonly Lazy<SchemaValidation> Schema =
        new(() => SchemaValidation.Precompiled(EmbeddedRules.Text("schema/ruleset.program.json")));

    /// <summary>Loads the ruleset in the file at <paramref name="path"/>, bound against <paramref name="input"/>.</summary>
    /// <param name="path">The ruleset file.</param>
    /// <param name="input">The facts the input format provides (manifest format 1: <c>ManifestFacts.Schema</c>).</param>
    public static RulesetReadResult Read(string path, FactSchema input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diagnostics = new DiagnosticBag(path);
        var bytes = DocumentReader.Load(path, diagnostics, DocumentLimits.Default,
            "Check the path, or use the id of a built-in ruleset (tclass rules list).");
        var text = bytes is null ? null : DocumentReader.Decode(bytes, diagnostics, DocumentLimits.Default);
        return text is null ? new RulesetReadResult(path, null, diagnostics.ToImmutableSorted()) : Load(text, diagnostics, input);
    }

    /// <summary>Loads a ruleset from <paramref name="text"/>, bound against <paramref name="input"/>.</summary>
    /// <param name="text">The ruleset YAML.</param>
    /// <param name="input">The facts the input format provides (manifest format 1: <c>ManifestFacts.Schema</c>).</param>
    /// <param name="name">How diagnostics name the input.</param>
    public static RulesetReadResult Parse(string text, FactSchema input, string name = "<text>")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(text);
        return Load(text, new DiagnosticBag(name), input);
    }

    /// <summary>
    /// Loads a ruleset embedded in the library: parsed and bound only. The load-time checks (schema,
    /// lint, reachable outcomes) are skipped: the same bytes pass the full reader with no diagnostic
    /// in the test suite, and checking them again would cost every process start.
    /// </summary>
    internal static RulesetReadResult ParseEmbedded(string relativePath)
    {
        var diagnostics = new DiagnosticBag("rules/" + relativePath);
        return Load(DocumentReader.ReadBuiltIn(relativePath, diagnostics), EmbeddedRules.Text(relativePath), diagnostics, input: null);
    }

    private static RulesetReadResult Load(string text, DiagnosticBag diagnostics, FactSchema? input) =>
        Load(DocumentReader.Read(text, diagnostics, DocumentLimits.Default), text, diagnostics, input);

    /// <summary>Checks and binds the ruleset <paramref name="root"/>, read from <paramref name="text"/> (its digest).</summary>
    private static RulesetReadResult Load(DocumentNode? root, string text, DiagnosticBag diagnostics, FactSchema? input)
    {
        if (root is not MappingNode mapping)
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.Error("not-a-mapping", root?.Position ?? new SourcePosition(1, 1), "",
                    "a ruleset must be a mapping of keys to values (ruleset, id, outcomes, facts, nodes, …).", "See docs/rule-language.md.");
            }

            return new RulesetReadResult(diagnostics.File, null, diagnostics.ToImmutableSorted());
        }

        if (input is not null)
        {
            Schema.Value.Validate(mapping, diagnostics);
        }

        if (diagnostics.HasErrors)
        {
            return new RulesetReadResult(diagnostics.File, null, diagnostics.ToImmutableSorted());
        }

        var binder = new RulesetBinder();
        var ruleset = binder.Bind(mapping, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        if (input is null)
        {
            return new RulesetReadResult(diagnostics.File, ruleset, diagnostics.ToImmutableSorted());
        }

        new RulesetLinter(ruleset, binder, input, diagnostics).Check();
        if (diagnostics.HasErrors)
        {
            return new RulesetReadResult(diagnostics.File, null, diagnostics.ToImmutableSorted());
        }

        CheckOutcomesReachable(ruleset, ruleset.Compiled, binder, diagnostics);
        return new RulesetReadResult(diagnostics.File, diagnostics.HasErrors ? null : ruleset, diagnostics.ToImmutableSorted());
    }

    /// <summary>
    /// Explores the tree with every fact unknown: the outcomes reached are exactly those some input
    /// can reach. A declared outcome outside them can never be a result.
    /// </summary>
    private static void CheckOutcomesReachable(Ruleset ruleset, CompiledRuleset compiled, RulesetBinder binder, DiagnosticBag diagnostics)
    {
        var unknown = compiled.Facts.Select(f => f.Unknown).ToArray();
        var reachable = Explorer.Explore(compiled, unknown).Outcomes;
        foreach (var outcome in ruleset.Outcomes.Where(o => (reachable & (1UL << o.Rank)) == 0))
        {
            diagnostics.Error("unreachable-outcome", binder.PositionOf(outcome), "outcomes." + outcome.Id,
                $"no input can reach the outcome '{outcome.Id}': no leaf names it, or the conditions on the way to its leaves contradict each other.",
                "Lead a reachable branch to it, or remove it.");
        }
    }
}
