using System.Collections.Frozen;
using System.Collections.Immutable;
using TClass.Rules;

namespace TClass.Engine;

internal enum CompiledFactKind
{
    /// <summary>One value of a domain (bool facts are enums over false, true).</summary>
    Enum,

    /// <summary>Any subset of a domain.</summary>
    Set,
}

/// <summary>A declared fact with its domain numbered, so values are bits of a mask.</summary>
internal sealed class CompiledFact
{
    public const string OtherSymbol = "(other)";

    public CompiledFact(int index, FactDeclaration declaration, CompiledDerivation? derive)
    {
        Index = index;
        Declaration = declaration;
        Derive = derive;
        Kind = declaration.Type == FactType.Set ? CompiledFactKind.Set : CompiledFactKind.Enum;
        var symbols = declaration.Type == FactType.Bool ? ["false", "true"] : declaration.Values.ToList();
        if (declaration.Other)
        {
            symbols.Add(OtherSymbol);
        }

        Symbols = [.. symbols];
        Bits = Symbols.Select((s, i) => (s, i)).ToFrozenDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        Universe = Symbols.Length == 64 ? ulong.MaxValue : (1UL << Symbols.Length) - 1;
    }

    public int Index { get; }

    public FactDeclaration Declaration { get; }

    public string Path => Declaration.Path;

    public CompiledFactKind Kind { get; }

    public ImmutableArray<string> Symbols { get; }

    public FrozenDictionary<string, int> Bits { get; }

    public ulong Universe { get; }

    public CompiledDerivation? Derive { get; }

    public ulong Mask(IEnumerable<string> values) => values.Aggregate(0UL, (mask, v) => mask | (1UL << Bits[v]));

    /// <summary>The symbols of the bits in <paramref name="mask"/>, in domain order.</summary>
    public IEnumerable<string> SymbolsOf(ulong mask)
    {
        for (var i = 0; i < Symbols.Length; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                yield return Symbols[i];
            }
        }
    }

    public FactState Unknown => Kind == CompiledFactKind.Enum ? FactState.Enum(Universe) : FactState.Set(0, 0);

    /// <summary>The state of a declared value, or of an unknown one when <paramref name="value"/> is null.</summary>
    public FactState StateOf(FactValue? value)
    {
        switch (value)
        {
            case SymbolValue symbol when Kind == CompiledFactKind.Enum:
                return Bits.TryGetValue(symbol.Value, out var bit) ? FactState.Enum(1UL << bit)
                    : Declaration.Other ? FactState.Enum(1UL << Bits[OtherSymbol]) : Unknown;
            case BoolValue flag when Kind == CompiledFactKind.Enum:
                return FactState.Enum(1UL << Bits[flag.Value ? "true" : "false"]);
            case SymbolSetValue set when Kind == CompiledFactKind.Set:
                var included = 0UL;
                foreach (var v in set.Values)
                {
                    if (Bits.TryGetValue(v, out var b))
                    {
                        included |= 1UL << b;
                    }
                }

                return FactState.Set(included, Universe & ~included);
            default:
                return Unknown;
        }
    }
}

/// <summary>A derivation with its parameters still symbolic (<c>$country</c>).</summary>
internal sealed record CompiledDerivation(Quantifier Quantifier, string Over, string Field, ImmutableArray<string> In)
{
    /// <summary>The derived value for the records (Kleene logic: an unknown field makes the record's match unknown).</summary>
    public bool? Evaluate(IReadOnlyList<IFactRecord> records, IReadOnlyDictionary<string, string> parameters)
    {
        bool? any = false;
        bool? all = true;
        foreach (var record in records)
        {
            var field = record.Field(Field);
            bool? match = field is null ? null : Matches(field, parameters);
            any = any == true || match == true ? true : any is null || match is null ? null : false;
            all = all == false || match == false ? false : all is null || match is null ? null : true;
        }

        return Quantifier switch
        {
            Quantifier.Any => any,
            Quantifier.All => all,
            _ => !any,
        };
    }

    /// <summary>
    /// The records that make the derived fact what it is: those that match for <c>any</c> (or break
    /// <c>none</c>), those that do not match when <c>all</c> fails — "which component", "which chip".
    /// </summary>
    public IEnumerable<IFactRecord> Witnesses(IReadOnlyList<IFactRecord> records, IReadOnlyDictionary<string, string> parameters, bool value)
    {
        var wantMatch = Quantifier switch
        {
            Quantifier.All => value,
            Quantifier.Any => true,
            _ => true,
        };
        return records.Where(r => r.Field(Field) is { } field && Matches(field, parameters) == wantMatch);
    }

    private bool Matches(string field, IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var value in In)
        {
            var expected = value.StartsWith('$') ? parameters.GetValueOrDefault(value[1..]) : value;
            if (string.Equals(field, expected, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
