using System.Collections.Frozen;
using System.Text.Json;

namespace TClass.Manifests;

/// <summary>
/// The written form of manifest enumerations: the kebab-case member name (<see cref="WeightsOrigin.OpenDerivative"/>
/// is <c>open-derivative</c>). One rule for every enumeration, so the schema, the reader and the
/// rulesets cannot drift apart.
/// </summary>
public static class ManifestSymbols
{
    /// <summary>The written form of <paramref name="value"/>.</summary>
    public static string Symbol<TEnum>(this TEnum value)
        where TEnum : struct, Enum => Table<TEnum>.Symbols[value];

    /// <summary>All written forms of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => Table<TEnum>.Ordered;

    /// <summary>Reads a written form; <see langword="false"/> when it is not one of <typeparamref name="TEnum"/>.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum => Table<TEnum>.Values.TryGetValue(text, out value);

    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Symbols =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> Values =
            Symbols.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> Ordered = [.. Enum.GetValues<TEnum>().Select(v => Symbols[v])];
    }
}
