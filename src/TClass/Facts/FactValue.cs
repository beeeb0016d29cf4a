using System.Collections.Immutable;
using System.Globalization;

namespace TClass.Facts;

/// <summary>
/// The value of a known fact. An unknown fact has no value at all (<see langword="null"/>): the
/// engine never substitutes a default for it.
/// </summary>
public abstract record FactValue
{
    /// <summary>The value as a person reads it in a report, e.g. <c>scratch</c> or <c>[depth, width]</c>.</summary>
    public abstract string Display { get; }

    /// <summary>The value as it reads inside a sentence: a list without its brackets, e.g. <c>depth, width</c>.</summary>
    public virtual string Prose => Display;
}

/// <summary>One word: an enumeration value (<c>scratch</c>) or a free text (<c>LlamaForCausalLM</c>).</summary>
/// <param name="Value">The word.</param>
public sealed record SymbolValue(string Value) : FactValue
{
    /// <inheritdoc/>
    public override string Display => Value;
}

/// <summary>A set of words, e.g. the architecture changes <c>[depth, width]</c>; empty is a known, empty set.</summary>
/// <param name="Values">The words, in the order declared.</param>
public sealed record SymbolSetValue(ImmutableArray<string> Values) : FactValue
{
    /// <inheritdoc/>
    public override string Display => "[" + string.Join(", ", Values) + "]";

    /// <inheritdoc/>
    public override string Prose => string.Join(", ", Values);
}

/// <summary>A yes/no fact.</summary>
/// <param name="Value">The truth value.</param>
public sealed record BoolValue(bool Value) : FactValue
{
    /// <summary>The known value <see langword="true"/>.</summary>
    public static BoolValue True { get; } = new(true);

    /// <summary>The known value <see langword="false"/>.</summary>
    public static BoolValue False { get; } = new(false);

    /// <summary>The shared instance for <paramref name="value"/>.</summary>
    public static BoolValue Of(bool value) => value ? True : False;

    /// <inheritdoc/>
    public override string Display => Value ? "true" : "false";
}

/// <summary>A number, e.g. a vocabulary size.</summary>
/// <param name="Value">The number.</param>
public sealed record NumberValue(double Value) : FactValue
{
    /// <inheritdoc/>
    public override string Display => Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// One item of a list of records, such as a model component or a serving chip. Derived facts
/// quantify over such lists ("any component from a third party", "all serving chips domestic").
/// </summary>
public interface IFactRecord
{
    /// <summary>How the record is named in reports, e.g. the catalog key <c>nvidia-h100</c>.</summary>
    string Label { get; }

    /// <summary>The value of one field of the record, or <see langword="null"/> when it is unknown.</summary>
    string? Field(string name);
}

/// <summary>A list of records; empty is a known, empty list.</summary>
/// <param name="Records">The records, in the order declared.</param>
public sealed record RecordListValue(IReadOnlyList<IFactRecord> Records) : FactValue
{
    /// <inheritdoc/>
    public override string Display => "[" + string.Join(", ", Records.Select(r => r.Label)) + "]";

    /// <inheritdoc/>
    public override string Prose => string.Join(", ", Records.Select(r => r.Label));
}
