using System.Collections.Immutable;
using System.Numerics;

namespace TClass.Rules;

/// <summary>
/// What is known of one fact on one path of the exploration. An enum (or bool) fact keeps the set
/// of values it may still have; a set fact keeps the values it must include, those it must exclude,
/// and "at least one of these" clauses assumed on the way. A fully declared fact is exactly known;
/// an unknown one narrows only by the assumptions made while exploring the branches it splits.
/// </summary>
internal readonly record struct FactState(ulong Possible, ulong Included, ulong Excluded, ImmutableArray<ulong> Clauses)
{
    public static FactState Enum(ulong possible) => new(possible, 0, 0, []);

    public static FactState Set(ulong included, ulong excluded) => new(0, included, excluded, []);

    /// <summary>A set fact that holds exactly <paramref name="included"/>: every other value is excluded.</summary>
    public static FactState ExactSet(ulong included) => Set(included, ~included);

    /// <summary>Whether an enum (or bool) fact has exactly one value left.</summary>
    public bool IsDecided => BitOperations.PopCount(Possible) == 1;
}
