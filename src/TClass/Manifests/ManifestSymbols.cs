using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TClass.Manifests;

/// <summary>
/// The written form of manifest enumerations: the kebab-case member name (<see cref="WeightsOrigin.OpenDerivative"/>
/// is <c>open-derivative</c>). One rule for every enumeration, so the schema, the reader and the
/// rulesets cannot drift apart. For the enumerations of manifest format 1 (<see cref="WeightsOrigin"/>
/// and the others of this namespace): int-backed, numbered 0, 1, 2… in declaration order; another
/// enumeration fails with a <see cref="TypeInitializationException"/> that says why.
/// </summary>
public static class ManifestSymbols
{
    /// <summary>The written form of <paramref name="value"/>.</summary>
    public static string Symbol<TEnum>(this TEnum value)
        where TEnum : struct, Enum => Table<TEnum>.Symbols[Table<TEnum>.Index(value)];

    /// <summary>All written forms of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => Table<TEnum>.Symbols;

    /// <summary>Reads a written form; <see langword="false"/> when it is not one of <typeparamref name="TEnum"/>.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (Table<TEnum>.Indices.TryGetValue(text, out var index))
        {
            value = Unsafe.As<int, TEnum>(ref index);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The symbols of one enumeration, indexed by member value. Manifest enumerations are int-backed and
    /// numbered 0, 1, 2… in declaration order (checked here), so a member is its own index; the tables
    /// use only non-generic reflection and string-keyed collections, which start without compiling
    /// code per enumeration.
    /// </summary>
    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly string[] Symbols = Read();

        public static readonly Dictionary<string, int> Indices = Symbols
            .Select((symbol, index) => new KeyValuePair<string, int>(symbol, index))
            .ToDictionary(StringComparer.Ordinal);

        public static int Index(TEnum value)
        {
            var index = Unsafe.As<TEnum, int>(ref value);
            return (uint)index < (uint)Symbols.Length
                ? index
                : throw new ArgumentOutOfRangeException(nameof(value), index, $"not a member of {typeof(TEnum).Name}");
        }

        private static string[] Read()
        {
            var type = typeof(TEnum);
            if (Enum.GetUnderlyingType(type) != typeof(int))
            {
                throw new InvalidOperationException($"{type.Name} must be int-backed to be a manifest enumeration.");
            }

            var values = Enum.GetValuesAsUnderlyingType(type);
            var names = Enum.GetNames(type);
            for (var i = 0; i < names.Length; i++)
            {
                if ((int)values.GetValue(i)! != i)
                {
                    throw new InvalidOperationException($"{type.Name}.{names[i]} must be numbered {i} to be a manifest enumeration.");
                }
            }

            return [.. names.Select(JsonNamingPolicy.KebabCaseLower.ConvertName)];
        }
    }
}
