using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using TClass.Facts;
using TClass.Reports;
using TClass.Rules;
using TClass.Text;

namespace TClass.Audits;

/// <summary>A witness on which two rulesets disagree.</summary>
/// <param name="Facts">The witness: the facts it declares (everything else is unknown), as <c>path = value</c>.</param>
/// <param name="Source">The ruleset whose path the witness was built for.</param>
/// <param name="Path">That path: the conditions that make the rulesets differ.</param>
/// <param name="First">The levels the first ruleset gives.</param>
/// <param name="Second">The levels the second ruleset gives.</param>
public sealed record DiffEntry(ImmutableArray<string> Facts, string Source, RulePath Path, ImmutableArray<string> First, ImmutableArray<string> Second);

/// <summary>
/// Compares two rulesets on witnesses: for every root-to-leaf path of either tree, a minimal input
/// that satisfies the path (every other fact unknown) is classified under both, and the witnesses
/// whose levels differ are listed with the path's conditions.
/// </summary>
public static class RulesetDiff
{
    /// <summary>
    /// The witnesses on which <paramref name="first"/> and <paramref name="second"/> disagree, their
    /// paths' conditions in <paramref name="language"/>.
    /// </summary>
    public static ImmutableArray<DiffEntry> Compare(Ruleset first, Ruleset second, string country = "KR", Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = TClassifier.Create(new ClassifierOptions { Ruleset = first, Country = country });
        var b = TClassifier.Create(new ClassifierOptions { Ruleset = second, Country = country });
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<DiffEntry>();
        foreach (var ruleset in new[] { first, second })
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["country"] = country };
            foreach (var (leaf, index) in ruleset.Compiled.Leaves.Select((l, i) => (l, i)))
            {
                if (Witness(ruleset.Compiled, leaf, parameters) is not { } witness || !seen.Add(witness.Key))
                {
                    continue;
                }

                var left = a.Classify(witness, "witness").Candidates.Select(c => c.Id).ToImmutableArray();
                var right = b.Classify(witness, "witness").Candidates.Select(c => c.Id).ToImmutableArray();
                if (!left.SequenceEqual(right))
                {
                    entries.Add(new DiffEntry(witness.Lines, ruleset.Id, PathTable.Path(ruleset, leaf, index + 1, language), left, right));
                }
            }
        }

        return entries.ToImmutable();
    }

    /// <summary>The differences as Markdown, framed in <paramref name="language"/> (the entries' conditions are in the language they were compared in).</summary>
    public static string Render(Ruleset first, Ruleset second, ImmutableArray<DiffEntry> entries, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        string L(string key, params (string Key, string Value)[] values) => Placeholders.Fill(ReportText.Get(key, language), values);
        var text = new StringBuilder();
        text.Append("# ").Append(L("diff.title", ("first", first.Id), ("second", second.Id))).Append("\n\n");
        text.Append(L("diff.count", ("count", entries.Length.ToString(CultureInfo.InvariantCulture)))).Append('\n');
        foreach (var entry in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {string.Join(" | ", entry.First)} → {string.Join(" | ", entry.Second)}\n\n");
            text.Append("- ").Append(L("diff.path", ("number", entry.Path.Number.ToString(CultureInfo.InvariantCulture)), ("ruleset", entry.Source)))
                .Append(": ").Append(string.Join(ReportText.Get("cond.and", language), entry.Path.Conditions)).Append('\n');
            text.Append("- ").Append(L("diff.witness")).Append(CultureInfo.InvariantCulture, $": {string.Join("; ", entry.Facts)}\n");
            text.Append(CultureInfo.InvariantCulture, $"- {first.Id}: {string.Join(", ", entry.First)} · {second.Id}: {string.Join(", ", entry.Second)}\n");
        }

        return text.ToString();
    }

    /// <summary>The least input that satisfies every condition of <paramref name="leaf"/>'s path, or null if none does.</summary>
    private static WitnessFacts? Witness(CompiledRuleset ruleset, LeafPath leaf, IReadOnlyDictionary<string, string> parameters)
    {
        FactState[]? states = [.. ruleset.Facts.Select(f => f.Unknown)];
        foreach (var condition in leaf.Conditions)
        {
            states = Satisfy(condition.Condition, condition.Holds, states);
            if (states is null)
            {
                return null;
            }
        }

        var facts = new SortedDictionary<string, FactValue>(StringComparer.Ordinal);
        var records = new SortedDictionary<string, List<WitnessRecord>>(StringComparer.Ordinal);
        foreach (var fact in ruleset.Facts)
        {
            var state = states[fact.Index];
            if (state.Equals(fact.Unknown))
            {
                continue;
            }

            if (fact.Derive is { } derive)
            {
                var truth = fact.Symbols[BitOperations.TrailingZeroCount(state.Possible)] == "true";
                var list = records.TryGetValue(derive.Over, out var known) ? known : records[derive.Over] = [];
                if (derive.Quantifier == Quantifier.Value)
                {
                    facts[derive.Over] = new SymbolValue(Value(derive.Where[0], truth, parameters) ?? "(other)");
                    records.Remove(derive.Over);
                }
                else if (derive.Quantifier == Quantifier.All || truth == (derive.Quantifier == Quantifier.Any))
                {
                    // A record that matches (any/true, none/false, all/true) or breaks the first test (all/false);
                    // a fact that needs no matching record (any/false, none/true) adds none.
                    var record = new WitnessRecord();
                    var matches = derive.Quantifier != Quantifier.All || truth;
                    for (var i = 0; i < derive.Where.Length; i++)
                    {
                        var test = derive.Where[i];
                        if (Value(test, matches || i > 0, parameters) is { } value)
                        {
                            record.Fields[test.Field!] = value;
                        }
                    }

                    list.Add(record);
                }
            }
            else if (fact.Kind == CompiledFactKind.Enum)
            {
                var symbol = fact.Symbols[BitOperations.TrailingZeroCount(state.Possible)];
                facts[fact.Path] = fact.Declaration.Type == FactType.Bool ? BoolValue.Of(symbol == "true") : new SymbolValue(symbol);
            }
            else
            {
                var included = state.Clauses.Aggregate(state.Included, (mask, clause) =>
                    (clause & mask) != 0 ? mask : mask | (1UL << BitOperations.TrailingZeroCount(clause & ~state.Excluded)));
                facts[fact.Path] = new SymbolSetValue([.. fact.SymbolsOf(included)]);
            }
        }

        foreach (var (list, items) in records)
        {
            facts[list] = new RecordListValue([.. items]);
        }

        return new WitnessFacts(facts);
    }

    /// <summary>A value that passes <paramref name="test"/> (or fails it), or null for "leave the field absent".</summary>
    private static string? Value(FieldTest test, bool passes, IReadOnlyDictionary<string, string> parameters) => test.Negated
        ? (passes ? null : Resolve(test.Values[0], parameters))
        : (passes ? Resolve(test.Values[0], parameters) : "(other)");

    private static FactState[]? Satisfy(CompiledCondition condition, bool holds, FactState[] states)
    {
        switch (condition)
        {
            case Atom atom:
                var value = atom.Evaluate(states);
                return value == Tri.Unknown ? atom.Assume(states, holds) : value == (holds ? Tri.True : Tri.False) ? states : null;
            case NotCondition not:
                return Satisfy(not.Condition, !holds, states);
            case AllCondition all when holds:
                return all.Conditions.Aggregate<CompiledCondition, FactState[]?>(states, (s, c) => s is null ? null : Satisfy(c, true, s));
            case AnyCondition any when !holds:
                return any.Conditions.Aggregate<CompiledCondition, FactState[]?>(states, (s, c) => s is null ? null : Satisfy(c, false, s));
            case AllCondition all:
                return all.Conditions.Select(c => Satisfy(c, false, states)).FirstOrDefault(s => s is not null);
            case AnyCondition any:
                return any.Conditions.Select(c => Satisfy(c, true, states)).FirstOrDefault(s => s is not null);
            default:
                return null;
        }
    }

    private static string Resolve(string value, IReadOnlyDictionary<string, string> parameters) =>
        value.StartsWith('$') ? parameters.GetValueOrDefault(value[1..], value) : value;

    private sealed class WitnessRecord : IFactRecord
    {
        public SortedDictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

        public string Label => "{" + string.Join(", ", Fields.Select(f => f.Key + ": " + f.Value)) + "}";

        public string? Field(string name) => Fields.GetValueOrDefault(name);
    }

    private sealed class WitnessFacts(SortedDictionary<string, FactValue> facts) : IFactSource
    {
        public ImmutableArray<string> Lines { get; } = [.. facts.Select(f => f.Key + " = " + f.Value.Display)];

        public string Key => string.Join("\n", Lines);

        public FactValue? Read(string path) => facts.GetValueOrDefault(path);

        public string? Evidence(string path) => "witness";
    }
}
