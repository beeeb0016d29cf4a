using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Text;

namespace TClass.Rules;

/// <summary>
/// Builds the <see cref="Ruleset"/> model from a document that passed the ruleset schema, and
/// remembers where each part was written so the load-time checks can point at it.
/// </summary>
internal sealed class RulesetBinder
{
    private readonly Dictionary<object, SourcePosition> _positions = new(ReferenceEqualityComparer.Instance);

    public SourcePosition PositionOf(object part) => _positions.GetValueOrDefault(part, new SourcePosition(1, 1));

    public Ruleset Bind(MappingNode root, string sha256)
    {
        var outcomes = root.Items("outcomes")
            .Select((n, rank) => Remember(new Outcome(n.Text("id")!, rank, Text(n.Node("label")), n.Word("group"), [.. n.Texts("aliases")]), n))
            .ToImmutableArray();
        return new Ruleset
        {
            Id = root.Text("id")!,
            Version = root.Text("version")!,
            Title = Text(root.Node("title")),
            Description = root.Has("description") ? Text(root.Node("description")) : null,
            Source = root.Text("source"),
            Parameters = [.. root.Items("parameters").Select(n =>
                Remember(new RulesetParameter(n.Text("name")!, n.Text("default")!, n.Text("pattern"), Text(n.Node("label"))), n))],
            Groups = [.. root.Items("groups").Select(n => Remember(new OutcomeGroup(n.Text("id")!, Text(n.Node("label"))), n))],
            Outcomes = outcomes,
            Facts = [.. root.Items("facts").Select(BindFact)],
            Root = root.Text("root")!,
            Nodes = [.. root.Items("nodes").Select(BindNode)],
            Axes = [.. root.Items("scores").Select(n => Remember(new ScoreAxis(
                n.Text("axis")!,
                Text(n.Node("label")),
                [.. n.Items("rules").Select(r => Remember(new ScoreRule(
                    r.Node("if") is { } condition ? BindCondition(condition) : null,
                    (int)r.Integer("score")!.Value,
                    Text(r.Node("reason"))), r))]), n))],
            Notes = [.. root.Items("notes").Select(n => Remember(new RulesetNote(n.Text("id")!, BindCondition(n.Node("when")!), Text(n.Node("text"))), n))],
            Messages = (root.Map("messages")?.Entries ?? [])
                .ToImmutableDictionary(e => e.Key.Text, e => Remember(Text(e.Value), e.Key), StringComparer.Ordinal),
            Sha256 = sha256,
        };
    }

    private FactDeclaration BindFact(DocumentNode node)
    {
        var type = node.Word("type") switch
        {
            "bool" => FactType.Bool,
            "set" => FactType.Set,
            _ => FactType.Enum,
        };
        Derivation? derive = null;
        if (node.Map("derive") is { } d)
        {
            var (quantifier, over) = d.Word("any") is { } any ? (Quantifier.Any, any)
                : d.Word("all") is { } all ? (Quantifier.All, all)
                : d.Word("none") is { } none ? (Quantifier.None, none)
                : (Quantifier.Value, d.Word("value")!);
            ImmutableArray<FieldTest> where = quantifier == Quantifier.Value
                ? [Test(null, d)]
                : d.Node("where") is SequenceNode list ? [.. list.Items.Select(w => Test(w.Text("field"), w))] : [Test(d.Map("where").Text("field"), d.Map("where")!)];
            derive = Remember(new Derivation(quantifier, over, where), d);
        }

        var requires = node.Map("requires") is { } r
            ? new BoolPhrases(Text(r.Node("true")), Text(r.Node("false")))
            : null;
        return Remember(new FactDeclaration(node.Text("path")!, type, node.Texts("values"), node.Bool("other") ?? false, Text(node.Node("label")))
        {
            Derive = derive,
            Requires = requires,
            ValueLabels = (node.Map("value_labels")?.Entries ?? [])
                .ToImmutableDictionary(e => e.Key.Text, e => Remember(Text(e.Value), e.Key), StringComparer.Ordinal),
        }, node);
    }

    private FieldTest Test(string? field, DocumentNode node) => Remember(
        node.Has("not_in") ? new FieldTest(field, node.Texts("not_in"), Negated: true) : new FieldTest(field, node.Texts("in"), Negated: false), node);

    private RuleNode BindNode(DocumentNode node)
    {
        var id = node.Text("id")!;
        var question = Text(node.Node("question"));
        if (node.Has("switch"))
        {
            var cases = node.Items("cases")
                .Select(c => Remember(new SwitchCase([.. Values(c.Node("values"))], BindBranch(c)), c))
                .ToImmutableArray();
            var fallback = node.Node("default") is { } d ? BindBranch(d) : null;
            return Remember(new SwitchNode(id, question, node.Word("switch")!, cases, fallback), node);
        }

        return Remember(new ConditionNode(id, question, BindCondition(node.Node("if")!), BindBranch(node.Node("then")!), BindBranch(node.Node("else")!)), node);
    }

    private Branch BindBranch(DocumentNode node)
    {
        BranchTarget target = node.Word("next") is { } next ? new GoTo(next) : new Conclude(node.Text("outcome")!);
        Remember(target, node);
        return Remember(new Branch(target, Text(node.Node("reason"))), node);
    }

    private Condition BindCondition(DocumentNode node)
    {
        Condition condition;
        if (node.Has("all"))
        {
            condition = new AllOf([.. node.Items("all").Select(BindCondition)]);
        }
        else if (node.Has("any"))
        {
            condition = new AnyOf([.. node.Items("any").Select(BindCondition)]);
        }
        else if (node.Node("not") is { } inner)
        {
            condition = new Not(BindCondition(inner));
        }
        else
        {
            var fact = node.Word("fact")!;
            condition = node.Has("is") ? new FactTest(fact, TestOperator.Is, [.. Values(node.Node("is"))])
                : node.Has("in") ? new FactTest(fact, TestOperator.In, [.. Values(node.Node("in"))])
                : node.Has("contains") ? new FactTest(fact, TestOperator.Contains, [.. Values(node.Node("contains"))])
                : node.Has("intersects") ? new FactTest(fact, TestOperator.Intersects, [.. Values(node.Node("intersects"))])
                : new FactTest(fact, node.Bool("empty") == true ? TestOperator.Empty : TestOperator.NotEmpty, []);
        }

        return Remember(condition, node);
    }

    /// <summary>The values of a scalar or a list; booleans read as <c>true</c>/<c>false</c>.</summary>
    private static IEnumerable<string> Values(DocumentNode? node) => node switch
    {
        SequenceNode list => list.Items.SelectMany(Values),
        ScalarNode { Kind: ScalarKind.Bool } flag => [flag.Text.ToLowerInvariant()],
        ScalarNode scalar => [scalar.Text],
        _ => [],
    };

    private static LocalizedText Text(DocumentNode? node) => new(node.Text("en") ?? "", node.Text("ko") ?? "");

    private T Remember<T>(T part, DocumentNode node)
        where T : notnull
    {
        _positions[part] = node.Position;
        return part;
    }

    private T Remember<T>(T part, ScalarNode key)
        where T : notnull
    {
        _positions[part] = key.Position;
        return part;
    }
}
