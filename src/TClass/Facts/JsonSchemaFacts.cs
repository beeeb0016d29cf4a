using System.Collections.Immutable;
using System.Text.Json;

namespace TClass.Facts;

/// <summary>
/// Builds the facts an input format provides from its JSON Schema, so the schema is the one source of
/// every path, shape and value list: an enumeration's values are the schema's <c>enum</c>, a list's
/// record fields are its items' properties. The schema's own words decide the kind of each leaf:
/// <list type="bullet">
/// <item><c>string</c> with <c>enum</c> → enum; <c>string</c> (or text-or-number) → text; <c>boolean</c> → bool; <c>integer</c>/<c>number</c> → number;</item>
/// <item>an array of enum strings → set; an array of strings (or a string-or-array) → a list of texts;</item>
/// <item>an array whose items are objects (or a string or an object) → records, whose fields are the
/// objects' properties plus <c>x-scalar-field</c>, the field a plain string item fills;</item>
/// <item><c>x-fact: false</c> leaves a property out (the format number, the evidence map);</item>
/// <item><c>x-absent: empty</c> reads an absent list as an empty one; <c>x-catalog</c> names the catalog
/// whose entry a plain string item names; <c>x-compare</c> says how a declared value is set
/// against one concluded from a model's files, when not by equality.</item>
/// </list>
/// </summary>
public static class JsonSchemaFacts
{
    /// <summary>The facts of the JSON Schema <paramref name="schemaJson"/>, named <paramref name="name"/>.</summary>
    public static FactSchema Read(string schemaJson, string name)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        using var document = JsonDocument.Parse(schemaJson);
        var facts = ImmutableArray.CreateBuilder<FactDescriptor>();
        Walk(document.RootElement, "", facts);
        return new FactSchema(name, facts.ToImmutable());
    }

    private static void Walk(JsonElement node, string path, ImmutableArray<FactDescriptor>.Builder facts)
    {
        if (!node.TryGetProperty("properties", out var properties))
        {
            return;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var value = property.Value;
            if (value.TryGetProperty("x-fact", out var include) && include.ValueKind == JsonValueKind.False)
            {
                continue;
            }

            var childPath = path.Length == 0 ? property.Name : path + "." + property.Name;
            if (Types(value).SequenceEqual(["object"]) && value.TryGetProperty("properties", out _))
            {
                Walk(value, childPath, facts);
                continue;
            }

            var fact = Describe(childPath, value);
            facts.Add(fact with
            {
                AbsentMeansEmpty = value.TryGetProperty("x-absent", out var absent) && absent.GetString() == "empty",
                ScalarField = fact.Kind == FactKind.Records && value.TryGetProperty("x-scalar-field", out var scalar) ? scalar.GetString() : null,
                Catalog = value.TryGetProperty("x-catalog", out var catalog) ? catalog.GetString() : null,
                Compare = value.TryGetProperty("x-compare", out var compare) ? [.. compare.EnumerateArray().Select(c => c.GetString()!)] : [],
            });
        }
    }

    private static FactDescriptor Describe(string path, JsonElement node)
    {
        var types = Types(node);
        if (types.Contains("array"))
        {
            var items = node.GetProperty("items");
            var branches = Branches(items).ToList();
            var objects = branches.Where(b => Types(b).Contains("object")).ToList();
            if (objects.Count > 0)
            {
                var fields = new List<string>();
                if (node.TryGetProperty("x-scalar-field", out var scalar) && scalar.GetString() is { } scalarField)
                {
                    fields.Add(scalarField);
                }

                foreach (var field in objects.SelectMany(o => o.GetProperty("properties").EnumerateObject()).Select(p => p.Name))
                {
                    if (!fields.Contains(field))
                    {
                        fields.Add(field);
                    }
                }

                return new FactDescriptor(path, FactKind.Records, [.. fields]);
            }

            var values = Enum(items);
            return values.IsEmpty ? new FactDescriptor(path, FactKind.TextList, []) : new FactDescriptor(path, FactKind.Set, values);
        }

        if (Branches(node).Any(b => Types(b).Contains("array")))
        {
            // A string or a list of strings (weights.base).
            return new FactDescriptor(path, FactKind.TextList, []);
        }

        var enumValues = Enum(node);
        if (!enumValues.IsEmpty)
        {
            return new FactDescriptor(path, FactKind.Enum, enumValues);
        }

        return types switch
        {
            ["boolean"] => new FactDescriptor(path, FactKind.Bool, []),
            ["integer"] or ["number"] => new FactDescriptor(path, FactKind.Number, []),
            _ => new FactDescriptor(path, FactKind.Text, []),
        };
    }

    /// <summary>The alternatives of a node: its <c>oneOf</c> or <c>anyOf</c> branches, else the node itself.</summary>
    private static List<JsonElement> Branches(JsonElement node)
    {
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (node.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array)
            {
                return branches.EnumerateArray().ToList();
            }
        }

        return [node];
    }

    private static string[] Types(JsonElement node) => node.TryGetProperty("type", out var type)
        ? type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : [type.GetString()!]
        : [];

    private static ImmutableArray<string> Enum(JsonElement node) =>
        node.TryGetProperty("enum", out var values) ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)] : [];
}
