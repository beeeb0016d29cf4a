using System.Globalization;
using System.Text.RegularExpressions;
using TClass.Diagnostics;
using TClass.Facts;
using TClass.Text;

namespace TClass.Rules;

/// <summary>
/// The load-time checks of a ruleset: every reference resolves, every fact exists in the input
/// format with a compatible shape, every value is in its fact's domain, every switch covers its
/// domain, ids are unique, the tree has no cycle and no unreachable node, score tables end with an
/// "otherwise" row, every message the explanations need is present and every placeholder resolves.
/// </summary>
internal sealed partial class RulesetLinter(Ruleset ruleset, RulesetBinder positions, FactSchema input, DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, FactDeclaration> _facts = [];

    public void Check()
    {
        CheckIds();
        CheckParameters();
        CheckOutcomes();
        CheckFacts();
        CheckNodes();
        if (CheckNodeCount())
        {
            CheckTree();
            CheckPaths();
        }

        CheckScores();
        CheckNotes();
        CheckMessages();
    }

    private void Error(object at, string path, string message, string fix, string code = "invalid-ruleset") =>
        diagnostics.Error(code, positions.PositionOf(at), path, message, fix);

    private void CheckIds()
    {
        Unique(ruleset.Outcomes.SelectMany(o => o.Aliases.Select(a => (Id: a, Part: (object)o)).Prepend((o.Id, o))), "outcome id or alias", "outcomes");
        Unique(ruleset.Groups.Select(g => (g.Id, (object)g)), "group id", "groups");
        Unique(ruleset.Facts.Select(f => (f.Path, (object)f)), "fact", "facts");
        Unique(ruleset.Nodes.Select(n => (n.Id, (object)n)), "node id", "nodes");
        Unique(ruleset.Axes.Select(a => (a.Id, (object)a)), "score axis", "scores");
        Unique(ruleset.Parameters.Select(p => (p.Name, (object)p)), "parameter", "parameters");
        Unique(ruleset.Notes.Select(n => (n.Id, (object)n)), "note id", "notes");
    }

    private void Unique(IEnumerable<(string Id, object Part)> items, string what, string path)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, part) in items)
        {
            if (!seen.Add(id))
            {
                Error(part, path, $"the {what} '{id}' is declared twice.", $"Give each {what} a unique name.", "duplicate-id");
            }
        }
    }

    private void CheckParameters()
    {
        foreach (var parameter in ruleset.Parameters.Where(p => p.Pattern is not null))
        {
            if (!IsValidPattern(parameter.Pattern!))
            {
                Error(parameter, "parameters." + parameter.Name, $"the pattern '{parameter.Pattern}' is not a valid regular expression.", "Fix the pattern.");
            }
            else if (!Regex.IsMatch(parameter.Default, parameter.Pattern!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                Error(parameter, "parameters." + parameter.Name, $"the default '{parameter.Default}' does not match the pattern '{parameter.Pattern}'.", "Change the default or the pattern.");
            }
        }
    }

    private static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void CheckOutcomes()
    {
        if (ruleset.Outcomes.Length > 64)
        {
            Error(ruleset.Outcomes[64], "outcomes", "a ruleset may declare at most 64 outcomes.", "Merge outcomes or split the ruleset.");
        }

        foreach (var outcome in ruleset.Outcomes.Where(o => o.Group is not null && ruleset.Groups.All(g => g.Id != o.Group)))
        {
            Error(outcome, "outcomes." + outcome.Id + ".group", $"the group '{outcome.Group}' is not declared.",
                Suggest(outcome.Group!, ruleset.Groups.Select(g => g.Id), "Declare it under 'groups:'."));
        }
    }

    private void CheckFacts()
    {
        foreach (var fact in ruleset.Facts)
        {
            _facts.TryAdd(fact.Path, fact);
            var path = "facts." + fact.Path;
            if (fact.Type == FactType.Bool && fact.Values.Length > 0)
            {
                Error(fact, path, "a bool fact has the values true and false; 'values' does not apply.", "Remove 'values'.");
            }

            if (fact.Type != FactType.Bool && fact.Values.Length == 0)
            {
                Error(fact, path, fact.Type == FactType.Enum ? "an enum fact needs its 'values'." : "a set fact needs its 'values'.", "List the fact's values.");
            }

            if (fact.Values.Length + (fact.Other ? 1 : 0) > 64)
            {
                Error(fact, path, "a fact may have at most 64 values.", "Group values, or use 'other: true' for the rest.");
            }

            if (fact.Other && fact.Type != FactType.Enum)
            {
                Error(fact, path, "'other' applies to enum facts only.", "Remove 'other'.");
            }

            foreach (var (value, label) in fact.ValueLabels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                if (fact.Type == FactType.Bool)
                {
                    Error(label, path + ".value_labels", "a bool fact is answered yes or no in the ruleset's messages; 'value_labels' does not apply.", "Remove 'value_labels'.");
                    break;
                }

                if (!fact.Values.Contains(value))
                {
                    Error(label, path + ".value_labels." + value, $"'{value}' is not one of the fact's values.",
                        Suggest(value, fact.Values, "Label the values listed under 'values'."), "value-outside-domain");
                }
            }

            if (fact.Derive is { } derive)
            {
                CheckDerivation(fact, derive, path);
            }
            else
            {
                CheckInputFact(fact, path);
            }
        }
    }

    private void CheckDerivation(FactDeclaration fact, Derivation derive, string path)
    {
        if (fact.Type != FactType.Bool)
        {
            Error(fact, path, "a derived fact is yes or no, so its type must be bool.", "Write 'type: bool'.");
        }

        if (input.Find(fact.Path) is not null)
        {
            Error(fact, path, $"'{fact.Path}' is a fact of the input ({input.Name}); a derived fact needs a name of its own.", "Rename the derived fact.");
        }

        var over = input.Find(derive.Over);
        if (derive.Quantifier == Quantifier.Value)
        {
            if (over is null || over.Kind is FactKind.Records or FactKind.Set or FactKind.TextList)
            {
                Error(derive, path + ".derive.value", $"'{derive.Over}' is not a single value in the input ({input.Name}).",
                    Suggest(derive.Over, input.Facts.Where(f => f.Kind is FactKind.Enum or FactKind.Text or FactKind.Bool).Select(f => f.Path), "Test a single fact such as model.country."));
                return;
            }
        }
        else if (over is null || over.Kind != FactKind.Records)
        {
            Error(derive, path + ".derive", $"'{derive.Over}' is not a list of records in the input ({input.Name}).",
                Suggest(derive.Over, input.Facts.Where(f => f.Kind == FactKind.Records).Select(f => f.Path), "Derive from a list such as components."));
            return;
        }

        foreach (var test in derive.Where)
        {
            if (test.Field is { } field && !over.Values.Contains(field))
            {
                Error(test, path + ".derive.where.field", $"the records of '{derive.Over}' have no field '{field}'.",
                    Suggest(field, over.Values, "Fields: " + string.Join(", ", over.Values) + "."));
            }

            foreach (var value in test.Values.Where(v => v.StartsWith('$') && ruleset.Parameters.All(p => p.Name != v[1..])))
            {
                Error(test, path + ".derive.where." + (test.Negated ? "not_in" : "in"), $"'{value}' names no parameter of the ruleset.", "Declare the parameter under 'parameters:', or remove the '$'.");
            }
        }

        if (fact.Requires is null)
        {
            Error(fact, path, "a derived fact needs 'requires' phrases, used in next-level advice.", "Add 'requires: {true: {en, ko}, false: {en, ko}}'.");
        }
    }

    private void CheckInputFact(FactDeclaration fact, string path)
    {
        var provided = input.Find(fact.Path);
        if (provided is null)
        {
            Error(fact, path, $"'{fact.Path}' is not a fact of the input ({input.Name}).",
                Suggest(fact.Path, input.Facts.Select(f => f.Path), "Use a fact path of the manifest, or derive the fact with 'derive'."), "unknown-fact");
            return;
        }

        var compatible = (fact.Type, provided.Kind) switch
        {
            (FactType.Enum, FactKind.Enum) => true,
            (FactType.Enum, FactKind.Text) => fact.Other,
            (FactType.Bool, FactKind.Bool) => true,
            (FactType.Set, FactKind.Set) => true,
            _ => false,
        };
        if (!compatible)
        {
            var fix = provided.Kind == FactKind.Text && fact.Type == FactType.Enum
                ? "The input's value is free text: add 'other: true' so values not listed read as 'other'."
                : $"Declare it with the type that matches the input ({provided.Kind.ToString().ToLowerInvariant()}).";
            Error(fact, path, $"'{fact.Path}' is {provided.Kind.ToString().ToLowerInvariant()} in the input, not {fact.Type.ToString().ToLowerInvariant()}.", fix);
            return;
        }

        if (provided.Kind is FactKind.Enum or FactKind.Set)
        {
            foreach (var value in fact.Values.Where(v => !provided.Values.Contains(v)))
            {
                Error(fact, path, $"'{value}' is not a value the input can have for '{fact.Path}'.",
                    Suggest(value, provided.Values, "Values: " + string.Join(", ", provided.Values) + "."), "value-outside-domain");
            }

            var missing = provided.Values.Where(v => !fact.Values.Contains(v)).ToList();
            if (missing.Count > 0 && !fact.Other)
            {
                Error(fact, path, $"the input can also give '{fact.Path}' the values {string.Join(", ", missing)}, which the ruleset does not list.",
                    "List every value, or add 'other: true' to read the rest as 'other'.");
            }
        }
    }

    private void CheckNodes()
    {
        foreach (var node in ruleset.Nodes)
        {
            var path = "nodes." + node.Id;
            switch (node)
            {
                case SwitchNode s:
                    CheckSwitch(s, path);
                    break;
                case ConditionNode c:
                    CheckCondition(c.If, path + ".if");
                    break;
            }

            foreach (var branch in node.Branches)
            {
                CheckTarget(branch.Target, path);
            }
        }
    }

    private void CheckSwitch(SwitchNode node, string path)
    {
        if (!_facts.TryGetValue(node.Fact, out var fact))
        {
            Error(node, path + ".switch", $"'{node.Fact}' is not a declared fact.", Suggest(node.Fact, _facts.Keys, "Declare it under 'facts:'."), "unknown-fact");
            return;
        }

        if (fact.Type == FactType.Set)
        {
            Error(node, path + ".switch", $"'{node.Fact}' is a set; a switch needs a fact with one value.", "Use a condition node with 'contains', 'intersects' or 'empty'.");
            return;
        }

        if (HasNoDomain(fact))
        {
            return;
        }

        var domain = Domain(fact);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var @case in node.Cases)
        {
            foreach (var value in @case.Values)
            {
                if (!domain.Contains(value))
                {
                    Error(@case, path + ".cases", $"'{value}' is not a value of '{fact.Path}'.", Suggest(value, domain, "Values: " + string.Join(", ", domain) + "."), "value-outside-domain");
                }
                else if (!covered.Add(value))
                {
                    Error(@case, path + ".cases", $"the value '{value}' is listed in two cases.", "List each value in one case only.");
                }
            }
        }

        var uncovered = domain.Where(v => !covered.Contains(v)).ToList();
        if (uncovered.Count > 0 && node.Default is null)
        {
            Error(node, path, $"the switch on '{fact.Path}' has no case for {string.Join(", ", uncovered)} and no default.", "Add cases for them, or a 'default' branch.", "uncovered-switch");
        }

        if (uncovered.Count == 0 && node.Default is not null)
        {
            Error(node.Default, path + ".default", "every value has a case, so the default is never taken.", "Remove the default.", "unreachable");
        }
    }

    private void CheckCondition(Condition condition, string path)
    {
        switch (condition)
        {
            case AllOf all:
                all.Conditions.ToList().ForEach(c => CheckCondition(c, path));
                return;
            case AnyOf any:
                any.Conditions.ToList().ForEach(c => CheckCondition(c, path));
                return;
            case Not not:
                CheckCondition(not.Condition, path);
                return;
            case FactTest test:
                CheckTest(test, path);
                return;
        }
    }

    private void CheckTest(FactTest test, string path)
    {
        if (!_facts.TryGetValue(test.Fact, out var fact))
        {
            Error(test, path, $"'{test.Fact}' is not a declared fact.", Suggest(test.Fact, _facts.Keys, "Declare it under 'facts:'."), "unknown-fact");
            return;
        }

        var isSetTest = test.Operator is TestOperator.Contains or TestOperator.Intersects or TestOperator.Empty or TestOperator.NotEmpty;
        if (isSetTest != (fact.Type == FactType.Set))
        {
            Error(test, path, fact.Type == FactType.Set
                    ? $"'{fact.Path}' is a set; test it with contains, intersects or empty."
                    : $"'{fact.Path}' has one value; test it with is or in.",
                "Use an operator that fits the fact.");
            return;
        }

        if (HasNoDomain(fact))
        {
            return;
        }

        var domain = Domain(fact);
        foreach (var value in test.Values.Where(v => !domain.Contains(v)))
        {
            Error(test, path, $"'{value}' is not a value of '{fact.Path}'.", Suggest(value, domain, "Values: " + string.Join(", ", domain) + "."), "value-outside-domain");
        }
    }

    /// <summary>An enum or set fact that lists no values, already reported: its values cannot be checked.</summary>
    private static bool HasNoDomain(FactDeclaration fact) => fact.Type != FactType.Bool && fact.Values.IsEmpty && !fact.Other;

    private static List<string> Domain(FactDeclaration fact) =>
        fact.Type == FactType.Bool ? ["true", "false"] : [.. fact.Values.Concat(fact.Other ? [CompiledFact.OtherSymbol] : [])];

    private void CheckTarget(BranchTarget target, string path)
    {
        switch (target)
        {
            case GoTo go when ruleset.Nodes.All(n => n.Id != go.Node):
                Error(target, path, $"the node '{go.Node}' does not exist.", Suggest(go.Node, ruleset.Nodes.Select(n => n.Id), "Point 'next' at a node id."), "unknown-node");
                break;
            case Conclude leaf when ruleset.Outcomes.All(o => o.Id != leaf.Outcome):
                Error(target, path, $"the outcome '{leaf.Outcome}' is not declared.", Suggest(leaf.Outcome, ruleset.Outcomes.Select(o => o.Id), "Declare it under 'outcomes:'."), "unknown-outcome");
                break;
        }
    }

    /// <summary>Nodes a ruleset may have: every walk over the tree stays small, and each path can be read.</summary>
    public const int MaxNodes = 1_000;

    /// <summary>Root-to-outcome paths a ruleset may have: each is a row of its path table and a case its audits must cover.</summary>
    public const long MaxPaths = 10_000;

    /// <summary>Questions on the longest path: an explanation longer than this cannot be followed.</summary>
    public const int MaxDepth = 64;

    /// <summary>The nodes by id (the first of a duplicated id; duplicates are reported by <see cref="CheckIds"/>).</summary>
    private Dictionary<string, RuleNode> NodesById =>
        field ??= ruleset.Nodes.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private bool CheckNodeCount()
    {
        if (ruleset.Nodes.Length <= MaxNodes)
        {
            return true;
        }

        Error(ruleset.Nodes[MaxNodes], "nodes", string.Create(CultureInfo.InvariantCulture, $"the ruleset has {ruleset.Nodes.Length:N0} nodes, more than the {MaxNodes:N0} a ruleset may have."),
            "Merge nodes that ask the same question; a tree this large cannot be explained or audited.", "too-large");
        return false;
    }

    /// <summary>
    /// Counts the paths from the root to an outcome, and the questions on the longest, once per node
    /// (a shared node's counts are reused, so this takes time linear in the tree). Shared nodes multiply
    /// paths: forty nodes whose two branches both lead to the next give 2⁴⁰.
    /// </summary>
    private void CheckPaths()
    {
        var byId = NodesById;
        if (diagnostics.HasErrors || !byId.TryGetValue(ruleset.Root, out var root))
        {
            return;
        }

        var counts = new Dictionary<string, (long Paths, int Depth)>(StringComparer.Ordinal);
        (long Paths, int Depth) Count(RuleNode node)
        {
            if (counts.TryGetValue(node.Id, out var known))
            {
                return known;
            }

            long paths = 0;
            var depth = 0;
            foreach (var branch in node.Branches)
            {
                var (p, d) = branch.Target is GoTo next && byId.TryGetValue(next.Node, out var child) ? Count(child) : (1, 0);
                paths = Math.Min(MaxPaths + 1, paths + p);
                depth = Math.Max(depth, d);
            }

            return counts[node.Id] = (paths, depth + 1);
        }

        var (total, longest) = Count(root);
        if (total > MaxPaths)
        {
            Error(root, "nodes", string.Create(CultureInfo.InvariantCulture, $"the tree has more than {MaxPaths:N0} paths from its root to an outcome (nodes reached from several branches multiply them)."),
                "Lead branches to outcomes, or to nodes that ask a different question; every path must stay one an auditor can read.", "too-large");
        }

        if (longest > MaxDepth)
        {
            Error(root, "nodes", string.Create(CultureInfo.InvariantCulture, $"its longest path asks {longest:N0} questions, more than the {MaxDepth} an explanation may have."),
                "Ask fewer questions in a row, for example with one switch over a fact's values instead of a chain of conditions.", "too-large");
        }
    }

    /// <summary>The root exists, there is no cycle, and every node can be reached from the root.</summary>
    private void CheckTree()
    {
        var byId = NodesById;
        if (!byId.TryGetValue(ruleset.Root, out var root))
        {
            diagnostics.Error("unknown-node", new SourcePosition(1, 1), "root", $"the root node '{ruleset.Root}' does not exist.",
                Suggest(ruleset.Root, byId.Keys, "Point 'root' at a node id."));
            return;
        }

        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
        void Visit(RuleNode node)
        {
            state[node.Id] = false;
            foreach (var next in node.Branches.Select(b => b.Target).OfType<GoTo>())
            {
                if (!byId.TryGetValue(next.Node, out var child))
                {
                    continue;
                }

                if (state.TryGetValue(child.Id, out var done))
                {
                    if (!done)
                    {
                        Error(next, "nodes." + node.Id, $"'{node.Id}' leads back to '{child.Id}': the tree has a cycle.", "Point the branch at a node further down, or at an outcome.", "cycle");
                    }

                    continue;
                }

                Visit(child);
            }

            state[node.Id] = true;
        }

        Visit(root);
        foreach (var node in ruleset.Nodes.Where(n => !state.ContainsKey(n.Id)))
        {
            Error(node, "nodes." + node.Id, $"the node '{node.Id}' cannot be reached from the root '{ruleset.Root}'.", "Lead a branch to it, or remove it.", "unreachable");
        }
    }

    private void CheckScores()
    {
        foreach (var axis in ruleset.Axes)
        {
            var path = "scores." + axis.Id;
            for (var i = 0; i < axis.Rules.Length; i++)
            {
                var rule = axis.Rules[i];
                var last = i == axis.Rules.Length - 1;
                if (rule.If is null && !last)
                {
                    Error(rule, path, "a row without 'if' must be the last; the rows after it are never used.", "Move it to the end or give it a condition.", "unreachable");
                }
                else if (rule.If is not null && last)
                {
                    Error(rule, path, "the last row needs no 'if': it gives the score when no other row applies.", "Remove the 'if' of the last row, or add a final row without one.");
                }

                if (rule.If is not null)
                {
                    CheckCondition(rule.If, path);
                }
            }
        }
    }

    private void CheckNotes()
    {
        foreach (var note in ruleset.Notes)
        {
            CheckCondition(note.When, "notes." + note.Id);
        }
    }

    private void CheckMessages()
    {
        foreach (var key in MessageKeys.All.Where(k => !ruleset.Messages.ContainsKey(k)))
        {
            diagnostics.Error("missing-message", new SourcePosition(1, 1), "messages." + key, $"the message '{key}' is missing; explanations need it.",
                $"Add '{key}: {{en: ..., ko: ...}}' under 'messages:'.");
        }

        var names = new HashSet<string>(ruleset.Parameters.Select(p => p.Name).Concat(input.Facts.Select(f => f.Path)).Concat(_facts.Keys), StringComparer.Ordinal);
        foreach (var (part, text, where) in Texts())
        {
            foreach (var placeholder in new[] { text.En, text.Ko }.SelectMany(t => Placeholder().Matches(t)).Select(m => m.Groups[1].Value).Distinct())
            {
                var allowed = names.Contains(placeholder) || (where.StartsWith("messages.", StringComparison.Ordinal) && MessageKeys.Placeholders.Contains(placeholder));
                if (!allowed)
                {
                    Error(part, where, $"the placeholder '{{{placeholder}}}' names no fact or parameter.", Suggest(placeholder, names, "Use {fact.path} or {parameter}."), "unknown-placeholder");
                }
            }
        }
    }

    private IEnumerable<(object Part, LocalizedText Text, string Where)> Texts()
    {
        foreach (var node in ruleset.Nodes)
        {
            yield return (node, node.Question, "nodes." + node.Id + ".question");
            foreach (var branch in node.Branches)
            {
                yield return (branch, branch.Reason, "nodes." + node.Id);
            }
        }

        foreach (var fact in ruleset.Facts)
        {
            yield return (fact, fact.Label, "facts." + fact.Path);
            if (fact.Requires is { } requires)
            {
                yield return (fact, requires.True, "facts." + fact.Path + ".requires");
                yield return (fact, requires.False, "facts." + fact.Path + ".requires");
            }
        }

        foreach (var axis in ruleset.Axes)
        {
            foreach (var rule in axis.Rules)
            {
                yield return (rule, rule.Reason, "scores." + axis.Id);
            }
        }

        foreach (var note in ruleset.Notes)
        {
            yield return (note, note.Text, "notes." + note.Id);
        }

        foreach (var (key, text) in ruleset.Messages)
        {
            yield return (text, text, "messages." + key);
        }
    }

    private static string Suggest(string typed, IEnumerable<string> known, string otherwise) =>
        Suggestions.Nearest(typed, known) is { } nearest ? $"Did you mean '{nearest}'? {otherwise}" : otherwise;

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();
}
