using System.Collections.Immutable;
using System.Numerics;

namespace TClass.Rules;

/// <summary>
/// Walks the decision tree. A question whose facts are known is answered; a question whose facts
/// are not is split on the first unknown fact, and every possible answer is explored under that
/// assumption, so later questions about the same fact stay consistent with it. The outcomes of all
/// scenarios together are exactly the levels still possible. Nothing is ever guessed.
/// </summary>
internal static class Explorer
{
    public static Exploration Explore(CompiledRuleset ruleset, FactState[] states) => Walk(ruleset, ruleset.Root, states);

    private static Exploration Walk(CompiledRuleset ruleset, int nodeIndex, FactState[] states)
    {
        var steps = ImmutableArray.CreateBuilder<TraceStep>();
        while (true)
        {
            var node = ruleset.Nodes[nodeIndex];
            var branch = Answer(node, states);
            if (branch < 0)
            {
                var split = Split(ruleset, node, states);
                steps.Add(split);
                var outcomes = split.Scenarios.Aggregate(0UL, (mask, s) => mask | s.Outcomes);
                return new Exploration(steps.ToImmutable(), outcomes);
            }

            steps.Add(new AnsweredStep(nodeIndex, branch));
            var target = node.Branches[branch];
            if (target.IsLeaf)
            {
                return new Exploration(steps.ToImmutable(), 1UL << target.Outcome);
            }

            nodeIndex = target.NextNode;
        }
    }

    /// <summary>The branch the facts decide, or -1 when they do not.</summary>
    private static int Answer(CompiledNode node, FactState[] states)
    {
        if (node.SwitchFact is { } fact)
        {
            var possible = states[fact.Index].Possible;
            var found = -1;
            for (var b = 0; b < node.CaseMasks.Length; b++)
            {
                if ((node.CaseMasks[b] & possible) != 0)
                {
                    if (found >= 0)
                    {
                        return -1;
                    }

                    found = b;
                }
            }

            return found;
        }

        return node.Condition!.Evaluate(states) switch
        {
            Tri.True => 0,
            Tri.False => 1,
            _ => -1,
        };
    }

    private static SplitStep Split(CompiledRuleset ruleset, CompiledNode node, FactState[] states)
    {
        if (node.SwitchFact is { } fact)
        {
            var possible = states[fact.Index].Possible;
            var scenarios = ImmutableArray.CreateBuilder<Scenario>();
            for (var b = 0; b < node.CaseMasks.Length; b++)
            {
                var mask = node.CaseMasks[b] & possible;
                if (mask != 0)
                {
                    var atom = new Atom(fact, AtomKind.In, mask);
                    var walk = Walk(ruleset, node.Index, atom.Assume(states, holds: true));
                    scenarios.Add(new Scenario(atom, true, walk.Steps, walk.Outcomes));
                }
            }

            return new SplitStep(node.Index, new Atom(fact, AtomKind.In, possible), scenarios.ToImmutable());
        }

        var unknown = node.Condition!.FirstUnknown(states)!;
        var holds = Walk(ruleset, node.Index, unknown.Assume(states, holds: true));
        var fails = Walk(ruleset, node.Index, unknown.Assume(states, holds: false));
        return new SplitStep(node.Index, unknown,
            [new Scenario(unknown, true, holds.Steps, holds.Outcomes), new Scenario(unknown, false, fails.Steps, fails.Outcomes)]);
    }

    /// <summary>The lowest outcome in <paramref name="outcomes"/>.</summary>
    public static int Lowest(ulong outcomes) => BitOperations.TrailingZeroCount(outcomes);

    /// <summary>The highest outcome in <paramref name="outcomes"/>.</summary>
    public static int Highest(ulong outcomes) => 63 - BitOperations.LeadingZeroCount(outcomes);
}
