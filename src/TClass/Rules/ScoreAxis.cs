using System.Collections.Immutable;
using TClass.Text;

namespace TClass.Rules;

/// <summary>A score table for one axis (e.g. weights): the first rule whose condition holds gives the score.</summary>
/// <param name="Id">Identifier, e.g. <c>weights</c>.</param>
/// <param name="Label">Name.</param>
/// <param name="Rules">The rules in order; the last has no condition.</param>
public sealed record ScoreAxis(string Id, LocalizedText Label, ImmutableArray<ScoreRule> Rules);

/// <summary>A row of a score table.</summary>
/// <param name="If">The condition, or <see langword="null"/> for the final "otherwise" row.</param>
/// <param name="Score">The score, 0–10.</param>
/// <param name="Reason">Why, in English and Korean.</param>
public sealed record ScoreRule(Condition? If, int Score, LocalizedText Reason);
