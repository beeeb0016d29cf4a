using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TClass.Documents;

/// <summary>
/// A compiled <see cref="SchemaProgram"/> written as JSON and read back, so a process validates
/// documents without building NJsonSchema's model of the schema first (a quarter of a second at
/// start-up). NJsonSchema stays the schema's reader: each <c>rules/schema/*.schema.json</c> has a
/// <c>*.program.json</c> beside it that a test recompiles and compares byte for byte.
/// </summary>
internal static class SchemaProgramJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The program as indented JSON: one object per rule, only the keywords it uses.</summary>
    public static string Write(SchemaProgram program)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WriteString("comment", "Compiled from the .schema.json file of the same name; regenerate with TCLASS_UPDATE_SCHEMAS=1 dotnet test --filter SchemaProgramFileTests.");
            w.WriteStartArray("rules");
            foreach (var rule in program.Rules)
            {
                WriteRule(w, rule);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static SchemaProgram Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var rules = ImmutableArray.CreateBuilder<SchemaRule>();
        foreach (var rule in document.RootElement.GetProperty("rules").EnumerateArray())
        {
            rules.Add(ReadRule(rule));
        }

        return SchemaProgram.FromRules(rules.ToImmutable());
    }

    private static void WriteRule(Utf8JsonWriter w, SchemaRule r)
    {
        w.WriteStartObject();
        if (r.Types != JsonTypes.Any)
        {
            w.WriteNumber("types", (int)r.Types);
        }

        Flag(w, "nullable", r.Nullable);
        if (r.EnumDisplay.Length > 0)
        {
            Strings(w, "enum", r.Enum.Order(StringComparer.Ordinal));
            Strings(w, "enumDisplay", r.EnumDisplay);
        }

        Text(w, "pattern", r.Pattern?.ToString());
        Number(w, "minLength", r.MinLength);
        Number(w, "maxLength", r.MaxLength);
        Number(w, "minimum", r.Minimum);
        Flag(w, "minimumExclusive", r.MinimumExclusive);
        Number(w, "exclusiveMinimum", r.ExclusiveMinimum);
        Number(w, "maximum", r.Maximum);
        Flag(w, "maximumExclusive", r.MaximumExclusive);
        Number(w, "exclusiveMaximum", r.ExclusiveMaximum);
        Number(w, "multipleOf", r.MultipleOf);
        Number(w, "minItems", r.MinItems == 0 ? null : r.MinItems);
        Number(w, "maxItems", r.MaxItems);
        Flag(w, "uniqueItems", r.UniqueItems);
        Number(w, "items", r.Items);
        if (r.Properties.Length > 0)
        {
            w.WriteStartArray("properties");
            foreach (var p in r.Properties)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteNumber("schema", p.Schema);
                Flag(w, "required", p.Required);
                Text(w, "fix", p.Fix);
                Text(w, "fixKo", p.FixKo);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (r.RequiredElsewhere.Length > 0)
        {
            Strings(w, "requiredElsewhere", r.RequiredElsewhere);
        }

        if (r.PatternProperties.Length > 0)
        {
            w.WriteStartArray("patternProperties");
            foreach (var (pattern, schema) in r.PatternProperties)
            {
                w.WriteStartObject();
                w.WriteString("pattern", pattern.ToString());
                w.WriteNumber("schema", schema);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Flag(w, "additionalForbidden", !r.AdditionalAllowed);
        Number(w, "additional", r.Additional);
        Number(w, "minProperties", r.MinProperties == 0 ? null : r.MinProperties);
        Number(w, "maxProperties", r.MaxProperties);
        Indices(w, "allOf", r.AllOf);
        Indices(w, "anyOf", r.AnyOf);
        Indices(w, "oneOf", r.OneOf);
        Number(w, "not", r.Not);
        Text(w, "fix", r.Fix);
        Text(w, "fixKo", r.FixKo);
        Text(w, "description", r.Description);
        w.WriteEndObject();
    }

    private static SchemaRule ReadRule(JsonElement e) => new()
    {
        Types = (JsonTypes)(Int(e, "types") ?? 0),
        Nullable = Bool(e, "nullable"),
        Enum = StringList(e, "enum").ToFrozenSet(StringComparer.Ordinal),
        EnumDisplay = StringList(e, "enumDisplay"),
        Pattern = Text(e, "pattern") is { } pattern ? SchemaProgram.Regex(pattern) : null,
        MinLength = Int(e, "minLength"),
        MaxLength = Int(e, "maxLength"),
        Minimum = Double(e, "minimum"),
        MinimumExclusive = Bool(e, "minimumExclusive"),
        ExclusiveMinimum = Double(e, "exclusiveMinimum"),
        Maximum = Double(e, "maximum"),
        MaximumExclusive = Bool(e, "maximumExclusive"),
        ExclusiveMaximum = Double(e, "exclusiveMaximum"),
        MultipleOf = Double(e, "multipleOf"),
        MinItems = Int(e, "minItems") ?? 0,
        MaxItems = Int(e, "maxItems"),
        UniqueItems = Bool(e, "uniqueItems"),
        Items = Int(e, "items"),
        Properties = e.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateArray().Select(p => new SchemaProperty(Text(p, "name")!, Int(p, "schema")!.Value, Bool(p, "required"), Text(p, "fix"), Text(p, "fixKo")))]
            : [],
        RequiredElsewhere = StringList(e, "requiredElsewhere"),
        PatternProperties = e.TryGetProperty("patternProperties", out var patterns)
            ? [.. patterns.EnumerateArray().Select(p => (SchemaProgram.Regex(Text(p, "pattern")!), Int(p, "schema")!.Value))]
            : [],
        AdditionalAllowed = !Bool(e, "additionalForbidden"),
        Additional = Int(e, "additional"),
        MinProperties = Int(e, "minProperties") ?? 0,
        MaxProperties = Int(e, "maxProperties"),
        AllOf = IntList(e, "allOf"),
        AnyOf = IntList(e, "anyOf"),
        OneOf = IntList(e, "oneOf"),
        Not = Int(e, "not"),
        Fix = Text(e, "fix"),
        FixKo = Text(e, "fixKo"),
        Description = Text(e, "description"),
    };

    private static void Flag(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Indices(Utf8JsonWriter w, string name, ImmutableArray<int> values)
    {
        if (values.Length == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.GetBoolean();

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : null;

    private static double? Double(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : null;

    private static ImmutableArray<string> StringList(JsonElement e, string name) => List(e, name, item => item.GetString()!);

    private static ImmutableArray<int> IntList(JsonElement e, string name) => List(e, name, item => item.GetInt32());

    /// <summary>The array <paramref name="name"/> of <paramref name="e"/>, each item read by <paramref name="read"/>; empty when absent.</summary>
    private static ImmutableArray<T> List<T>(JsonElement e, string name, Func<JsonElement, T> read)
    {
        if (!e.TryGetProperty(name, out var list))
        {
            return [];
        }

        var values = new T[list.GetArrayLength()];
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            values[i++] = read(item);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }
}
