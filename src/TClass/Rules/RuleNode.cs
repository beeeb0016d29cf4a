using System.Collections.Immutable;
using TClass.Text;

namespace TClass.Rules;

/// <summary>A question of the decision tree.</summary>
/// <param name="Id">Identifier, unique in the ruleset.</param>
/// <param name="Question">The question asked, in English and Korean.</param>
public abstract record RuleNode(string Id, LocalizedText Question)
{
    /// <summary>The branches of the node, in order (for a switch: its cases, then its default).</summary>
    public abstract IEnumerable<Branch> Branches { get; }
}

/// <summary>A question answered by the value of one enumerated fact: one case per value or values.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Question">The question.</param>
/// <param name="Fact">The fact switched on.</param>
/// <param name="Cases">The cases, in order.</param>
/// <param name="Default">Where values no case lists go, if anywhere.</param>
public sealed record SwitchNode(string Id, LocalizedText Question, string Fact, ImmutableArray<SwitchCase> Cases, Branch? Default)
    : RuleNode(Id, Question)
{
    /// <inheritdoc/>
    public override IEnumerable<Branch> Branches => Default is null ? Cases.Select(c => c.Branch) : Cases.Select(c => c.Branch).Append(Default);
}

/// <summary>One case of a <see cref="SwitchNode"/>.</summary>
/// <param name="Values">The fact values that lead here.</param>
/// <param name="Branch">Where they lead.</param>
public sealed record SwitchCase(ImmutableArray<string> Values, Branch Branch);

/// <summary>A yes/no question answered by a condition.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Question">The question.</param>
/// <param name="If">The condition.</param>
/// <param name="Then">Where a true condition leads.</param>
/// <param name="Else">Where a false condition leads.</param>
public sealed record ConditionNode(string Id, LocalizedText Question, Condition If, Branch Then, Branch Else)
    : RuleNode(Id, Question)
{
    /// <inheritdoc/>
    public override IEnumerable<Branch> Branches => [Then, Else];
}

/// <summary>Where an answer leads, and why.</summary>
/// <param name="Target">The next node, or an outcome.</param>
/// <param name="Reason">The reason, in English and Korean; may name facts as <c>{path}</c> and parameters as <c>{name}</c>.</param>
public sealed record Branch(BranchTarget Target, LocalizedText Reason);

/// <summary>Where a branch leads.</summary>
public abstract record BranchTarget;

/// <summary>To another node, by id (nodes are shared by reference, never copied).</summary>
/// <param name="Node">The node's id.</param>
public sealed record GoTo(string Node) : BranchTarget;

/// <summary>To an outcome: a leaf of the tree.</summary>
/// <param name="Outcome">The outcome's id.</param>
public sealed record Conclude(string Outcome) : BranchTarget;
