using System.Globalization;
using System.Collections.Immutable;
using System.Text;
using CsCheck;
using TClass.Engine;
using TClass.Facts;
using TClass.Rules;

namespace TClass.Tests.Rules;

/// <summary>
/// The engine against a reference written the slow, obvious way. Rulesets are generated — enums of
/// 1, 2, 3, 63 and 64 values (with and without "other"), bools, sets, facts derived from partly known
/// records, switches with and without defaults, nested all/any/not conditions, nodes shared by several
/// branches, deep chains and score tables — written as YAML and loaded by the real reader, so every
/// load-time check and the compiler run on them too. Inputs leave any fact, list or record field
/// unknown. The reference walks the tree once for every value every unknown fact can take and unions
/// the outcomes; "missing" facts and score ranges are found by trying each value in turn.
/// </summary>
public sealed class EngineReferenceTests
{
    [Fact]
    public void Candidates_are_exactly_the_outcomes_some_completion_of_the_input_reaches() =>
        Cases.Sample(@case =>
        {
            var result = @case.Classify();
            var expected = @case.Reference.Outcomes(@case.Input);

            Assert.Equal(expected, result.Candidates.Select(c => c.Id).ToHashSet());
            Assert.Equal(expected.Count == 1 ? expected.Single() : null, result.Outcome?.Id);
        }, iter: Iterations, print: c => c.ToString());

    [Fact]
    public void Missing_facts_are_those_that_can_narrow_the_result_most_decisive_first() =>
        Cases.Sample(@case =>
        {
            var result = @case.Classify();
            var reference = @case.Reference;
            var candidates = reference.Outcomes(@case.Input);
            if (candidates.Count == 1)
            {
                Assert.Empty(result.Missing);
                return;
            }

            // Declared alone, a fact narrows the result when one of its values leaves fewer outcomes.
            var narrowing = reference.UnknownsWithInput(@case.Input)
                .Where(f => reference.ValuesOf(f.Path, @case.Input).Any(v => reference.Outcomes(@case.Input, (f.Path, v)).Count < candidates.Count))
                .Select(f => f.InputPath).ToHashSet();
            Assert.Superset(narrowing, result.Missing.ToHashSet());

            // Whatever is listed can change the outcome of some completion of the input.
            Assert.All(result.Missing, path => Assert.True(reference.Relevant(path, @case.Input), path + " cannot change any outcome"));

            // Ranked by the most outcomes any of its values leaves, fewest first (where a path is one fact).
            var worst = result.Missing.Where(path => reference.Unknowns(@case.Input, path).Count() == 1).Select(path => reference.Worst(path, @case.Input)).ToList();
            Assert.Equal(worst.Order(), worst);
        }, iter: Iterations, print: c => c.ToString());

    [Fact]
    public void A_score_range_is_exactly_the_scores_some_completion_gets() =>
        Cases.Sample(@case =>
        {
            var result = @case.Classify();
            foreach (var (axis, score) in @case.Reference.Axes.Zip(result.Scores))
            {
                var possible = @case.Reference.Scores(axis, @case.Input);
                Assert.Equal((possible.Min(), possible.Max()), (score.Min, score.Max));
                Assert.Equal(possible.Count == 1 ? possible.Single() : null, score.Score);

                // A reason is given when one row gives the score, whatever the unknown facts are.
                var rows = @case.Reference.Rows(axis, @case.Input);
                if (score.Reason is not null)
                {
                    Assert.Single(rows);
                }
                else if (rows.Count == 1 && axis.Rows.Take(rows.Single() + 1).All(r => r.If is null || @case.Reference.ReadsOnlyKnown(r.If, @case.Input)))
                {
                    Assert.Fail("the row that gives the score is decided, yet no reason is given");
                }
            }
        }, iter: Iterations, print: c => c.ToString());

    [Fact]
    public void A_note_is_shown_only_when_it_holds_whatever_the_unknown_facts_are() =>
        Cases.Sample(@case =>
        {
            var shown = @case.Classify().Notes.Select(n => n.Id).ToHashSet();
            foreach (var note in @case.Reference.Notes)
            {
                var truths = @case.Reference.Truths(note.When, @case.Input);
                if (shown.Contains(note.Id))
                {
                    Assert.Equal([true], truths);
                }
                else if (@case.Reference.ReadsOnlyKnown(note.When, @case.Input))
                {
                    Assert.DoesNotContain(true, truths);
                }
            }
        }, iter: Iterations, print: c => c.ToString());

    [Fact]
    public void Next_level_advice_aims_above_every_candidate_and_exists_while_a_leaf_is_higher() =>
        Cases.Sample(@case =>
        {
            var result = @case.Classify();
            var ranks = @case.Reference.Ranks;
            var current = result.Candidates.Max(c => ranks[c.Id]);
            var higher = @case.Reference.Leaves.Any(o => ranks[o] > current);

            Assert.Equal(higher, result.Next is not null);
            if (result.Next is { } next)
            {
                Assert.True(ranks[next.Outcome.Id] > current);
                Assert.Contains(next.Outcome.Id, @case.Reference.Leaves);
            }
        }, iter: Iterations, print: c => c.ToString());

    [Fact]
    public void Next_level_advice_is_the_path_the_slow_search_over_every_leaf_finds() =>
        Cases.Sample(@case =>
        {
            var expected = @case.Reference.NextLevel(@case.Input);
            Assert.Equal(expected?.ToString(), @case.NextLevel()?.ToString());
            Assert.Equal(expected?.Outcome, @case.Classify().Next?.Outcome.Id);
        }, iter: Iterations, print: c => c.ToString());

    [Fact]
    public void A_fact_the_walk_reads_that_is_declared_without_evidence_is_warned_about_once() =>
        Cases.Sample(@case =>
        {
            var reference = @case.Reference;
            var expected = reference.Visited(@case.Input).SelectMany(reference.ReadsOf).Select(reference.InputPathOf)
                .Where(path => @case.Input.Read(path) is not null && @case.Input.Unevidenced.Contains(path)).ToHashSet();

            var warnings = @case.Classify().Warnings;

            Assert.All(warnings, w => Assert.Equal("no-evidence", w.Code));
            Assert.Equal(expected.Count, warnings.Length);
            Assert.Equal(expected, warnings.Select(w => w.Path).ToHashSet());
        }, iter: Iterations, print: c => c.ToString());

    [Fact]
    public void Every_value_of_a_64_value_enum_is_its_own_answer()
    {
        var values = Enumerable.Range(0, 64).Select(i => "v" + i).ToArray();
        var facts = new[] { new GFact("e.wide", GKind.Enum, values, Other: false) };
        var nodes = new GNode[] { new GSwitch(0, [.. values.Select((v, i) => new GWhen([v], new GLeaf("o" + (i % 2))))], null) };
        var reference = new GRuleset(facts, [], nodes, ["o0", "o1"], [], []);
        var ruleset = reference.Loaded!;

        for (var i = 0; i < 64; i++)
        {
            var input = new GInput(ImmutableDictionary<string, FactValue>.Empty.Add("e.wide", new SymbolValue(values[i])), "KR");
            Assert.Equal("o" + (i % 2), new GCase(reference, input).Classify(ruleset).Outcome?.Id);
        }

        var unknown = new GCase(reference, new GInput(ImmutableDictionary<string, FactValue>.Empty, "KR")).Classify(ruleset);
        Assert.Equal(["o0", "o1"], unknown.Candidates.Select(c => c.Id));
        Assert.Equal(["e.wide"], unknown.Missing.ToArray());
    }

    [Fact]
    public void Of_two_paths_to_the_level_the_model_would_land_on_the_advice_takes_the_one_needing_fewer_changes()
    {
        // The nearest level, mid, needs a and b. High can be reached with a and b (written first) or
        // with a alone: both need nothing mid does not, so high is the advice, by the shorter path.
        var facts = new[] { "a", "b", "c", "d" }.Select(f => new GFact(f, GKind.Bool, ["false", "true"], false)).ToArray();
        GAtom True(string fact) => new(fact, "is", ["true"]);
        var nodes = new GNode[]
        {
            new GIf(True("a"), new GNext(1), new GLeaf("low")),
            new GIf(True("b"), new GNext(2), new GNext(3)),
            new GIf(True("c"), new GLeaf("high"), new GLeaf("mid")),
            new GIf(True("d"), new GLeaf("high"), new GLeaf("low")),
        };
        var reference = new GRuleset(facts, [], nodes, ["low", "mid", "high"], [], []);
        var input = new GInput(ImmutableDictionary<string, FactValue>.Empty
            .Add("a", BoolValue.Of(false)).Add("b", BoolValue.Of(false)).Add("c", BoolValue.Of(true)).Add("d", BoolValue.Of(true)), "KR");

        var next = new GCase(reference, input).Classify().Next!;

        Assert.Equal("high", next.Outcome.Id);
        Assert.Equal(["a"], next.Needs.Select(n => n.Fact));
        Assert.Equal(new GNextLevel("high", (3, 0), [(0, 0)]).ToString(), reference.NextLevel(input)!.ToString());
    }

    [Theory]
    [InlineData("c and not b")]
    [InlineData("not a and c")]
    public void A_set_fact_is_ranked_by_its_worst_combination_of_values_even_one_that_includes_one_value_and_excludes_another(string wanted)
    {
        // s leaves four outcomes only when it includes c and not b (or not a): the ranking must try
        // that subset, which sets c apart from b — which t's test would group it with, and which the
        // second wording's tests tell apart from c only taken together. e leaves three whatever its
        // value, g four: asked in the order e, s, g, they rank e (3), s (4), g (4).
        var facts = new[]
        {
            new GFact("e", GKind.Enum, ["x", "y"], false),
            new GFact("s", GKind.Set, ["a", "b", "c"], false),
            new GFact("g", GKind.Enum, ["p", "q"], false),
            new GFact("t", GKind.Set, ["u", "v", "w"], false),
        };
        GCondition cWithoutB = wanted == "c and not b"
            ? new GAll([new GAtom("s", "contains", ["c"]), new GNot(new GAtom("s", "contains", ["b"]))])
            : new GAll([new GNot(new GAtom("s", "contains", ["a"])), new GAtom("s", "contains", ["c"])]);
        var nodes = new GNode[]
        {
            new GSwitch(0, [new GWhen(["x"], new GNext(1)), new GWhen(["y"], new GNext(2))], null),
            new GIf(cWithoutB, new GNext(3), new GLeaf("o1")),
            new GIf(cWithoutB, new GNext(4), new GNext(5)),
            new GSwitch(2, [new GWhen(["p"], new GLeaf("o2")), new GWhen(["q"], new GLeaf("o3"))], null),
            new GSwitch(2, [new GWhen(["p"], new GLeaf("o5")), new GWhen(["q"], new GLeaf("o6"))], null),
            new GIf(new GAtom("t", "contains", ["u"]), new GLeaf("o4"), new GLeaf("o0")),
        };
        var reference = new GRuleset(facts, [], nodes, ["o0", "o1", "o2", "o3", "o4", "o5", "o6"], [], []);
        var input = new GInput(ImmutableDictionary<string, FactValue>.Empty.Add("t", new SymbolSetValue(["u"])), "KR");

        var result = new GCase(reference, input).Classify();

        Assert.Equal(["o1", "o2", "o3", "o4", "o5", "o6"], result.Candidates.Select(c => c.Id));
        Assert.Equal([3, 4, 4], new[] { "e", "s", "g" }.Select(f => reference.Worst(f, input)));
        Assert.Equal(["e", "s", "g"], result.Missing.ToArray());
    }

    [Fact]
    public void An_enum_fact_is_ranked_by_its_worst_value_whichever_value_that_is()
    {
        // k leaves one outcome as x and four as y; m and g leave three whatever their value. Asked
        // in the order m, k, g, they rank m (3), g (3), k (4).
        var facts = new[]
        {
            new GFact("m", GKind.Enum, ["p", "q"], false),
            new GFact("k", GKind.Enum, ["x", "y"], false),
            new GFact("g", GKind.Enum, ["u", "v"], false),
        };
        GNode K(int next) => new GSwitch(1, [new GWhen(["x"], new GLeaf("o0")), new GWhen(["y"], new GNext(next))], null);
        GNode G(string u, string v) => new GSwitch(2, [new GWhen(["u"], new GLeaf(u)), new GWhen(["v"], new GLeaf(v))], null);
        var nodes = new[]
        {
            new GSwitch(0, [new GWhen(["p"], new GNext(1)), new GWhen(["q"], new GNext(2))], null),
            K(3), K(4), G("o1", "o2"), G("o3", "o4"),
        };
        var reference = new GRuleset(facts, [], nodes, ["o0", "o1", "o2", "o3", "o4"], [], []);
        var input = new GInput(ImmutableDictionary<string, FactValue>.Empty, "KR");

        var result = new GCase(reference, input).Classify();

        Assert.Equal([3, 4, 3], new[] { "m", "k", "g" }.Select(f => reference.Worst(f, input)));
        Assert.Equal(["m", "g", "k"], result.Missing.ToArray());
    }

    [Fact]
    public void Of_several_higher_levels_needing_nothing_more_than_the_nearest_the_advice_takes_the_highest_by_its_first_easiest_path()
    {
        // The model (every fact false) is at low; the nearest level, mid, needs a and b. high and top
        // need only a (e and g lead nowhere lower, so they are no obstacle): top, by the first of its
        // two equal paths. The last path to top, written after them, needs h and g: it is not taken.
        var facts = new[] { "h", "a", "b", "c", "e", "g" }.Select(f => new GFact(f, GKind.Bool, ["false", "true"], false)).ToArray();
        GAtom True(string fact) => new(fact, "is", ["true"]);
        var nodes = new GNode[]
        {
            new GIf(new GNot(True("h")), new GNext(1), new GNext(2)),
            new GIf(True("a"), new GNext(3), new GLeaf("low")),
            new GIf(True("g"), new GLeaf("top"), new GLeaf("low")),
            new GIf(True("b"), new GLeaf("mid"), new GNext(4)),
            new GIf(new GNot(True("c")), new GNext(5), new GLeaf("low")),
            new GIf(True("e"), new GLeaf("high"), new GNext(6)),
            new GIf(True("g"), new GLeaf("top"), new GLeaf("top")),
        };
        var reference = new GRuleset(facts, [], nodes, ["low", "mid", "high", "top"], [], []);
        var input = new GInput(facts.Aggregate(ImmutableDictionary<string, FactValue>.Empty, (values, f) => values.Add(f.Path, BoolValue.False)), "KR");
        var @case = new GCase(reference, input);

        var expected = new GNextLevel("top", (6, 0), [(1, 0)]).ToString();
        Assert.Equal(expected, reference.NextLevel(input)?.ToString());
        Assert.Equal(expected, @case.NextLevel()?.ToString());
        Assert.Equal(["a"], @case.Classify().Next!.Needs.Select(n => n.Fact));
    }

    private const int Iterations = 200;

    /// <summary>Generated rulesets the reader accepts (a few have an outcome behind contradicting conditions), with an input each.</summary>
    private static readonly Gen<GCase> Cases =
        from ruleset in GRuleset.Generator.Where(r => r.Loaded is not null)
        from input in GInput.Generator(ruleset)
        select new GCase(ruleset, input);

    // ---------------------------------------------------------------- the generated model

    internal enum GKind
    {
        Enum,
        Bool,
        Set,
    }

    /// <summary>A declared input fact.</summary>
    internal sealed record GFact(string Path, GKind Kind, string[] Values, bool Other);

    /// <summary>One test of a derivation: the field (null for a single value) is, or is not, one of the values.</summary>
    internal sealed record GTest(string? Field, bool Negated, string[] Values);

    /// <summary>A bool fact derived from the list <c>recs</c> (any, all, none) or from the single value <c>text.value</c>.</summary>
    internal sealed record GDerived(string Path, string Quantifier, GTest[] Where)
    {
        public string InputPath => Quantifier == "value" ? "text.value" : "recs";
    }

    internal abstract record GCondition;

    /// <summary>A test of one fact: is, in, contains, intersects, empty or not_empty.</summary>
    internal sealed record GAtom(string Fact, string Operator, string[] Values) : GCondition;

    internal sealed record GAll(GCondition[] Parts) : GCondition;

    internal sealed record GAny(GCondition[] Parts) : GCondition;

    internal sealed record GNot(GCondition Part) : GCondition;

    internal abstract record GTarget;

    internal sealed record GLeaf(string Outcome) : GTarget;

    internal sealed record GNext(int Node) : GTarget;

    internal sealed record GWhen(string[] Values, GTarget Target);

    internal abstract record GNode;

    /// <summary>A switch on fact number <c>Fact</c> of the declared facts (an enum or bool).</summary>
    internal sealed record GSwitch(int Fact, GWhen[] Cases, GTarget? Default) : GNode;

    internal sealed record GIf(GCondition If, GTarget Then, GTarget Else) : GNode;

    internal sealed record GRow(GCondition? If, int Score);

    internal sealed record GAxis(string Id, GRow[] Rows);

    internal sealed record GNote(string Id, GCondition When);

    /// <summary>Next-level advice: the target outcome, the last branch of the path to it (node and branch numbers as written), the branches it needs that the input does not take.</summary>
    internal sealed record GNextLevel(string Outcome, (int Node, int Branch) Leaf, (int Node, int Branch)[] Needs)
    {
        public override string ToString() => $"{Outcome} via n{Leaf.Node}/{Leaf.Branch}, needs [{string.Join(", ", Needs.Select(n => $"n{n.Node}/{n.Branch}"))}]";
    }

    /// <summary>A generated ruleset, the reference evaluator over it, and its YAML.</summary>
    internal sealed class GRuleset(GFact[] facts, GDerived[] derived, GNode[] nodes, string[] outcomes, GAxis[] axes, GNote[] notes)
    {
        public GFact[] Facts { get; } = facts;

        public GDerived[] Derived { get; } = derived;

        public GNode[] Nodes { get; } = nodes;

        public string[] OutcomeIds { get; } = outcomes;

        public GAxis[] Axes { get; } = axes;

        public GNote[] Notes { get; } = notes;

        public Dictionary<string, int> Ranks => OutcomeIds.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i);

        /// <summary>The outcomes some leaf names.</summary>
        public HashSet<string> Leaves =>
        [
            .. Nodes.SelectMany(n => n switch
            {
                GSwitch s => s.Cases.Select(c => c.Target).Append(s.Default),
                GIf c => [c.Then, c.Else],
                _ => [],
            }).OfType<GLeaf>().Select(l => l.Outcome),
        ];

        /// <summary>The input format the generated rulesets read.</summary>
        public FactSchema Schema =>
            new("generated format", [
                .. Facts.Select(f => new FactDescriptor(f.Path, f.Kind switch { GKind.Bool => FactKind.Bool, GKind.Set => FactKind.Set, _ => f.Other ? FactKind.Text : FactKind.Enum }, f.Other ? [] : [.. f.Values])),
                new FactDescriptor("text.value", FactKind.Text, []),
                new FactDescriptor("recs", FactKind.Records, ["f", "g"]),
            ]);

        /// <summary>Enum sizes: mostly small, sometimes one short of the 64 a mask holds (room for "other") or exactly 64.</summary>
        private static readonly int[] EnumSizes = [1, 2, 3, 2, 3, 4, 63, 64];

        public static readonly Gen<GRuleset> Generator =
            from enumSizes in Gen.Int[0, EnumSizes.Length - 1].Select(i => EnumSizes[i]).Array[1, 3]
            from others in Gen.Bool.Array[3]
            from bools in Gen.Int[0, 2]
            from setSizes in Gen.Int[1, 4].Array[0, 2]
            from derivedShapes in Gen.Int[0, int.MaxValue].Array[0, 3]
            from outcomeCount in Gen.Int[2, 5]
            from nodeSeeds in Gen.Int[0, int.MaxValue].Array[1, 9]
            from axisSeeds in Gen.Int[0, int.MaxValue].Array[0, 2]
            from noteSeeds in Gen.Int[0, int.MaxValue].Array[0, 2]
            select Build(enumSizes, others, bools, setSizes, derivedShapes, outcomeCount, nodeSeeds, axisSeeds, noteSeeds);

        private static GRuleset Build(int[] enumSizes, bool[] others, int bools, int[] setSizes, int[] derivedShapes, int outcomeCount, int[] nodeSeeds, int[] axisSeeds, int[] noteSeeds)
        {
            var facts = new List<GFact>();
            for (var i = 0; i < enumSizes.Length; i++)
            {
                // "other" needs more room than 64 listed values leave.
                var other = others[i] && enumSizes[i] < 64;
                facts.Add(new GFact("e.n" + i, GKind.Enum, [.. Enumerable.Range(0, enumSizes[i]).Select(v => "v" + v)], other));
            }

            facts.AddRange(Enumerable.Range(0, bools).Select(i => new GFact("b.n" + i, GKind.Bool, ["false", "true"], false)));
            facts.AddRange(setSizes.Select((size, i) => new GFact("s.n" + i, GKind.Set, [.. Enumerable.Range(0, size).Select(v => "m" + v)], false)));

            var derived = derivedShapes.Select((seed, i) =>
            {
                var random = new Random(seed);
                var quantifier = new[] { "any", "all", "none", "value" }[random.Next(4)];
                GTest Test(string? field) => new(field, random.Next(2) == 0, random.Next(3) == 0 ? ["$home"] : ["a", random.Next(2) == 0 ? "b" : "$home"]);
                GTest[] where = quantifier == "value" ? [Test(null)] : random.Next(2) == 0 ? [Test("f")] : [Test("f"), Test("g")];
                return new GDerived("d.n" + i, quantifier, where);
            }).ToArray();

            var outcomes = Enumerable.Range(0, outcomeCount).Select(i => "o" + i).ToArray();
            var readable = facts.Select(f => (f.Path, f.Kind, f.Values)).Concat(derived.Select(d => (d.Path, GKind.Bool, new[] { "false", "true" }))).ToArray();
            var nodes = new List<GNode>();
            for (var i = 0; i < nodeSeeds.Length; i++)
            {
                var random = new Random(nodeSeeds[i]);
                GTarget Target() => i + 1 < nodeSeeds.Length && random.Next(3) > 0
                    ? new GNext(random.Next(i + 1, nodeSeeds.Length))
                    : new GLeaf(outcomes[random.Next(outcomes.Length)]);
                var switchable = facts.Select((f, index) => (f, index)).Where(x => x.f.Kind != GKind.Set).ToList();
                if (random.Next(3) == 0 && switchable.Count > 0)
                {
                    var (fact, index) = switchable[random.Next(switchable.Count)];
                    var values = fact.Values.OrderBy(_ => random.Next()).ToList();
                    var cases = new List<GWhen>();
                    var covered = random.Next(2) == 0 && !fact.Other ? values.Count : random.Next(1, values.Count + 1);
                    for (var at = 0; at < covered;)
                    {
                        var take = Math.Min(covered - at, 1 + random.Next(Math.Max(1, values.Count / 3)));
                        cases.Add(new GWhen([.. values.Skip(at).Take(take)], Target()));
                        at += take;
                    }

                    nodes.Add(new GSwitch(index, [.. cases], covered < values.Count || fact.Other ? Target() : null));
                }
                else
                {
                    nodes.Add(new GIf(Condition(random, readable, 0), Target(), Target()));
                }
            }

            Connect(nodes);
            var axes = axisSeeds.Select((seed, a) =>
            {
                var random = new Random(seed);
                var rows = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new GRow(Condition(random, readable, 1), random.Next(0, 11)))
                    .Append(new GRow(null, random.Next(0, 11))).ToArray();
                return new GAxis("axis" + a, rows);
            }).ToArray();
            var notes = noteSeeds.Select((seed, n) => new GNote("note" + n, Condition(new Random(seed), readable, 1))).ToArray();
            return new GRuleset([.. facts], derived, [.. nodes], outcomes, axes, notes);
        }

        /// <summary>Every node but the root is led to from an earlier one (a node no branch reaches is refused).</summary>
        private static void Connect(List<GNode> nodes)
        {
            for (var j = 1; j < nodes.Count; j++)
            {
                if (nodes.Take(j).Any(n => Targets(n).Any(t => t is GNext next && next.Node == j)))
                {
                    continue;
                }

                // Lead a branch of an earlier node that ends in an outcome, or that leads further down, to it.
                for (var i = j - 1; i >= 0; i--)
                {
                    if (Redirect(nodes, i, j))
                    {
                        break;
                    }
                }
            }
        }

        private static bool Redirect(List<GNode> nodes, int i, int j)
        {
            bool Free(GTarget t) => t is GLeaf || (t is GNext next && next.Node > j);
            switch (nodes[i])
            {
                case GIf c when Free(c.Else):
                    nodes[i] = c with { Else = new GNext(j) };
                    return true;
                case GIf c when Free(c.Then):
                    nodes[i] = c with { Then = new GNext(j) };
                    return true;
                case GSwitch s when s.Default is { } fallback && Free(fallback):
                    nodes[i] = s with { Default = new GNext(j) };
                    return true;
                case GSwitch s when s.Cases.Any(c => Free(c.Target)):
                    var at = Array.FindIndex(s.Cases, c => Free(c.Target));
                    nodes[i] = s with { Cases = [.. s.Cases.Select((c, k) => k == at ? c with { Target = new GNext(j) } : c)] };
                    return true;
                default:
                    return false;
            }
        }

        private static IEnumerable<GTarget> Targets(GNode node) => node switch
        {
            GSwitch s => s.Default is null ? s.Cases.Select(c => c.Target) : s.Cases.Select(c => c.Target).Append(s.Default),
            GIf c => [c.Then, c.Else],
            _ => [],
        };

        private static GCondition Condition(Random random, (string Path, GKind Kind, string[] Values)[] facts, int depth)
        {
            var shape = depth >= 2 ? 0 : random.Next(6);
            if (shape == 3 || shape == 4)
            {
                var parts = Enumerable.Range(0, random.Next(2, 4)).Select(_ => Condition(random, facts, depth + 1)).ToArray();
                return shape == 3 ? new GAll(parts) : new GAny(parts);
            }

            if (shape == 5)
            {
                return new GNot(Condition(random, facts, depth + 1));
            }

            var (path, kind, values) = facts[random.Next(facts.Length)];
            string[] Some() => [.. values.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(values.Length, 4) + 1))];
            return kind switch
            {
                GKind.Set => random.Next(4) switch
                {
                    0 => new GAtom(path, "contains", [values[random.Next(values.Length)]]),
                    1 => new GAtom(path, "intersects", Some()),
                    2 => new GAtom(path, "empty", []),
                    _ => new GAtom(path, "not_empty", []),
                },
                _ => random.Next(2) == 0 ? new GAtom(path, "is", [values[random.Next(values.Length)]]) : new GAtom(path, "in", Some()),
            };
        }

        // ------------------------------------------------------------ YAML

        public string Yaml()
        {
            var yaml = new StringBuilder();
            yaml.Append("""
                ruleset: 1
                id: generated
                version: 0.0.1
                title: { en: Generated, ko: 생성 }
                parameters:
                  - { name: home, default: KR, label: { en: home, ko: 본국 } }
                outcomes:

                """);
            foreach (var outcome in OutcomeIds)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: {outcome}, label: {{ en: {outcome}, ko: {outcome} }} }}\n");
            }

            yaml.Append("facts:\n");
            foreach (var fact in Facts)
            {
                var type = fact.Kind.ToString().ToLowerInvariant();
                var values = fact.Kind == GKind.Bool ? "" : $", values: [{string.Join(", ", fact.Values)}]";
                yaml.Append(CultureInfo.InvariantCulture, $"  - {{ path: {fact.Path}, type: {type}{values}{(fact.Other ? ", other: true" : "")}, label: {{ en: {fact.Path}, ko: {fact.Path} }} }}\n");
            }

            foreach (var d in Derived)
            {
                var tests = string.Join(", ", d.Where.Select(t => (t.Field is null ? "" : $"field: {t.Field}, ") + (t.Negated ? "not_in" : "in") + ": [" + string.Join(", ", t.Values) + "]"));
                var derive = d.Quantifier == "value"
                    ? $"{{ value: text.value, {tests} }}"
                    : $"{{ {d.Quantifier}: recs, where: [{string.Join(", ", d.Where.Select(t => $"{{ field: {t.Field}, {(t.Negated ? "not_in" : "in")}: [{string.Join(", ", t.Values)}] }}"))}] }}";
                yaml.Append("  - path: ").Append(d.Path).Append('\n')
                    .Append("    type: bool\n")
                    .Append("    label: { en: ").Append(d.Path).Append(", ko: ").Append(d.Path).Append(" }\n")
                    .Append("    derive: ").Append(derive).Append('\n')
                    .Append("    requires: { \"true\": { en: yes, ko: 예 }, \"false\": { en: no, ko: 아니요 } }\n");
            }

            yaml.Append("root: n0\nnodes:\n");
            for (var i = 0; i < Nodes.Length; i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - id: n{i}\n    question: {{ en: q{i}, ko: q{i} }}\n");
                switch (Nodes[i])
                {
                    case GSwitch s:
                        yaml.Append(CultureInfo.InvariantCulture, $"    switch: {Facts[s.Fact].Path}\n    cases:\n");
                        foreach (var c in s.Cases)
                        {
                            yaml.Append(CultureInfo.InvariantCulture, $"      - {{ values: [{string.Join(", ", c.Values)}], {Branch(c.Target)} }}\n");
                        }

                        if (s.Default is { } fallback)
                        {
                            yaml.Append(CultureInfo.InvariantCulture, $"    default: {{ {Branch(fallback)} }}\n");
                        }

                        break;
                    case GIf c:
                        yaml.Append(CultureInfo.InvariantCulture, $"    if: {Yaml(c.If)}\n    then: {{ {Branch(c.Then)} }}\n    else: {{ {Branch(c.Else)} }}\n");
                        break;
                }
            }

            if (Axes.Length > 0)
            {
                yaml.Append("scores:\n");
                foreach (var axis in Axes)
                {
                    yaml.Append(CultureInfo.InvariantCulture, $"  - axis: {axis.Id}\n    label: {{ en: {axis.Id}, ko: {axis.Id} }}\n    rules:\n");
                    foreach (var row in axis.Rows)
                    {
                        yaml.Append(row.If is null ? "      - { " : $"      - {{ if: {Yaml(row.If)}, ").Append(CultureInfo.InvariantCulture, $"score: {row.Score}, reason: {{ en: r, ko: r }} }}\n");
                    }
                }
            }

            if (Notes.Length > 0)
            {
                yaml.Append("notes:\n");
                foreach (var note in Notes)
                {
                    yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: {note.Id}, when: {Yaml(note.When)}, text: {{ en: n, ko: n }} }}\n");
                }
            }

            yaml.Append("messages:\n");
            foreach (var line in ToyRulesetTests.Policy[(ToyRulesetTests.Policy.IndexOf("messages:\n", StringComparison.Ordinal) + "messages:\n".Length)..].Split('\n'))
            {
                yaml.Append(line).Append('\n');
            }

            return yaml.ToString();
        }

        private static string Branch(GTarget target) => target switch
        {
            GLeaf leaf => $"outcome: {leaf.Outcome}, reason: {{ en: r, ko: r }}",
            GNext next => $"next: n{next.Node}, reason: {{ en: r, ko: r }}",
            _ => throw new InvalidOperationException(),
        };

        private static string Yaml(GCondition condition) => condition switch
        {
            GAtom { Operator: "empty" } a => $"{{ fact: {a.Fact}, empty: true }}",
            GAtom { Operator: "not_empty" } a => $"{{ fact: {a.Fact}, empty: false }}",
            GAtom { Operator: "is" or "contains" } a => $"{{ fact: {a.Fact}, {a.Operator}: {a.Values[0]} }}",
            GAtom a => $"{{ fact: {a.Fact}, {a.Operator}: [{string.Join(", ", a.Values)}] }}",
            GAll all => $"{{ all: [{string.Join(", ", all.Parts.Select(Yaml))}] }}",
            GAny any => $"{{ any: [{string.Join(", ", any.Parts.Select(Yaml))}] }}",
            GNot not => $"{{ not: {Yaml(not.Part)} }}",
            _ => throw new InvalidOperationException(),
        };

        private Ruleset? _loaded;
        private bool _tried;

        /// <summary>The ruleset as the reader loads it, or null when the load-time checks refuse it (an outcome no input reaches).</summary>
        public Ruleset? Loaded
        {
            get
            {
                if (!_tried)
                {
                    _loaded = Load();
                    _tried = true;
                }

                return _loaded;
            }
        }

        private Ruleset? Load()
        {
            var read = RulesetReader.Parse(Yaml(), Schema, "generated.yaml");
            if (read.Ruleset is null)
            {
                // The generator keeps to the rules of the language; the one refusal it cannot foresee is
                // an outcome behind contradicting conditions, which the reference sees too.
                Assert.True(read.Diagnostics.All(d => d.Code == "unreachable-outcome"), string.Join("\n", read.Diagnostics) + "\n" + Yaml());
                var everything = new GInput(ImmutableDictionary<string, FactValue>.Empty, "KR");
                Assert.All(read.Diagnostics, d => Assert.DoesNotContain(d.Path["outcomes.".Length..], Outcomes(everything)));
                return null;
            }

            return read.Ruleset;
        }

        // ------------------------------------------------------------ the reference evaluator

        /// <summary>Every value a fact can have for this input: its value when declared, else its whole domain.</summary>
        public List<object> ValuesOf(string path, GInput input)
        {
            if (Derived.FirstOrDefault(d => d.Path == path) is { } derived)
            {
                return [.. Possible(derived, input).Cast<object>()];
            }

            var fact = Facts.Single(f => f.Path == path);
            if (input.Values.GetValueOrDefault(path) is { } value)
            {
                return [value switch
                {
                    BoolValue flag => flag.Value ? "true" : "false",
                    SymbolValue symbol => fact.Values.Contains(symbol.Value) ? symbol.Value : CompiledFact.OtherSymbol,
                    SymbolSetValue set => (object)set.Values.ToHashSet(),
                    _ => throw new InvalidOperationException(),
                }];
            }

            return fact.Kind == GKind.Set
                ? [.. Enumerable.Range(0, 1 << fact.Values.Length).Select(bits => (object)fact.Values.Where((_, i) => (bits & (1 << i)) != 0).ToHashSet())]
                : [.. fact.Values.Concat(fact.Other ? [CompiledFact.OtherSymbol] : []).Cast<object>()];
        }

        /// <summary>The values a derived fact can take: every way its unknown list, fields or value could be.</summary>
        private HashSet<bool> Possible(GDerived derived, GInput input)
        {
            string Resolve(string v) => v == "$home" ? input.Home : v;
            bool Passes(GTest test, string value) => test.Values.Select(Resolve).Contains(value) != test.Negated;

            // A value not listed anywhere stands for all the others.
            var candidates = new[] { "a", "b", "KR", "JP", "fresh" };
            if (derived.Quantifier == "value")
            {
                return input.Values.GetValueOrDefault("text.value") is SymbolValue known
                    ? [Passes(derived.Where[0], known.Value)]
                    : [.. candidates.Select(c => Passes(derived.Where[0], c))];
            }

            if (input.Values.GetValueOrDefault("recs") is not RecordListValue list)
            {
                // An unknown list may be empty or hold a record that matches or one that does not.
                return [true, false];
            }

            // Each record matches or not, for every value its unknown fields may hold; an absent field
            // is not one of the values of a not_in test.
            var perRecord = list.Records.Select(record =>
            {
                var outcomes = new HashSet<bool>();
                var unknownFields = derived.Where.Where(t => record.Field(t.Field!) is null && !t.Negated).Select(t => t.Field!).Distinct().ToArray();
                foreach (var assignment in Assignments(unknownFields, candidates))
                {
                    outcomes.Add(derived.Where.All(t =>
                        record.Field(t.Field!) is { } value ? Passes(t, value) : t.Negated || Passes(t, assignment[t.Field!])));
                }

                return outcomes;
            }).ToList();

            var results = new HashSet<bool>();
            foreach (var matches in Product(perRecord))
            {
                results.Add(derived.Quantifier switch
                {
                    "any" => matches.Any(m => m),
                    "all" => matches.All(m => m),
                    _ => !matches.Any(m => m),
                });
            }

            return results;
        }

        private static IEnumerable<Dictionary<string, string>> Assignments(string[] fields, string[] values)
        {
            IEnumerable<Dictionary<string, string>> all = [[]];
            foreach (var field in fields)
            {
                all = all.SelectMany(a => values.Select(v => new Dictionary<string, string>(a) { [field] = v }));
            }

            return all;
        }

        private static IEnumerable<List<bool>> Product(List<HashSet<bool>> choices)
        {
            IEnumerable<List<bool>> all = [[]];
            foreach (var choice in choices)
            {
                all = all.SelectMany(a => choice.Select(c => new List<bool>(a) { c }));
            }

            return all;
        }

        /// <summary>The facts the ruleset reads that the input leaves unknown (declared ones and derived ones).</summary>
        public IEnumerable<string> Unknowns(GInput input) =>
            Facts.Select(f => f.Path).Concat(Derived.Select(d => d.Path)).Where(p => ValuesOf(p, input).Count > 1);

        public IEnumerable<(string Path, string InputPath)> UnknownsWithInput(GInput input) =>
            Unknowns(input).Select(p => (p, InputPathOf(p)));

        /// <summary>The outcomes reached by walking the tree for every value of every unknown fact, with <paramref name="fixedValues"/> set.</summary>
        public HashSet<string> Outcomes(GInput input, params (string Path, object Value)[] fixedValues) =>
            Reached(0, fixedValues.ToDictionary(f => f.Path, f => f.Value), input);

        /// <summary>The outcomes reached from <paramref name="node"/> with <paramref name="assigned"/> set, every other fact taking each of its values.</summary>
        private HashSet<string> Reached(int node, Dictionary<string, object> assigned, GInput input)
        {
            var read = Reads(Nodes[node]).Where(p => !assigned.ContainsKey(p)).Distinct().ToList();
            if (read.Count > 0)
            {
                return [.. ValuesOf(read[0], input).SelectMany(value => Reached(node, new Dictionary<string, object>(assigned) { [read[0]] = value }, input))];
            }

            return Next(node, assigned) switch
            {
                GLeaf leaf => [leaf.Outcome],
                GNext next => Reached(next.Node, assigned, input),
                _ => throw new InvalidOperationException(),
            };
        }

        /// <summary>The nodes some completion of the input walks through.</summary>
        public HashSet<int> Visited(GInput input)
        {
            var visited = new HashSet<int>();
            void Walk(int node, Dictionary<string, object> assigned)
            {
                if (visited.Count == Nodes.Length)
                {
                    return;
                }

                visited.Add(node);
                var read = Reads(Nodes[node]).Where(p => !assigned.ContainsKey(p)).Distinct().ToList();
                if (read.Count > 0)
                {
                    foreach (var value in ValuesOf(read[0], input))
                    {
                        Walk(node, new Dictionary<string, object>(assigned) { [read[0]] = value });
                    }
                }
                else if (Next(node, assigned) is GNext next)
                {
                    Walk(next.Node, assigned);
                }
            }

            Walk(0, []);
            return visited;
        }

        /// <summary>The input path a fact the ruleset reads is declared through.</summary>
        public string InputPathOf(string fact) => Derived.FirstOrDefault(d => d.Path == fact)?.InputPath ?? fact;

        public IEnumerable<string> ReadsOf(int node) => Reads(Nodes[node]);

        /// <summary>Where node <paramref name="node"/> leads when every fact it reads is set.</summary>
        private GTarget Next(int node, Dictionary<string, object> assigned) => Nodes[node] switch
        {
            GSwitch s => s.Cases.FirstOrDefault(c => c.Values.Contains((string)assigned[Facts[s.Fact].Path]))?.Target ?? s.Default!,
            GIf c => Holds(c.If, assigned) ? c.Then : c.Else,
            _ => throw new InvalidOperationException(),
        };

        public IEnumerable<string> Unknowns(GInput input, string inputPath) =>
            UnknownsWithInput(input).Where(u => u.InputPath == inputPath).Select(u => u.Path);

        /// <summary>Whether some fact read through <paramref name="inputPath"/> changes the outcome of some completion of the input.</summary>
        public bool Relevant(string inputPath, GInput input) => Unknowns(input, inputPath).Any(fact => Changes(fact, input));

        /// <summary>
        /// Whether two values of <paramref name="fact"/> lead to different outcomes for the same values
        /// of every other fact: the walks for each of its values go side by side, every other fact set
        /// once for all of them, and their outcomes are compared at the leaves.
        /// </summary>
        private bool Changes(string fact, GInput input)
        {
            var values = ValuesOf(fact, input);
            bool Walk(GTarget[] at, Dictionary<string, object> assigned)
            {
                var needed = at.OfType<GNext>().SelectMany(n => Reads(Nodes[n.Node])).FirstOrDefault(p => p != fact && !assigned.ContainsKey(p));
                if (needed is not null)
                {
                    return ValuesOf(needed, input).Any(v => Walk(at, new Dictionary<string, object>(assigned) { [needed] = v }));
                }

                if (at.All(t => t is GLeaf))
                {
                    return at.Cast<GLeaf>().Select(l => l.Outcome).Distinct().Count() > 1;
                }

                return Walk([.. at.Select((t, i) => t is GNext n ? Next(n.Node, new Dictionary<string, object>(assigned) { [fact] = values[i] }) : t)], assigned);
            }

            return Walk([.. values.Select(_ => (GTarget)new GNext(0))], []);
        }

        /// <summary>The most outcomes a value of the facts read through <paramref name="inputPath"/> leaves.</summary>
        public int Worst(string inputPath, GInput input) =>
            Unknowns(input, inputPath).Max(path => ValuesOf(path, input).Max(v => Outcomes(input, (path, v)).Count));

        /// <summary>The scores an axis can give for this input.</summary>
        public HashSet<int> Scores(GAxis axis, GInput input) => [.. Rows(axis, input).Select(row => axis.Rows[row].Score)];

        /// <summary>The rows of an axis that give the score for some completion of the input.</summary>
        public HashSet<int> Rows(GAxis axis, GInput input) =>
            [.. Completions(axis.Rows.Where(r => r.If is not null).SelectMany(r => Reads(r.If!)), input)
                .Select(assigned => Array.FindIndex(axis.Rows, r => r.If is null || Holds(r.If, assigned)))];

        /// <summary>
        /// Next-level advice the slow way. Every root-to-leaf path, with the conditions on it the input
        /// does not meet whatever its unknown facts are — leaving out those whose node cannot lead
        /// lower than the path's outcome any other way. The nearest outcome above the highest
        /// candidate, by the path with the fewest such conditions, then the one that follows the
        /// input's own answered walk longest, then the first written; then, if a higher outcome has
        /// a path that needs nothing more than that one, the highest such, chosen the same way.
        /// </summary>
        public GNextLevel? NextLevel(GInput input)
        {
            var ranks = Ranks;
            var current = Outcomes(input).Max(o => ranks[o]);
            var walk = AnsweredWalk(input);
            var paths = Paths()
                .Select(path => (
                    path.Outcome,
                    Rank: ranks[path.Outcome],
                    path.Steps,
                    Needs: path.Steps.Where(step => Floor(step) < ranks[path.Outcome] && !Met(step, input)).ToList(),
                    Shared: path.Steps.Zip(walk).TakeWhile(pair => pair.First == pair.Second).Count()))
                .Where(path => path.Rank > current)
                .ToList();
            if (paths.Count == 0)
            {
                return null;
            }

            var nearest = paths.OrderBy(p => p.Rank).ThenBy(p => p.Needs.Count).ThenByDescending(p => p.Shared).First();
            var chosen = paths.Where(p => p.Rank > nearest.Rank && p.Needs.All(nearest.Needs.Contains))
                .OrderByDescending(p => p.Rank).ThenBy(p => p.Needs.Count).ThenByDescending(p => p.Shared)
                .DefaultIfEmpty(nearest).First();
            return new GNextLevel(chosen.Outcome, chosen.Steps[^1], [.. chosen.Needs.Order()]);
        }

        /// <summary>Every root-to-leaf path in the order written: the branches taken and the outcome.</summary>
        private List<(List<(int Node, int Branch)> Steps, string Outcome)> Paths()
        {
            var paths = new List<(List<(int Node, int Branch)> Steps, string Outcome)>();
            void Visit(int node, List<(int Node, int Branch)> before)
            {
                foreach (var (target, branch) in Targets(Nodes[node]).Select((t, b) => (t, b)))
                {
                    List<(int Node, int Branch)> steps = [.. before, (node, branch)];
                    if (target is GLeaf leaf)
                    {
                        paths.Add((steps, leaf.Outcome));
                    }
                    else
                    {
                        Visit(((GNext)target).Node, steps);
                    }
                }
            }

            Visit(0, []);
            return paths;
        }

        /// <summary>The lowest outcome rank the other branches of the step's node lead to.</summary>
        private int Floor((int Node, int Branch) step) =>
            Targets(Nodes[step.Node]).Where((_, b) => b != step.Branch).Select(Lowest).DefaultIfEmpty(int.MaxValue).Min();

        private int Lowest(GTarget target) => target switch
        {
            GLeaf leaf => Ranks[leaf.Outcome],
            GNext next => Targets(Nodes[next.Node]).Min(Lowest),
            _ => throw new InvalidOperationException(),
        };

        /// <summary>Whether the input takes this branch whatever its unknown facts are, each condition part judged on its own.</summary>
        private bool Met((int Node, int Branch) step, GInput input) => Nodes[step.Node] switch
        {
            GIf c => Judge(c.If, input) == (step.Branch == 0),
            GSwitch s => ValuesOf(Facts[s.Fact].Path, input).All(v => Branch(s, (string)v) == step.Branch),
            _ => throw new InvalidOperationException(),
        };

        private static int Branch(GSwitch node, string value) => Array.FindIndex(node.Cases, c => c.Values.Contains(value)) is var found and >= 0 ? found : node.Cases.Length;

        /// <summary>
        /// A condition judged on what is known: a test is true or false when every value of its fact
        /// agrees, else unknown; all/any/not combine the judgements (an unknown part leaves "all"
        /// unknown unless another is false).
        /// </summary>
        private bool? Judge(GCondition condition, GInput input)
        {
            switch (condition)
            {
                case GAtom atom:
                    var truths = Truths(atom, input);
                    return truths.Count == 1 ? truths.Single() : null;
                case GAll all:
                    var parts = all.Parts.Select(p => Judge(p, input)).ToList();
                    return parts.Contains(false) ? false : parts.All(p => p == true) ? true : null;
                case GAny any:
                    var options = any.Parts.Select(p => Judge(p, input)).ToList();
                    return options.Contains(true) ? true : options.All(p => p == false) ? false : null;
                case GNot not:
                    return !Judge(not.Part, input);
                default:
                    throw new InvalidOperationException();
            }
        }

        /// <summary>The branches the input's known facts decide, from the root until a question they leave open.</summary>
        private List<(int Node, int Branch)> AnsweredWalk(GInput input)
        {
            var walk = new List<(int Node, int Branch)>();
            var node = 0;
            while (true)
            {
                var branch = Nodes[node] switch
                {
                    GIf c => Judge(c.If, input) switch { true => 0, false => 1, _ => -1 },
                    GSwitch s => ValuesOf(Facts[s.Fact].Path, input).Select(v => Branch(s, (string)v)).Distinct().ToList() is [var only] ? only : -1,
                    _ => throw new InvalidOperationException(),
                };
                if (branch < 0)
                {
                    return walk;
                }

                walk.Add((node, branch));
                if (Targets(Nodes[node]).ElementAt(branch) is not GNext next)
                {
                    return walk;
                }

                node = next.Node;
            }
        }

        /// <summary>The truth values a condition takes over every completion of the input.</summary>
        public HashSet<bool> Truths(GCondition condition, GInput input) =>
            [.. Completions(Reads(condition), input).Select(assigned => Holds(condition, assigned))];

        public bool ReadsOnlyKnown(GCondition condition, GInput input) => Reads(condition).All(p => ValuesOf(p, input).Count == 1);

        private IEnumerable<Dictionary<string, object>> Completions(IEnumerable<string> paths, GInput input)
        {
            IEnumerable<Dictionary<string, object>> all = [[]];
            foreach (var path in paths.Distinct())
            {
                var values = ValuesOf(path, input);
                all = all.SelectMany(a => values.Select(v => new Dictionary<string, object>(a) { [path] = v }));
            }

            return all;
        }

        private IEnumerable<string> Reads(GNode node) => node switch
        {
            GSwitch s => [Facts[s.Fact].Path],
            GIf c => Reads(c.If),
            _ => [],
        };

        private static IEnumerable<string> Reads(GCondition condition) => condition switch
        {
            GAtom a => [a.Fact],
            GAll all => all.Parts.SelectMany(Reads),
            GAny any => any.Parts.SelectMany(Reads),
            GNot not => Reads(not.Part),
            _ => [],
        };

        private static bool Holds(GCondition condition, Dictionary<string, object> assigned) => condition switch
        {
            GAtom { Operator: "is" or "in" } a => assigned[a.Fact] switch
            {
                bool flag => a.Values.Contains(flag ? "true" : "false"),
                string value => a.Values.Contains(value),
                _ => false,
            },
            GAtom { Operator: "contains" or "intersects" } a => ((HashSet<string>)assigned[a.Fact]).Overlaps(a.Values),
            GAtom { Operator: "empty" } a => ((HashSet<string>)assigned[a.Fact]).Count == 0,
            GAtom { Operator: "not_empty" } a => ((HashSet<string>)assigned[a.Fact]).Count > 0,
            GAll all => all.Parts.All(p => Holds(p, assigned)),
            GAny any => any.Parts.Any(p => Holds(p, assigned)),
            GNot not => !Holds(not.Part, assigned),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>What the input says: a value per declared fact (absent when unknown), and the evaluation country.</summary>
    internal sealed record GInput(ImmutableDictionary<string, FactValue> Values, string Home) : IFactSource
    {
        /// <summary>The declared facts whose source the input does not say.</summary>
        public ImmutableHashSet<string> Unevidenced { get; init; } = [];

        public FactValue? Read(string path) => Values.GetValueOrDefault(path);

        public string? Evidence(string path) => Unevidenced.Contains(path) ? null : "generated";

        public static Gen<GInput> Generator(GRuleset ruleset) =>
            from seed in Gen.Int[0, int.MaxValue]
            select Build(ruleset, new Random(seed));

        private static GInput Build(GRuleset ruleset, Random random)
        {
            var values = ImmutableDictionary.CreateBuilder<string, FactValue>();
            foreach (var fact in ruleset.Facts.Where(_ => random.Next(3) > 0))
            {
                values[fact.Path] = fact.Kind switch
                {
                    GKind.Bool => BoolValue.Of(random.Next(2) == 0),
                    GKind.Set => new SymbolSetValue([.. fact.Values.Where(_ => random.Next(2) == 0)]),
                    _ => new SymbolValue(fact.Other && random.Next(4) == 0 ? "unlisted" : fact.Values[random.Next(fact.Values.Length)]),
                };
            }

            string? Field() => random.Next(4) switch
            {
                0 => null,
                1 => "a",
                2 => random.Next(2) == 0 ? "KR" : "JP",
                _ => "b",
            };

            if (random.Next(3) > 0)
            {
                values["recs"] = new RecordListValue([.. Enumerable.Range(0, random.Next(0, 4)).Select(i => (IFactRecord)new GRecord("r" + i, Field(), Field()))]);
            }

            if (random.Next(3) > 0)
            {
                values["text.value"] = new SymbolValue(new[] { "a", "b", "KR", "JP", "other" }[random.Next(5)]);
            }

            return new GInput(values.ToImmutable(), random.Next(2) == 0 ? "KR" : "JP")
            {
                Unevidenced = [.. values.Keys.Where(_ => random.Next(3) == 0)],
            };
        }

        public override string ToString() =>
            "home " + Home + "; " + string.Join("; ", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + " = " + v.Value.Display + (Unevidenced.Contains(v.Key) ? " (no evidence)" : "")));
    }

    internal sealed record GRecord(string Label, string? F, string? G) : IFactRecord
    {
        public string? Field(string name) => name == "f" ? F : name == "g" ? G : null;
    }

    /// <summary>A generated ruleset with an input; classifies through the real engine.</summary>
    internal sealed record GCase(GRuleset Reference, GInput Input)
    {
        public Classification Classify() => Classify(Reference.Loaded!);

        public Classification Classify(Ruleset ruleset) =>
            TClassifier.Create(new ClassifierOptions { Ruleset = ruleset, Parameters = new Dictionary<string, string> { ["home"] = Input.Home } })
                .Classify(Input, "generated");

        /// <summary>The engine's next-level choice, in the reference's terms (nodes and branches numbered as written).</summary>
        public GNextLevel? NextLevel()
        {
            var ruleset = Reference.Loaded!;
            var next = Evaluation.Run(ruleset.Compiled, Input, new Dictionary<string, string> { ["home"] = Input.Home }).Next;
            (int, int) Source(int node, int branch) => (int.Parse(ruleset.Compiled.Nodes[node].Source.Id[1..], CultureInfo.InvariantCulture), branch);
            return next is null ? null : new GNextLevel(
                ruleset.Outcomes[next.Outcome].Id,
                Source(next.Leaf.Node, next.Leaf.Branch),
                [.. next.Unmet.Select(c => Source(c.Node, c.Branch)).Order()]);
        }

        public override string ToString() => Reference.Yaml() + "\n# input: " + Input;
    }
}
