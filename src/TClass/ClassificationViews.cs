using System.Collections.Immutable;
using TClass.Facts;
using TClass.Rules;
using TClass.Text;

namespace TClass;

/// <summary>A fact a question read: its value for the classified model (null when unknown) and its evidence.</summary>
/// <param name="Path">The fact's path.</param>
/// <param name="Label">What the fact is, from the ruleset.</param>
/// <param name="Value">Its value, or <see langword="null"/> when the manifest does not declare it.</param>
/// <param name="Evidence">Where the manifest says the fact comes from, if it says.</param>
public sealed record FactReading(string Path, LocalizedText Label, FactValue? Value, string? Evidence)
{
    /// <summary>
    /// The value as reports show it: the value written in the card, which Korean follows with its
    /// words from the ruleset (<c>scratch(처음부터 학습)</c>) and answers yes or no with 예 / 아니요.
    /// Null when the value is unknown.
    /// </summary>
    public LocalizedText? ValueText { get; init; }
}

/// <summary>One question of the walk through the rule tree, with the facts it read and the answer taken.</summary>
/// <param name="Node">The node's id.</param>
/// <param name="Question">The question asked.</param>
/// <param name="Facts">The facts read, with their values and evidence.</param>
/// <param name="Answer">
/// The answer: a fact value for a switch (<c>scratch</c>), <c>yes</c> or <c>no</c> for a condition,
/// or <see langword="null"/> when the facts did not decide it and <see cref="Explored"/> lists the branches.
/// </param>
/// <param name="Reason">Why this answer leads where it does, with the model's facts filled in.</param>
/// <param name="Outcome">The outcome this answer concludes, when it is a leaf.</param>
/// <param name="Unknown">The unknown facts that kept the question from being answered.</param>
/// <param name="Explored">The branches explored when the answer was unknown, each with the outcomes it leads to.</param>
public sealed record PathStep(
    string Node, LocalizedText Question, ImmutableArray<FactReading> Facts, string? Answer, LocalizedText? Reason,
    string? Outcome, ImmutableArray<string> Unknown, ImmutableArray<ExploredBranch> Explored)
{
    /// <summary>
    /// The answer in words, from the ruleset's messages: <c>yes</c> / <c>예</c> for a yes-or-no question,
    /// the value for a switch. <see cref="Answer"/> keeps the machine form (<c>yes</c>, <c>no</c>, a value).
    /// </summary>
    public LocalizedText? AnswerText { get; init; }
}

/// <summary>One way an unknown fact could be, and where the walk leads then.</summary>
/// <param name="Assumption">What is assumed, e.g. "if tokenizer.origin is native".</param>
/// <param name="Outcomes">The outcomes reachable under the assumption.</param>
/// <param name="Path">The walk under the assumption, starting with the question that could not be answered.</param>
public sealed record ExploredBranch(LocalizedText Assumption, ImmutableArray<Outcome> Outcomes, ImmutableArray<PathStep> Path);

/// <summary>The nearest higher level and what would have to change to reach it.</summary>
/// <param name="Outcome">The level.</param>
/// <param name="Needs">The facts that must change (or be declared), each with its present value.</param>
public sealed record NextLevel(Outcome Outcome, ImmutableArray<Requirement> Needs);

/// <summary>
/// One fact that must change: <c>fact X must be Y (now: Z)</c>. When several changes would each do,
/// the first is the requirement and the others are in <see cref="Or"/>.
/// </summary>
/// <param name="Fact">The input fact to change or declare.</param>
/// <param name="Now">Its present value, or <see langword="null"/> when it is not declared.</param>
/// <param name="Needs">What it must be, in English and Korean.</param>
/// <param name="Or">Alternatives that would do instead.</param>
public sealed record Requirement(string Fact, FactValue? Now, LocalizedText Needs, ImmutableArray<Requirement> Or);

/// <summary>The score of one axis, 0–10.</summary>
/// <param name="Axis">The axis id, e.g. <c>weights</c>.</param>
/// <param name="Label">Its name.</param>
/// <param name="Score">The score, or <see langword="null"/> when unknown facts leave several possible.</param>
/// <param name="Min">The lowest score still possible.</param>
/// <param name="Max">The highest score still possible.</param>
/// <param name="Reason">Why, when the score is decided by one row of the table.</param>
public sealed record AxisScore(string Axis, LocalizedText Label, int? Score, int Min, int Max, LocalizedText? Reason);

/// <summary>A note of the ruleset that applies to a result, e.g. what the policy set aside.</summary>
/// <param name="Id">The note's id in the ruleset.</param>
/// <param name="Text">The note, its placeholders filled.</param>
public sealed record ResultNote(string Id, LocalizedText Text);
