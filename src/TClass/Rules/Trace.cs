using System.Collections.Immutable;

namespace TClass.Rules;

/// <summary>One question of the walk, as the engine recorded it.</summary>
internal abstract record TraceStep(int Node);

/// <summary>The question was answered from the facts: branch <paramref name="Branch"/> was taken.</summary>
internal sealed record AnsweredStep(int Node, int Branch) : TraceStep(Node);

/// <summary>
/// The question could not be answered because <paramref name="Atom"/>'s fact is unknown; each
/// scenario assumes one answer and walks on from the same question.
/// </summary>
internal sealed record SplitStep(int Node, Atom Atom, ImmutableArray<Scenario> Scenarios) : TraceStep(Node);

/// <summary>One way an unknown fact could be, and where the walk goes then.</summary>
/// <param name="Assumption">The atom assumed.</param>
/// <param name="Holds">Whether it is assumed true.</param>
/// <param name="Steps">The walk under that assumption, starting with the question that split.</param>
/// <param name="Outcomes">The outcomes reachable under it, as a bit mask.</param>
internal sealed record Scenario(Atom Assumption, bool Holds, ImmutableArray<TraceStep> Steps, ulong Outcomes);

/// <summary>The result of a walk: its steps and the outcomes reached.</summary>
internal sealed record Exploration(ImmutableArray<TraceStep> Steps, ulong Outcomes);
