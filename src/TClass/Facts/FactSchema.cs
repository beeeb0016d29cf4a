using System.Collections.Immutable;

namespace TClass.Facts;

/// <summary>The shape of a fact that an input format provides.</summary>
public enum FactKind
{
    /// <summary>One value out of a closed list (<see cref="FactDescriptor.Values"/>).</summary>
    Enum,

    /// <summary>Yes or no.</summary>
    Bool,

    /// <summary>Any number of values out of a closed list (<see cref="FactDescriptor.Values"/>).</summary>
    Set,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>A list of free texts.</summary>
    TextList,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A list of records with the fields in <see cref="FactDescriptor.Values"/>.</summary>
    Records,
}

/// <summary>One fact an input format provides: its path, shape and allowed values.</summary>
/// <param name="Path">The fact's path, e.g. <c>weights.origin</c>.</param>
/// <param name="Kind">Its shape.</param>
/// <param name="Values">For <see cref="FactKind.Enum"/> and <see cref="FactKind.Set"/>, the allowed values; for <see cref="FactKind.Records"/>, the field names.</param>
public sealed record FactDescriptor(string Path, FactKind Kind, ImmutableArray<string> Values)
{
    /// <summary>Whether the format reads an absent list as an empty one ("no components"), known but not declared.</summary>
    public bool AbsentMeansEmpty { get; init; }

    /// <summary>For records: the field a plain string item fills (e.g. <c>key</c> for a catalog key), if the format allows plain items.</summary>
    public string? ScalarField { get; init; }

    /// <summary>For records: the catalog a plain string item names, whose entry gives the other fields.</summary>
    public string? Catalog { get; init; }

    /// <summary>
    /// How a declared value is compared with one concluded from a model's files, when not by equality:
    /// <c>[name]</c> for names spelled loosely, or the record fields that must agree.
    /// </summary>
    public ImmutableArray<string> Compare { get; init; } = [];
}

/// <summary>
/// Everything an input format can tell the engine: the facts a ruleset may read. Rulesets are
/// checked against it when they are loaded, so a rule can never read a fact that does not exist.
/// </summary>
/// <param name="Name">The input format's name, for messages.</param>
/// <param name="Facts">The facts, by path.</param>
public sealed record FactSchema(string Name, ImmutableArray<FactDescriptor> Facts)
{
    private readonly ImmutableDictionary<string, FactDescriptor> _byPath =
        Facts.ToImmutableDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>The fact at <paramref name="path"/>, or <see langword="null"/> when the format has none.</summary>
    public FactDescriptor? Find(string path) => _byPath.GetValueOrDefault(path);
}

/// <summary>
/// The facts of one input, read by path. A fact the input does not declare reads as
/// <see langword="null"/>: unknown, never false.
/// </summary>
public interface IFactSource
{
    /// <summary>The value of the fact at <paramref name="path"/>, or <see langword="null"/> when it is unknown.</summary>
    FactValue? Read(string path);

    /// <summary>Where the fact at <paramref name="path"/> comes from, as declared by the input, if anywhere.</summary>
    string? Evidence(string path);

    /// <summary>
    /// Whether the input states the fact itself. Usually the same as having a value, but a format may
    /// give a value to an absent fact (an absent list that means "none") without it being declared.
    /// </summary>
    bool IsDeclared(string path) => Read(path) is not null;
}
