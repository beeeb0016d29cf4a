using System.Collections.Immutable;
using System.Numerics;

namespace TClass.Rules;

/// <summary>Kleene's three truth values.</summary>
internal enum Tri : byte
{
    False,
    True,
    Unknown,
}

/// <summary>A condition ready for evaluation over <see cref="FactState"/>s.</summary>
internal abstract class CompiledCondition
{
    public abstract Tri Evaluate(FactState[] states);

    /// <summary>The first atom, in written order, whose value is unknown; the exploration splits on it.</summary>
    public abstract Atom? FirstUnknown(FactState[] states);

    /// <summary>Every atom of the condition, in written order.</summary>
    public abstract IEnumerable<Atom> Atoms { get; }
}

internal enum AtomKind : byte
{
    /// <summary>An enum fact has one of the values in the mask.</summary>
    In,

    /// <summary>A set fact includes at least one of the values in the mask.</summary>
    Intersects,
}

/// <summary>One test of one fact: the unit the exploration splits on.</summary>
internal sealed class Atom(CompiledFact fact, AtomKind kind, ulong mask) : CompiledCondition
{
    public CompiledFact Fact { get; } = fact;

    public AtomKind Kind { get; } = kind;

    public ulong Mask { get; } = mask;

    public override IEnumerable<Atom> Atoms => [this];

    public override Tri Evaluate(FactState[] states)
    {
        var state = states[Fact.Index];
        if (Kind == AtomKind.In)
        {
            return (state.Possible & ~Mask) == 0 ? Tri.True : (state.Possible & Mask) == 0 ? Tri.False : Tri.Unknown;
        }

        if ((state.Included & Mask) != 0)
        {
            return Tri.True;
        }

        if ((Mask & ~state.Excluded & Fact.Universe) == 0)
        {
            return Tri.False;
        }

        foreach (var clause in state.Clauses)
        {
            if ((clause & ~state.Excluded & ~Mask) == 0)
            {
                return Tri.True;
            }
        }

        return Tri.Unknown;
    }

    public override Atom? FirstUnknown(FactState[] states) => Evaluate(states) == Tri.Unknown ? this : null;

    /// <summary>The states on the path where this atom is assumed to be <paramref name="holds"/>.</summary>
    public FactState[] Assume(FactState[] states, bool holds)
    {
        var next = (FactState[])states.Clone();
        var state = states[Fact.Index];
        if (Kind == AtomKind.In)
        {
            next[Fact.Index] = state with { Possible = holds ? state.Possible & Mask : state.Possible & ~Mask };
        }
        else if (!holds)
        {
            next[Fact.Index] = state with { Excluded = state.Excluded | Mask };
        }
        else
        {
            var open = Mask & ~state.Excluded & Fact.Universe;
            next[Fact.Index] = BitOperations.PopCount(open) == 1
                ? state with { Included = state.Included | open }
                : state with { Clauses = state.Clauses.Add(open) };
        }

        return next;
    }
}

/// <summary>
/// A conjunction or disjunction under Kleene's three-valued logic: the first part with the deciding
/// value (false for all, true for any) decides; otherwise an unknown part leaves it unknown.
/// </summary>
internal abstract class JunctionCondition(ImmutableArray<CompiledCondition> conditions, Tri deciding) : CompiledCondition
{
    public ImmutableArray<CompiledCondition> Conditions { get; } = conditions;

    public override IEnumerable<Atom> Atoms => Conditions.SelectMany(c => c.Atoms);

    public override Tri Evaluate(FactState[] states)
    {
        var result = deciding == Tri.False ? Tri.True : Tri.False;
        foreach (var condition in Conditions)
        {
            var value = condition.Evaluate(states);
            if (value == deciding)
            {
                return deciding;
            }

            if (value == Tri.Unknown)
            {
                result = Tri.Unknown;
            }
        }

        return result;
    }

    public override Atom? FirstUnknown(FactState[] states)
    {
        foreach (var condition in Conditions)
        {
            if (condition.FirstUnknown(states) is { } atom)
            {
                return atom;
            }
        }

        return null;
    }
}

/// <summary>Every part holds.</summary>
internal sealed class AllCondition(ImmutableArray<CompiledCondition> conditions) : JunctionCondition(conditions, Tri.False);

/// <summary>Some part holds.</summary>
internal sealed class AnyCondition(ImmutableArray<CompiledCondition> conditions) : JunctionCondition(conditions, Tri.True);

internal sealed class NotCondition(CompiledCondition condition) : CompiledCondition
{
    public CompiledCondition Condition { get; } = condition;

    public override IEnumerable<Atom> Atoms => Condition.Atoms;

    public override Tri Evaluate(FactState[] states) => Condition.Evaluate(states) switch
    {
        Tri.True => Tri.False,
        Tri.False => Tri.True,
        _ => Tri.Unknown,
    };

    public override Atom? FirstUnknown(FactState[] states) => Condition.FirstUnknown(states);
}
