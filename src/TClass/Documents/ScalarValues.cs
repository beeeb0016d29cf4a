using System.Globalization;
using System.Numerics;
using System.Text;

namespace TClass.Documents;

/// <summary>The values of document nodes under the YAML 1.2 core schema, and their canonical forms for equality.</summary>
internal static class ScalarValues
{
    /// <summary>Reads a YAML 1.2 core-schema integer: decimal, <c>0x</c> hexadecimal or <c>0o</c> octal.</summary>
    public static BigInteger Integer(string text)
    {
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-', '+');
        BigInteger value;
        if (digits.StartsWith("0x", StringComparison.Ordinal))
        {
            value = BigInteger.Parse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (digits.StartsWith("0o", StringComparison.Ordinal))
        {
            value = digits[2..].Aggregate(BigInteger.Zero, (acc, c) => (acc * 8) + (c - '0'));
        }
        else
        {
            value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return negative ? -value : value;
    }

    /// <summary>Reads a YAML 1.2 core-schema float, including <c>.inf</c> and <c>.nan</c>.</summary>
    public static double Float(string text) => text.TrimStart('+') switch
    {
        ".inf" or ".Inf" or ".INF" => double.PositiveInfinity,
        "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
        ".nan" or ".NaN" or ".NAN" => double.NaN,
        var plain => double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>The number a scalar holds, or <see langword="null"/> when it is not a number.</summary>
    public static double? Number(ScalarNode scalar) => scalar.Kind switch
    {
        ScalarKind.Integer => (double)Integer(scalar.Text),
        ScalarKind.Float => Float(scalar.Text),
        _ => null,
    };

    /// <summary>
    /// A text equal for equal JSON values and different otherwise: numbers by value (<c>0x10</c> is
    /// <c>16</c>, <c>1.0</c> is <c>1</c>), mappings regardless of key order.
    /// </summary>
    public static string Canonical(DocumentNode node)
    {
        var text = new StringBuilder();
        Append(node, text);
        return text.ToString();
    }

    /// <summary>The canonical form of a value written in a JSON Schema (an <c>enum</c> entry).</summary>
    public static string Canonical(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        bool b => b ? "true" : "false",
        double d => Number(d),
        float f => Number(f),
        decimal m => Number((double)m),
        IConvertible integer => "n" + Convert.ToString(integer, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"a schema value of type {value.GetType().Name} is not supported"),
    };

    private static void Append(DocumentNode node, StringBuilder text)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                text.Append(String(s.Text));
                break;
            case ScalarNode { Kind: ScalarKind.Bool } b:
                text.Append(b.Text is "true" or "True" or "TRUE" ? "true" : "false");
                break;
            case ScalarNode { Kind: ScalarKind.Integer } i:
                text.Append('n').Append(Integer(i.Text).ToString(CultureInfo.InvariantCulture));
                break;
            case ScalarNode { Kind: ScalarKind.Float } f:
                text.Append(Number(Float(f.Text)));
                break;
            case ScalarNode:
                text.Append("null");
                break;
            case SequenceNode sequence:
                text.Append('[');
                foreach (var item in sequence.Items)
                {
                    Append(item, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case MappingNode mapping:
                text.Append('{');
                foreach (var entry in mapping.Entries.OrderBy(e => e.Key.Text, StringComparer.Ordinal))
                {
                    text.Append(String(entry.Key.Text)).Append(':');
                    Append(entry.Value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
        }
    }

    private static string String(string value) => "s" + value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value;

    private static string Number(double value) =>
        double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < 1e15
            ? "n" + ((BigInteger)value).ToString(CultureInfo.InvariantCulture)
            : "n" + value.ToString("R", CultureInfo.InvariantCulture);
}
