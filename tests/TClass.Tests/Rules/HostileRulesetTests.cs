using System.Globalization;
using System.Text;
using TClass.Facts;
using TClass.Rules;

namespace TClass.Tests.Rules;

/// <summary>
/// A ruleset is code a user may be handed: one whose shared nodes multiply its paths, or whose chain
/// of questions is endless, is refused when it is loaded — before any walk over it could take
/// exponential time — with a message that says what is too large.
/// </summary>
public sealed class HostileRulesetTests
{
    /// <summary>The toy policy with its tree replaced by <paramref name="nodes"/>, rooted at n0.</summary>
    private static string PolicyWith(string nodes)
    {
        var policy = ToyRulesetTests.Policy;
        var start = policy.IndexOf("root: kind", StringComparison.Ordinal);
        var end = policy.IndexOf("notes:", StringComparison.Ordinal);
        return policy[..start] + "root: n0\nnodes:\n" + nodes + policy[end..];
    }

    /// <summary>
    /// A first question that may end in cook, then <paramref name="count"/> nodes each asking one
    /// question whose two answers both lead to the next node, the last ending in eat or compost.
    /// </summary>
    private static string Diamonds(int count)
    {
        var nodes = new StringBuilder("""
              - id: n0
                question: { en: "Which fruit?", ko: "어떤 과일?" }
                switch: fruit.kind
                cases:
                  - { values: [plum], outcome: cook, reason: { en: "plum", ko: "자두" } }
                default: { next: n1, reason: { en: "not a plum", ko: "자두 아님" } }

            """);
        for (var i = 1; i <= count; i++)
        {
            var (then, otherwise) = i < count ? ($"next: n{i + 1}", $"next: n{i + 1}") : ("outcome: eat", "outcome: compost");
            nodes.Append(Node(i, MarkCondition(i), then, otherwise));
        }

        return nodes.ToString();
    }

    /// <summary>A chain: each node asks of another mark and ends in eat, cook or compost, or asks the next question.</summary>
    private static string Chain(int count) => string.Concat(Enumerable.Range(0, count).Select(i =>
        Node(i, MarkCondition(i), $"outcome: {(i % 2 == 0 ? "eat" : "cook")}", i + 1 < count ? $"next: n{i + 1}" : "outcome: compost")));

    /// <summary>
    /// A balanced tree of <paramref name="count"/> questions: node i asks of a mark and leads on to nodes
    /// 2i+1 and 2i+2; a node without them asks whether the fruit is ripe, to eat or cook it or compost it.
    /// </summary>
    private static string Wide(int count) => string.Concat(Enumerable.Range(0, count).Select(i => 2 * i + 1 < count
        ? Node(i, MarkCondition(i), $"next: n{2 * i + 1}", 2 * i + 2 < count ? $"next: n{2 * i + 2}" : "outcome: compost")
        : Node(i, Ripe, $"outcome: {(i % 2 == 0 ? "eat" : "cook")}", "outcome: compost")));

    /// <summary>
    /// A chain with exactly <paramref name="paths"/> paths from its root to an outcome (at least 2): a node
    /// whose two answers both lead to the next doubles the paths below it; one that ends in cook when
    /// answered yes adds one; the last asks whether the fruit is ripe, to eat it or compost it.
    /// </summary>
    private static string WithPaths(long paths)
    {
        var doubles = new List<bool>();
        for (var left = paths; left > 2; left = left % 2 == 0 ? left / 2 : left - 1)
        {
            doubles.Add(left % 2 == 0);
        }

        return string.Concat(doubles.Select((doubled, i) => Node(i, MarkCondition(i), doubled ? $"next: n{i + 1}" : "outcome: cook", $"next: n{i + 1}")))
            + Node(doubles.Count, Ripe, "outcome: eat", "outcome: compost");
    }

    private const string Ripe = "fact: fruit.ripe, is: true";

    private static string MarkCondition(int i) => $"fact: fruit.marks, contains: {Mark(i)}";

    /// <summary>The node n<paramref name="i"/>: a yes-or-no question on <paramref name="condition"/> and where each answer leads.</summary>
    private static string Node(int i, string condition, string then, string otherwise) => string.Create(CultureInfo.InvariantCulture, $$"""
          - id: n{{i}}
            question: { en: "Question {{i}}?", ko: "질문 {{i}}?" }
            if: { {{condition}} }
            then: { {{then}}, reason: { en: "yes", ko: "예" } }
            else: { {{otherwise}}, reason: { en: "no", ko: "아니요" } }

        """);

    private static string Mark(int i) => (i % 3) switch { 0 => "worm", 1 => "bruise", _ => "sticker" };

    [Fact]
    public void Forty_shared_nodes_are_refused_for_their_two_to_the_forty_paths()
    {
        var read = RulesetReader.Parse(PolicyWith(Diamonds(40)), ToyRulesetTests.Fruit, "diamonds.yaml");

        Assert.False(read.Succeeded);
        var error = Assert.Single(read.Diagnostics, e => e.Code == "too-large");
        Assert.EndsWith("error: nodes: the tree has more than 10,000 paths from its root to an outcome (nodes reached from several branches multiply them). Fix: Lead branches to outcomes, or to nodes that ask a different question; every path must stay one an auditor can read.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_shared_nodes_load_and_classify_with_every_fact_unknown()
    {
        var read = RulesetReader.Parse(PolicyWith(Diamonds(12)), ToyRulesetTests.Fruit, "diamonds.yaml");
        Assert.True(read.Succeeded, string.Join('\n', read.Diagnostics));

        var result = TClassifier.Create(new ClassifierOptions { Ruleset = read.Ruleset }).Classify(new NothingKnown(), "a piece of fruit");

        Assert.Equal(["compost", "cook", "eat"], result.Candidates.Select(c => c.Id));
    }

    private sealed class NothingKnown : IFactSource
    {
        public FactValue? Read(string path) => null;

        public string? Evidence(string path) => null;
    }

    [Fact]
    public void A_tree_of_exactly_ten_thousand_paths_loads_and_one_more_is_refused()
    {
        var most = RulesetReader.Parse(PolicyWith(WithPaths(RulesetLinter.MaxPaths)), ToyRulesetTests.Fruit, "paths.yaml");
        var over = RulesetReader.Parse(PolicyWith(WithPaths(RulesetLinter.MaxPaths + 1)), ToyRulesetTests.Fruit, "paths.yaml");

        Assert.True(most.Succeeded, string.Join('\n', most.Diagnostics));
        var error = Assert.Single(over.Diagnostics, e => e.Code == "too-large");
        Assert.Contains("error: nodes: the tree has more than 10,000 paths from its root to an outcome", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ruleset_of_exactly_a_thousand_nodes_loads_and_one_more_is_refused()
    {
        const string orphan = """
              - id: orphan
                question: { en: "Ripe?", ko: "익었나?" }
                if: { fact: fruit.ripe, is: true }
                then: { outcome: eat, reason: { en: "yes", ko: "예" } }
                else: { outcome: compost, reason: { en: "no", ko: "아니요" } }

            """;
        var most = RulesetReader.Parse(PolicyWith(Wide(RulesetLinter.MaxNodes)), ToyRulesetTests.Fruit, "wide.yaml");
        var over = RulesetReader.Parse(PolicyWith(Wide(RulesetLinter.MaxNodes) + orphan), ToyRulesetTests.Fruit, "wide.yaml");

        Assert.True(most.Succeeded, string.Join('\n', most.Diagnostics));
        // The size is the only complaint: the node no branch leads to is not looked for in a tree this large.
        var error = Assert.Single(over.Diagnostics);
        Assert.Contains("error: nodes: the ruleset has 1,001 nodes, more than the 1,000 a ruleset may have.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_of_three_thousand_questions_is_refused_for_its_depth()
    {
        var read = RulesetReader.Parse(PolicyWith(Chain(3001)), ToyRulesetTests.Fruit, "chain.yaml");

        // The size is the only complaint: nothing else of a tree this large is walked.
        var error = Assert.Single(read.Diagnostics);
        Assert.Equal("too-large", error.Code);
        Assert.EndsWith("error: nodes: the ruleset has 3,001 nodes, more than the 1,000 a ruleset may have. Fix: Merge nodes that ask the same question; a tree this large cannot be explained or audited.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_longer_than_an_explanation_may_be_is_refused()
    {
        var read = RulesetReader.Parse(PolicyWith(Chain(RulesetLinter.MaxDepth + 1)), ToyRulesetTests.Fruit, "chain.yaml");

        var error = Assert.Single(read.Diagnostics, e => e.Code == "too-large");
        Assert.EndsWith("error: nodes: its longest path asks 65 questions, more than the 64 an explanation may have. Fix: Ask fewer questions in a row, for example with one switch over a fact's values instead of a chain of conditions.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_as_long_as_an_explanation_may_be_loads()
    {
        var read = RulesetReader.Parse(PolicyWith(Chain(RulesetLinter.MaxDepth)), ToyRulesetTests.Fruit, "chain.yaml");

        Assert.True(read.Succeeded, string.Join('\n', read.Diagnostics));
    }
}
