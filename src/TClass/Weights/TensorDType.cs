using System.Collections.Frozen;

namespace TClass.Weights;

/// <summary>
/// An element type of stored weights: its name as the safetensors format spells it, its width in
/// bits, and whether its values can be compared as they are stored. Only plain floating-point types
/// (F16, BF16, F32, F64) are compared; 8-bit floats, integers and packed types hold quantized values
/// whose scales live elsewhere, and a correlation on them would be a wrong number.
/// </summary>
/// <param name="Name">The name, e.g. <c>BF16</c>.</param>
/// <param name="Bits">Bits per element.</param>
/// <param name="Comparable">Whether the values are compared.</param>
public sealed record TensorDType(string Name, int Bits, bool Comparable)
{
    /// <summary>32-bit IEEE float.</summary>
    public static readonly TensorDType F32 = new("F32", 32, true);

    /// <summary>16-bit IEEE float.</summary>
    public static readonly TensorDType F16 = new("F16", 16, true);

    /// <summary>bfloat16: the upper 16 bits of an IEEE float.</summary>
    public static readonly TensorDType BF16 = new("BF16", 16, true);

    /// <summary>64-bit IEEE float.</summary>
    public static readonly TensorDType F64 = new("F64", 64, true);

    /// <summary>Every element type of the safetensors format, by name.</summary>
    public static readonly FrozenDictionary<string, TensorDType> ByName = new TensorDType[]
    {
        F32, F16, BF16, F64,
        new("BOOL", 8, false), new("U8", 8, false), new("I8", 8, false),
        new("F8_E5M2", 8, false), new("F8_E4M3", 8, false), new("F8_E8M0", 8, false),
        new("I16", 16, false), new("U16", 16, false), new("I32", 32, false), new("U32", 32, false),
        new("I64", 64, false), new("U64", 64, false), new("C64", 64, false),
        new("F4", 4, false), new("F6_E2M3", 6, false), new("F6_E3M2", 6, false),
        new("I4", 4, false), new("U4", 4, false),
    }.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The bytes <paramref name="elements"/> elements take, or null when they do not fill whole bytes.</summary>
    public long? ByteSize(long elements)
    {
        var bits = (System.Numerics.BigInteger)elements * Bits;
        return bits % 8 != 0 || bits / 8 > long.MaxValue ? null : (long)(bits / 8);
    }

    /// <summary>Why values of this type are not compared, for the report.</summary>
    public string NotComparedReason => Name switch
    {
        _ when Comparable => "",
        "F8_E5M2" or "F8_E4M3" or "F8_E8M0" => "8-bit floats are stored with block scales kept in other tensors; without them a correlation would be a wrong number",
        "F4" or "F6_E2M3" or "F6_E3M2" or "I4" or "U4" => "packed low-bit values are quantized with scales kept elsewhere",
        "I8" or "U8" => "8-bit integers are quantized values with scales kept elsewhere",
        "BOOL" => "booleans are masks, not weights",
        _ => "integer tensors hold indices or counters, not weights",
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
