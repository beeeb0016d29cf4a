using System.Collections.Frozen;
using System.Collections.Immutable;
using TClass.Facts;

namespace TClass.Rules;

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

                return FactState.ExactSet(included);
            default:
                return Unknown;
        }
    }
}

/// <summary>A derivation with its parameters still symbolic (<c>$country</c>).</summary>
internal sealed record CompiledDerivation(Quantifier Quantifier, string Over, ImmutableArray<FieldTest> Where)
{
    /// <summary>For each test, each listed value's parameter name (<c>country</c> for <c>$country</c>), or null for a literal.</summary>
    private readonly ImmutableArray<ImmutableArray<string?>> _parameters =
        [.. Where.Select(t => t.Values.Select(v => v.StartsWith('$') ? v[1..] : null).ToImmutableArray())];

    /// <summary>The derived value for the input (Kleene logic: an unknown field makes a record's match unknown).</summary>
    public bool? Evaluate(FactValue? value, IReadOnlyDictionary<string, string> parameters)
    {
        if (Quantifier == Quantifier.Value)
        {
            return value is null ? null : Matches(Text(value), parameters);
        }

        if (value is not RecordListValue list)
        {
            return null;
        }

        bool? any = false;
        bool? all = true;
        for (var i = 0; i < list.Records.Count; i++)
        {
            var match = Matches(list.Records[i], parameters);
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
        var wantMatch = Quantifier != Quantifier.All || value;
        return records.Where(r => Matches(r, parameters) == wantMatch);
    }

    /// <summary>Whether a record passes every test: true, false, or null when a field it needs is unknown.</summary>
    private bool? Matches(IFactRecord record, IReadOnlyDictionary<string, string> parameters)
    {
        bool? result = true;
        for (var t = 0; t < Where.Length; t++)
        {
            var test = Where[t];
            var field = record.Field(test.Field!);
            bool? passes = field is null ? (test.Negated ? true : null) : Passes(t, field, parameters);
            result = result == false || passes == false ? false : result is null || passes is null ? null : true;
        }

        return result;
    }

    private bool? Matches(string value, IReadOnlyDictionary<string, string> parameters)
    {
        for (var t = 0; t < Where.Length; t++)
        {
            if (!Passes(t, value, parameters))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="value"/> passes test <paramref name="t"/>: listed (or not, when negated).</summary>
    private bool Passes(int t, string value, IReadOnlyDictionary<string, string> parameters)
    {
        var test = Where[t];
        var listed = false;
        for (var i = 0; i < test.Values.Length && !listed; i++)
        {
            var expected = _parameters[t][i] is { } parameter ? parameters.GetValueOrDefault(parameter) : test.Values[i];
            listed = string.Equals(value, expected, StringComparison.Ordinal);
        }

        return listed != test.Negated;
    }

    private static string Text(FactValue value) => value switch
    {
        SymbolValue symbol => symbol.Value,
        BoolValue flag => flag.Value ? "true" : "false",
        _ => value.Display,
    };
}
