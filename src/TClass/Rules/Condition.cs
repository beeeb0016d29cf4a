using System.Collections.Immutable;

namespace TClass.Rules;

/// <summary>A condition on facts, as structured data — never a string evaluated at run time.</summary>
public abstract record Condition;

/// <summary>How a <see cref="FactTest"/> compares its fact with its values.</summary>
public enum TestOperator
{
    /// <summary>The fact equals the single value.</summary>
    Is,

    /// <summary>The fact equals one of the values.</summary>
    In,

    /// <summary>The set fact includes the single value.</summary>
    Contains,

    /// <summary>The set fact includes at least one of the values.</summary>
    Intersects,

    /// <summary>The set fact is empty.</summary>
    Empty,

    /// <summary>The set fact is not empty.</summary>
    NotEmpty,
}

/// <summary>A test of one fact.</summary>
/// <param name="Fact">The fact's path.</param>
/// <param name="Operator">How it is compared.</param>
/// <param name="Values">The values compared with (empty for <see cref="TestOperator.Empty"/> and <see cref="TestOperator.NotEmpty"/>).</param>
public sealed record FactTest(string Fact, TestOperator Operator, ImmutableArray<string> Values) : Condition;

/// <summary>True when every condition is.</summary>
/// <param name="Conditions">The conditions.</param>
public sealed record AllOf(ImmutableArray<Condition> Conditions) : Condition;

/// <summary>True when at least one condition is.</summary>
/// <param name="Conditions">The conditions.</param>
public sealed record AnyOf(ImmutableArray<Condition> Conditions) : Condition;

/// <summary>True when the condition is false.</summary>
/// <param name="Condition">The condition.</param>
public sealed record Not(Condition Condition) : Condition;
