using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace TClass.Documents;

/// <summary>
/// Turns a <see cref="DocumentNode"/> tree into the JSON value NJsonSchema validates, remembering for
/// every JSON token the node it came from so that schema errors point at the user's own text.
/// </summary>
internal sealed class JsonBridge
{
    private readonly Dictionary<JToken, DocumentNode> _origins = new(ReferenceEqualityComparer.Instance);

    public JsonBridge(DocumentNode root) => Root = Convert(root);

    public JToken Root { get; }

    /// <summary>The node a token was made from, if any.</summary>
    public DocumentNode? NodeOf(JToken? token) =>
        token is not null && _origins.TryGetValue(token, out var node) ? node : null;

    private JToken Convert(DocumentNode node)
    {
        JToken token;
        switch (node)
        {
            case MappingNode mapping:
                var obj = new JObject();
                foreach (var entry in mapping.Entries)
                {
                    var property = new JProperty(entry.Key.Text, Convert(entry.Value));
                    _origins[property] = entry.Key;
                    obj.Add(property);
                }

                token = obj;
                break;
            case SequenceNode sequence:
                token = new JArray(sequence.Items.Select(Convert));
                break;
            case ScalarNode scalar:
                token = ToValue(scalar);
                break;
            default:
                throw new InvalidOperationException("unknown node " + node.GetType().Name);
        }

        _origins[token] = node;
        return token;
    }

    private static JValue ToValue(ScalarNode scalar) => scalar.Kind switch
    {
        ScalarKind.Null or ScalarKind.Invalid => JValue.CreateNull(),
        ScalarKind.Bool => new JValue(scalar.Text is "true" or "True" or "TRUE"),
        ScalarKind.Integer => IntegerValue(scalar.Text),
        ScalarKind.Float => new JValue(FloatValue(scalar.Text)),
        _ => new JValue(scalar.Text),
    };

    private static JValue IntegerValue(string text)
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

        value = negative ? -value : value;
        return value >= long.MinValue && value <= long.MaxValue ? new JValue((long)value) : new JValue((double)value);
    }

    /// <summary>Reads a YAML 1.2 core-schema float, including <c>.inf</c> and <c>.nan</c>.</summary>
    public static double FloatValue(string text) => text.TrimStart('+') switch
    {
        ".inf" or ".Inf" or ".INF" => double.PositiveInfinity,
        "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
        ".nan" or ".NaN" or ".NAN" => double.NaN,
        var plain => double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
