using System.Collections.Immutable;
using TClass.Diagnostics;

namespace TClass.Rules;

/// <summary>The outcome of loading one ruleset: the ruleset, or every reason it was rejected.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Ruleset">The ruleset; <see langword="null"/> when any error was found.</param>
/// <param name="Diagnostics">Every problem found, in source order.</param>
public sealed record RulesetReadResult(string File, Ruleset? Ruleset, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether the ruleset loaded (there were no errors).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Ruleset))]
    public bool Succeeded => Ruleset is not null;
}
