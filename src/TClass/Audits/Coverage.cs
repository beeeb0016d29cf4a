using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TClass.Engine;
using TClass.Rules;
using TClass.Text;

namespace TClass.Audits;

/// <summary>How often one branch of one node was taken.</summary>
/// <param name="Node">The node's id.</param>
/// <param name="Branch">The branch's index (switch: its cases, then the default; condition: then, else).</param>
/// <param name="Label">The branch in plain words.</param>
/// <param name="Hits">How many walks took it (explored branches of unknown facts count).</param>
public sealed record BranchCoverage(string Node, int Branch, string Label, int Hits);

/// <summary>Which branches of a ruleset a set of classifications exercised, like <c>opa test --coverage</c>.</summary>
/// <param name="Ruleset">The ruleset.</param>
/// <param name="Branches">Every branch, in tree order.</param>
public sealed record CoverageReport(Ruleset Ruleset, ImmutableArray<BranchCoverage> Branches)
{
    /// <summary>Branches taken at least once.</summary>
    public int Covered => Branches.Count(b => b.Hits > 0);

    /// <summary>All branches.</summary>
    public int Total => Branches.Length;

    /// <summary>The branches never taken.</summary>
    public IEnumerable<BranchCoverage> Uncovered => Branches.Where(b => b.Hits == 0);

    /// <summary>The report as text: a line per node with its branches, then the total.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var node in Branches.GroupBy(b => b.Node))
        {
            text.Append(CultureInfo.InvariantCulture, $"{node.Key}  {node.Count(b => b.Hits > 0)}/{node.Count()}\n");
            foreach (var branch in node)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {(branch.Hits > 0 ? "✓" : "✗")} {branch.Hits,4}  {branch.Label}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"{Covered}/{Total} branches covered ({(Total == 0 ? 100 : 100.0 * Covered / Total):0.#}%)\n");
        return text.ToString();
    }
}

/// <summary>Measures branch coverage.</summary>
public static class Coverage
{
    /// <summary>The coverage of <paramref name="ruleset"/> by <paramref name="results"/> (results of other rulesets are ignored).</summary>
    public static CoverageReport Measure(Ruleset ruleset, IEnumerable<Classification> results)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        ArgumentNullException.ThrowIfNull(results);
        var compiled = ruleset.Compiled;
        var hits = compiled.Nodes.Select(n => new int[n.Branches.Length]).ToArray();
        foreach (var result in results.Where(r => r.Ruleset.Sha256 == ruleset.Sha256))
        {
            Count(result.Evaluation.Exploration.Steps, hits);
        }

        var branches = ImmutableArray.CreateBuilder<BranchCoverage>();
        foreach (var node in compiled.Nodes)
        {
            for (var b = 0; b < node.Branches.Length; b++)
            {
                var holds = node.SwitchFact is not null || b == 0;
                var label = PathTable.Describe(ruleset, new PathCondition(node.Index, b, null!, holds, 0), Language.English);
                var target = node.Branches[b].IsLeaf ? " ⇒ " + ruleset.Outcomes[node.Branches[b].Outcome].Id : " → " + compiled.Nodes[node.Branches[b].NextNode].Source.Id;
                branches.Add(new BranchCoverage(node.Source.Id, b, label + target, hits[node.Index][b]));
            }
        }

        return new CoverageReport(ruleset, branches.ToImmutable());
    }

    private static void Count(ImmutableArray<TraceStep> steps, int[][] hits)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case AnsweredStep answered:
                    hits[answered.Node][answered.Branch]++;
                    break;
                case SplitStep split:
                    foreach (var scenario in split.Scenarios)
                    {
                        Count(scenario.Steps, hits);
                    }

                    break;
            }
        }
    }
}
