using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics;

namespace TClass.Rules;

/// <summary>A branch resolved to indices: to a node, or to an outcome (a leaf).</summary>
internal sealed record CompiledBranch(Branch Source, int NextNode, int Outcome)
{
    /// <summary>The next node of a leaf, the outcome of a branch to a node.</summary>
    public const int None = -1;

    public bool IsLeaf => Outcome != None;
}

/// <summary>A node resolved to indices, with what it reads and where each answer leads.</summary>
internal sealed class CompiledNode(int index, RuleNode source, CompiledFact? switchFact, ImmutableArray<ulong> caseMasks,
    CompiledCondition? condition, ImmutableArray<CompiledBranch> branches)
{
    public int Index { get; } = index;

    public RuleNode Source { get; } = source;

    /// <summary>For a switch: the fact switched on.</summary>
    public CompiledFact? SwitchFact { get; } = switchFact;

    /// <summary>For a switch: the values leading to each branch (the default's mask is what no case lists).</summary>
    public ImmutableArray<ulong> CaseMasks { get; } = caseMasks;

    /// <summary>For a condition node: its condition.</summary>
    public CompiledCondition? Condition { get; } = condition;

    /// <summary>Switch: the cases, then the default. Condition: then, else.</summary>
    public ImmutableArray<CompiledBranch> Branches { get; } = branches;

    /// <summary>The facts the node reads, in the order written.</summary>
    public ImmutableArray<CompiledFact> FactsRead { get; } = switchFact is not null
        ? [switchFact]
        : [.. condition!.Atoms.Select(a => a.Fact).Distinct()];

    /// <summary><see cref="FactsRead"/> as a bit mask over fact indices.</summary>
    public ulong FactsReadMask => FactsRead.Aggregate(0UL, (mask, f) => mask | (1UL << f.Index));
}

/// <summary>
/// One condition on the way from the root to a leaf: the branch <paramref name="Branch"/> of node
/// <paramref name="Node"/>. <paramref name="AlternativeFloor"/> is the lowest outcome the node's other
/// branches can lead to: when it is not below the leaf's outcome, missing this condition is no
/// obstacle to reaching that level.
/// </summary>
internal readonly record struct PathCondition(int Node, int Branch, CompiledCondition Condition, bool Holds, int AlternativeFloor);

/// <summary>A root-to-leaf path: every condition that leads to the outcome.</summary>
internal sealed record LeafPath(int Outcome, int Node, int Branch, ImmutableArray<PathCondition> Conditions);

/// <summary>A score table with compiled conditions (null = otherwise).</summary>
internal sealed record CompiledAxis(ScoreAxis Source, ImmutableArray<CompiledCondition?> Conditions);

/// <summary>
/// A ruleset in the form the engine evaluates: facts numbered, values as bits, node references as
/// indices, and every root-to-leaf path listed for next-level advice. Built once per ruleset.
/// </summary>
internal sealed class CompiledRuleset
{
    private CompiledRuleset(Ruleset source, ImmutableArray<CompiledFact> facts, ImmutableArray<CompiledNode> nodes, int root,
        ImmutableArray<CompiledAxis> axes, ImmutableArray<(RulesetNote Source, CompiledCondition When)> notes)
    {
        Notes = notes;
        Source = source;
        Facts = facts;
        FactsByPath = facts.ToFrozenDictionary(f => f.Path, StringComparer.Ordinal);
        Nodes = nodes;
        Root = root;
        Axes = axes;
        Leaves = EnumerateLeaves();
        Representatives = [.. facts.Select(RepresentativeValues)];
    }

    public Ruleset Source { get; }

    public ImmutableArray<CompiledFact> Facts { get; }

    public FrozenDictionary<string, CompiledFact> FactsByPath { get; }

    public ImmutableArray<CompiledNode> Nodes { get; }

    public int Root { get; }

    public ImmutableArray<CompiledAxis> Axes { get; }

    /// <summary>The ruleset's notes with their conditions compiled.</summary>
    public ImmutableArray<(RulesetNote Source, CompiledCondition When)> Notes { get; }

    public ImmutableArray<LeafPath> Leaves { get; }

    /// <summary>
    /// For each fact, values that between them give every answer any atom of the tree can give:
    /// each enum value; for a set, one subset per combination of the classes of values that the
    /// ruleset's atoms cannot tell apart. Used to find which unknown facts would decide a result.
    /// </summary>
    public ImmutableArray<ImmutableArray<FactState>> Representatives { get; }

    /// <summary>Compiles a ruleset that passed the load-time checks.</summary>
    public static CompiledRuleset Compile(Ruleset ruleset)
    {
        var facts = ruleset.Facts
            .Select((f, i) => new CompiledFact(i, f, f.Derive is { } d ? new CompiledDerivation(d.Quantifier, d.Over, d.Where) : null))
            .ToImmutableArray();
        var factsByPath = facts.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var nodeIndex = ruleset.Nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var outcomeIndex = ruleset.Outcomes.ToDictionary(o => o.Id, o => o.Rank, StringComparer.Ordinal);

        CompiledBranch Resolve(Branch branch) => branch.Target switch
        {
            GoTo go => new CompiledBranch(branch, nodeIndex[go.Node], CompiledBranch.None),
            Conclude leaf => new CompiledBranch(branch, CompiledBranch.None, outcomeIndex[leaf.Outcome]),
            _ => throw new UnreachableException(),
        };

        var nodes = ruleset.Nodes.Select((node, i) =>
        {
            switch (node)
            {
                case SwitchNode s:
                    var fact = factsByPath[s.Fact];
                    var masks = s.Cases.Select(c => fact.Mask(c.Values)).ToList();
                    var branches = s.Cases.Select(c => Resolve(c.Branch)).ToList();
                    if (s.Default is { } fallback)
                    {
                        masks.Add(fact.Universe & ~masks.Aggregate(0UL, (a, m) => a | m));
                        branches.Add(Resolve(fallback));
                    }

                    return new CompiledNode(i, node, fact, [.. masks], null, [.. branches]);
                case ConditionNode c:
                    return new CompiledNode(i, node, null, [], CompileCondition(c.If, factsByPath), [Resolve(c.Then), Resolve(c.Else)]);
                default:
                    throw new UnreachableException();
            }
        }).ToImmutableArray();

        var axes = ruleset.Axes
            .Select(a => new CompiledAxis(a, [.. a.Rules.Select(r => r.If is null ? null : CompileCondition(r.If, factsByPath))]))
            .ToImmutableArray();
        var notes = ruleset.Notes.Select(n => (n, CompileCondition(n.When, factsByPath))).ToImmutableArray();
        return new CompiledRuleset(ruleset, facts, nodes, nodeIndex[ruleset.Root], axes, notes);
    }

    /// <summary>Compiles one condition; every fact and value in it was checked at load time.</summary>
    public static CompiledCondition CompileCondition(Condition condition, IReadOnlyDictionary<string, CompiledFact> facts) => condition switch
    {
        FactTest test => CompileTest(test, facts[test.Fact]),
        AllOf all => new AllCondition([.. all.Conditions.Select(c => CompileCondition(c, facts))]),
        AnyOf any => new AnyCondition([.. any.Conditions.Select(c => CompileCondition(c, facts))]),
        Not not => new NotCondition(CompileCondition(not.Condition, facts)),
        _ => throw new UnreachableException(),
    };

    private static CompiledCondition CompileTest(FactTest test, CompiledFact fact) => test.Operator switch
    {
        TestOperator.Is or TestOperator.In => new Atom(fact, AtomKind.In, fact.Mask(test.Values)),
        TestOperator.Contains or TestOperator.Intersects => new Atom(fact, AtomKind.Intersects, fact.Mask(test.Values)),
        TestOperator.NotEmpty => new Atom(fact, AtomKind.Intersects, fact.Universe),
        TestOperator.Empty => new NotCondition(new Atom(fact, AtomKind.Intersects, fact.Universe)),
        _ => throw new UnreachableException(),
    };

    private ImmutableArray<FactState> RepresentativeValues(CompiledFact fact)
    {
        if (fact.Kind == CompiledFactKind.Enum)
        {
            return [.. Enumerable.Range(0, fact.Symbols.Length).Select(i => FactState.Enum(1UL << i))];
        }

        var masks = Nodes.Where(n => n.Condition is not null).SelectMany(n => n.Condition!.Atoms)
            .Where(a => a.Fact == fact)
            .Select(a => a.Mask)
            .Distinct()
            .ToList();
        var classes = Enumerable.Range(0, fact.Symbols.Length)
            .GroupBy(bit => masks.Aggregate(0UL, (signature, m) => (signature << 1) | ((m >> bit) & 1)))
            .Select(g => 1UL << g.First())
            .Take(10)
            .ToList();
        return [.. Enumerable.Range(0, 1 << classes.Count).Select(choice =>
        {
            var included = classes.Where((_, i) => (choice & (1 << i)) != 0).Aggregate(0UL, (a, m) => a | m);
            return FactState.ExactSet(included);
        })];
    }

    /// <summary>The lowest outcome a branch can lead to, whatever the facts.</summary>
    private int Floor(CompiledBranch branch) =>
        branch.IsLeaf ? branch.Outcome : Nodes[branch.NextNode].Branches.Min(Floor);

    /// <summary>Every root-to-leaf path (the load-time check forbids cycles, so there are finitely many).</summary>
    private ImmutableArray<LeafPath> EnumerateLeaves()
    {
        var leaves = ImmutableArray.CreateBuilder<LeafPath>();
        var stack = new List<PathCondition>();

        void Visit(int nodeIndex)
        {
            var node = Nodes[nodeIndex];
            for (var b = 0; b < node.Branches.Length; b++)
            {
                var floor = Enumerable.Range(0, node.Branches.Length).Where(other => other != b)
                    .Select(other => Floor(node.Branches[other])).DefaultIfEmpty(int.MaxValue).Min();
                var condition = node.SwitchFact is { } fact
                    ? new PathCondition(nodeIndex, b, new Atom(fact, AtomKind.In, node.CaseMasks[b]), true, floor)
                    : new PathCondition(nodeIndex, b, node.Condition!, b == 0, floor);
                stack.Add(condition);
                var branch = node.Branches[b];
                if (branch.IsLeaf)
                {
                    leaves.Add(new LeafPath(branch.Outcome, nodeIndex, b, [.. stack]));
                }
                else
                {
                    Visit(branch.NextNode);
                }

                stack.RemoveAt(stack.Count - 1);
            }
        }

        Visit(Root);
        return leaves.ToImmutable();
    }
}
