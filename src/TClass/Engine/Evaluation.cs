using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using TClass.Facts;
using TClass.Rules;

namespace TClass.Engine;

/// <summary>The score of one axis: known when the facts decide one row, else the range of rows still possible.</summary>
internal readonly record struct AxisResult(int? Score, int Min, int Max, int Row);

/// <summary>The nearest higher outcome and the conditions of its best path that the facts do not meet.</summary>
internal sealed record NextChoice(int Outcome, LeafPath Leaf, ImmutableArray<PathCondition> Unmet);

/// <summary>
/// One evaluation of a compiled ruleset over one input: pure, allocation-light, and the source of
/// everything a classification reports.
/// </summary>
internal sealed class Evaluation
{
    private Evaluation(CompiledRuleset ruleset, IFactSource source, IReadOnlyDictionary<string, string> parameters, FactState[] states)
    {
        Ruleset = ruleset;
        Source = source;
        Parameters = parameters;
        States = states;
        Exploration = Explorer.Explore(ruleset, states);
        Candidates = Exploration.Outcomes;
        Outcome = BitOperations.PopCount(Candidates) == 1 ? Explorer.Lowest(Candidates) : -1;
        var scores = new AxisResult[ruleset.Axes.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Score(ruleset.Axes[i]);
        }

        Scores = ImmutableCollectionsMarshal.AsImmutableArray(scores);
        Missing = DecisiveUnknowns();
        Next = ChooseNext();
    }

    public CompiledRuleset Ruleset { get; }

    public IFactSource Source { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public FactState[] States { get; }

    public Exploration Exploration { get; }

    /// <summary>The outcomes still possible, as a bit mask over outcome ranks.</summary>
    public ulong Candidates { get; }

    /// <summary>The outcome's rank when the facts decide one, else -1.</summary>
    public int Outcome { get; }

    public ImmutableArray<AxisResult> Scores { get; }

    /// <summary>Unknown facts that would narrow the candidates, most decisive first.</summary>
    public ImmutableArray<CompiledFact> Missing { get; }

    public NextChoice? Next { get; }

    public static Evaluation Run(CompiledRuleset ruleset, IFactSource source, IReadOnlyDictionary<string, string> parameters) =>
        new(ruleset, source, parameters, StatesOf(ruleset, source, parameters));

    /// <summary>What the input says of every fact the ruleset reads; derived facts are computed here, once.</summary>
    private static FactState[] StatesOf(CompiledRuleset ruleset, IFactSource source, IReadOnlyDictionary<string, string> parameters)
    {
        var states = new FactState[ruleset.Facts.Length];
        List<(string Path, FactValue? Value)>? lists = null;
        FactValue? List(string path)
        {
            // Several derived facts read the same list (components, data.teachers): read it once.
            foreach (var (read, value) in lists ??= [])
            {
                if (read == path)
                {
                    return value;
                }
            }

            var list = source.Read(path);
            lists.Add((path, list));
            return list;
        }

        foreach (var fact in ruleset.Facts)
        {
            if (fact.Derive is { } derive)
            {
                var value = derive.Evaluate(List(derive.Over), parameters);
                states[fact.Index] = value is { } known ? fact.StateOf(BoolValue.Of(known)) : fact.Unknown;
            }
            else
            {
                states[fact.Index] = fact.StateOf(source.Read(fact.Path));
            }
        }

        return states;
    }

    /// <summary>The value a derived or declared fact has for this input, as a person reads it (null when unknown).</summary>
    public FactValue? ValueOf(CompiledFact fact)
    {
        if (fact.Derive is null)
        {
            return Source.Read(fact.Path);
        }

        var state = States[fact.Index];
        return state.IsDecided ? BoolValue.Of(fact.Symbols[BitOperations.TrailingZeroCount(state.Possible)] == "true") : null;
    }

    /// <summary>
    /// The score of an axis: the first row whose condition holds. A row the facts leave open is split
    /// on its first unknown fact, as the tree is, so the range is exactly the scores some input can get.
    /// </summary>
    private AxisResult Score(CompiledAxis axis)
    {
        var possible = 0UL;
        var decided = ScoreRows(axis, 0, States, ref possible);
        var min = Explorer.Lowest(possible);
        var max = Explorer.Highest(possible);
        return min == max ? new AxisResult(min, min, max, decided) : new AxisResult(null, min, max, -1);
    }

    /// <summary>
    /// Adds the scores reachable from row <paramref name="first"/> on; returns the row that gives it
    /// when no fact had to be assumed, else -1. The last row has no condition (a load-time check).
    /// </summary>
    private static int ScoreRows(CompiledAxis axis, int first, FactState[] states, ref ulong possible)
    {
        for (var row = first; ; row++)
        {
            if (axis.Conditions[row] is not { } condition)
            {
                possible |= 1UL << axis.Source.Rules[row].Score;
                return row;
            }

            switch (condition.Evaluate(states))
            {
                case Tri.True:
                    possible |= 1UL << axis.Source.Rules[row].Score;
                    return row;
                case Tri.Unknown:
                    var unknown = condition.FirstUnknown(states)!;
                    ScoreRows(axis, row, unknown.Assume(states, holds: true), ref possible);
                    ScoreRows(axis, row, unknown.Assume(states, holds: false), ref possible);
                    return -1;
            }
        }
    }

    /// <summary>
    /// The unknown facts whose values lead somewhere in the walk to different outcomes: declared,
    /// they would narrow the candidates, alone or together with another unknown fact (the
    /// distillation share with its teachers' origin). A fact whose values lead to the same outcomes
    /// at every split cannot narrow them, so a decided result has none. Ranked by the largest
    /// candidate set any of their values leaves (smaller first), then by the order asked.
    /// </summary>
    private ImmutableArray<CompiledFact> DecisiveUnknowns()
    {
        var asked = new List<CompiledFact>();
        var divides = new HashSet<CompiledFact>();
        CollectSplits(Exploration.Steps, asked, divides);
        var ranked = new List<(CompiledFact Fact, int Worst, int Order)>();
        for (var order = 0; order < asked.Count; order++)
        {
            var fact = asked[order];
            if (!divides.Contains(fact))
            {
                continue;
            }

            var worst = 0;
            foreach (var value in Ruleset.Representatives[fact.Index])
            {
                var states = (FactState[])States.Clone();
                states[fact.Index] = value;
                worst = Math.Max(worst, BitOperations.PopCount(Explorer.Explore(Ruleset, states).Outcomes));
            }

            ranked.Add((fact, worst, order));
        }

        return [.. ranked.OrderBy(r => r.Worst).ThenBy(r => r.Order).Select(r => r.Fact)];
    }

    private static void CollectSplits(ImmutableArray<TraceStep> steps, List<CompiledFact> asked, HashSet<CompiledFact> divides)
    {
        foreach (var step in steps)
        {
            if (step is SplitStep split)
            {
                if (!asked.Contains(split.Atom.Fact))
                {
                    asked.Add(split.Atom.Fact);
                }

                if (split.Scenarios.Any(s => s.Outcomes != split.Scenarios[0].Outcomes))
                {
                    divides.Add(split.Atom.Fact);
                }

                foreach (var scenario in split.Scenarios)
                {
                    CollectSplits(scenario.Steps, asked, divides);
                }
            }
        }
    }

    /// <summary>
    /// The nearest outcome above the result (above the highest candidate when undecided) and the
    /// fewest conditions that must change to reach it; among equals, the path that leaves the model's
    /// own walk latest. Conditions whose failure leads no lower than the target are no obstacle and
    /// are not counted. When a higher outcome needs nothing the nearest one does not, the model would
    /// land there, so the highest such outcome is the next step (among its paths, again the fewest
    /// changes, then the latest to leave the model's walk).
    /// </summary>
    private NextChoice? ChooseNext()
    {
        var current = Explorer.Highest(Candidates);
        LeafPath? nearest = null;
        foreach (var leaf in Ruleset.Leaves)
        {
            if (leaf.Outcome > current
                && (nearest is null || leaf.Outcome < nearest.Outcome || (leaf.Outcome == nearest.Outcome && Easier(leaf, nearest))))
            {
                nearest = leaf;
            }
        }

        if (nearest is null)
        {
            return null;
        }

        var chosen = Choice(nearest);
        LeafPath? jump = null;
        foreach (var leaf in Ruleset.Leaves)
        {
            if (leaf.Outcome > nearest.Outcome
                && (jump is null || leaf.Outcome > jump.Outcome || (leaf.Outcome == jump.Outcome && Easier(leaf, jump)))
                && NeedsNoMoreThan(leaf, chosen.Unmet))
            {
                jump = leaf;
            }
        }

        return jump is null ? chosen : Choice(jump);
    }

    /// <summary>Whether <paramref name="leaf"/> needs fewer changes than <paramref name="other"/>, or as many and leaves the model's walk later.</summary>
    private bool Easier(LeafPath leaf, LeafPath other)
    {
        var (changes, otherChanges) = (CountUnmet(leaf), CountUnmet(other));
        return changes < otherChanges || (changes == otherChanges && SharedPrefix(leaf) > SharedPrefix(other));
    }

    /// <summary>Whether every condition the facts do not meet on the way to <paramref name="leaf"/> is one of <paramref name="changes"/>.</summary>
    private bool NeedsNoMoreThan(LeafPath leaf, ImmutableArray<PathCondition> changes)
    {
        foreach (var condition in leaf.Conditions)
        {
            if (Unmet(condition, leaf) && !changes.Any(c => c.Node == condition.Node && c.Branch == condition.Branch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many of the leaf's first conditions are the branches this model's own walk took.</summary>
    private int SharedPrefix(LeafPath leaf) =>
        Exploration.Steps.Zip(leaf.Conditions)
            .TakeWhile(pair => pair.First is AnsweredStep answered && answered.Node == pair.Second.Node && answered.Branch == pair.Second.Branch)
            .Count();

    /// <summary>Whether the facts fail (or do not yet meet) a condition that stands between them and the leaf.</summary>
    private bool Unmet(PathCondition condition, LeafPath leaf) =>
        condition.AlternativeFloor < leaf.Outcome && condition.Condition.Evaluate(States) != (condition.Holds ? Tri.True : Tri.False);

    private int CountUnmet(LeafPath leaf)
    {
        var count = 0;
        foreach (var condition in leaf.Conditions)
        {
            count += Unmet(condition, leaf) ? 1 : 0;
        }

        return count;
    }

    private NextChoice Choice(LeafPath leaf)
    {
        var unmet = ImmutableArray.CreateBuilder<PathCondition>(CountUnmet(leaf));
        foreach (var condition in leaf.Conditions)
        {
            if (Unmet(condition, leaf))
            {
                unmet.Add(condition);
            }
        }

        return new NextChoice(leaf.Outcome, leaf, unmet.MoveToImmutable());
    }
}
