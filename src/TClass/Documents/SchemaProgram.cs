using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace TClass.Documents;

/// <summary>The JSON types a schema accepts, as flags.</summary>
[Flags]
internal enum JsonTypes
{
    /// <summary>No <c>type</c> keyword: any value.</summary>
    Any = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    String = 16,
    Array = 32,
    Object = 64,
}

/// <summary>One property a schema declares: its name, its schema, whether it is required, and how to add it.</summary>
internal sealed record SchemaProperty(string Name, int Schema, bool Required, string? Fix, string? FixKo = null);

/// <summary>
/// One compiled (sub)schema: the keywords of JSON Schema draft-07 that NJsonSchema validates, with
/// references to other rules by index so recursive schemas compile to a finite program.
/// </summary>
internal sealed record SchemaRule
{
    public JsonTypes Types { get; init; }

    /// <summary>Whether a null value is accepted without further checks (NJsonSchema's <c>IsNullable</c>: the type or the enum allows null).</summary>
    public bool Nullable { get; init; }

    /// <summary>The allowed values, canonical (<see cref="ScalarValues.Canonical(DocumentNode)"/>); empty when there is no <c>enum</c>.</summary>
    public FrozenSet<string> Enum { get; init; } = FrozenSet<string>.Empty;

    /// <summary>The allowed values as the schema writes them, for messages.</summary>
    public ImmutableArray<string> EnumDisplay { get; init; } = [];

    public Regex? Pattern { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public double? Minimum { get; init; }

    /// <summary>Draft-04's boolean <c>exclusiveMinimum</c>, which makes <see cref="Minimum"/> exclusive.</summary>
    public bool MinimumExclusive { get; init; }

    public double? ExclusiveMinimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary>Draft-04's boolean <c>exclusiveMaximum</c>, which makes <see cref="Maximum"/> exclusive.</summary>
    public bool MaximumExclusive { get; init; }

    public double? ExclusiveMaximum { get; init; }

    public double? MultipleOf { get; init; }

    public int MinItems { get; init; }

    public int? MaxItems { get; init; }

    public bool UniqueItems { get; init; }

    public int? Items { get; init; }

    public ImmutableArray<SchemaProperty> Properties { get; init; } = [];

    /// <summary>Required keys the schema does not declare as properties.</summary>
    public ImmutableArray<string> RequiredElsewhere { get; init; } = [];

    public ImmutableArray<(Regex Pattern, int Schema)> PatternProperties { get; init; } = [];

    public bool AdditionalAllowed { get; init; } = true;

    public int? Additional { get; init; }

    public int MinProperties { get; init; }

    public int? MaxProperties { get; init; }

    public ImmutableArray<int> AllOf { get; init; } = [];

    public ImmutableArray<int> AnyOf { get; init; } = [];

    public ImmutableArray<int> OneOf { get; init; } = [];

    public int? Not { get; init; }

    /// <summary>The schema's <c>x-fix</c>: how to fix a value it refuses.</summary>
    public string? Fix { get; init; }

    /// <summary>The schema's <c>x-fix-ko</c>: the same fix in Korean.</summary>
    public string? FixKo { get; init; }

    public string? Description { get; init; }

    /// <summary>The property named <paramref name="name"/>, if the schema declares it.</summary>
    public SchemaProperty? Property(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }
}

/// <summary>What a value broke.</summary>
internal enum SchemaErrorKind
{
    NoAdditionalPropertiesAllowed,
    PropertyRequired,
    NotInEnumeration,
    WrongType,
    NotAnyOf,
    NotOneOf,
    ExcludedSchemaValidates,
    PatternMismatch,
    StringTooShort,
    StringTooLong,
    NumberTooSmall,
    NumberTooBig,
    NumberNotMultipleOf,
    TooFewItems,
    TooManyItems,
    ItemsNotUnique,
    TooFewProperties,
    TooManyProperties,
}

/// <summary>
/// One schema error: the node that broke <paramref name="Rule"/>, the key concerned (an unknown or
/// a missing key), and for "one of these shapes" the errors of every alternative.
/// </summary>
internal sealed record SchemaError(SchemaErrorKind Kind, DocumentNode Node, SchemaRule Rule, string? Key = null)
{
    public ImmutableArray<ImmutableArray<SchemaError>> Alternatives { get; init; } = [];
}

/// <summary>
/// A JSON Schema compiled from NJsonSchema's schema model into rules over the document tree, so
/// documents are validated where they were parsed, with their positions, without converting them
/// to another object model. The semantics are NJsonSchema's (a differential test holds them equal):
/// an integer is a value written as one, <c>oneOf</c> needs exactly one match, a null property whose
/// schema allows null is not checked further.
/// </summary>
internal sealed class SchemaProgram
{
    /// <summary>Standard keywords NJsonSchema keeps but does not validate; a schema using them is refused, not silently weakened.</summary>
    private static readonly FrozenSet<string> Unsupported = FrozenSet.Create(StringComparer.Ordinal,
        "const", "contains", "propertyNames", "if", "then", "else", "dependencies", "dependentRequired", "dependentSchemas",
        "prefixItems", "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains");

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private readonly ImmutableArray<SchemaRule> _rules;

    private SchemaProgram(ImmutableArray<SchemaRule> rules) => _rules = rules;

    /// <summary>The number of compiled rules (one per distinct subschema).</summary>
    public int Count => _rules.Length;

    /// <summary>The compiled rules; the first is the root.</summary>
    public ImmutableArray<SchemaRule> Rules => _rules;

    /// <summary>A program from rules compiled earlier (<see cref="SchemaProgramJson"/>).</summary>
    public static SchemaProgram FromRules(ImmutableArray<SchemaRule> rules) =>
        rules.Length > 0 ? new SchemaProgram(rules) : throw new ArgumentException("a schema program needs a root rule", nameof(rules));

    /// <summary>A schema <c>pattern</c> as the program matches it.</summary>
    public static Regex Regex(string pattern) => new(pattern, RegexOptions.CultureInvariant, PatternTimeout);

    /// <summary>Compiles <paramref name="schema"/>; throws when it uses a keyword the program cannot honour.</summary>
    public static SchemaProgram Compile(JsonSchema schema)
    {
        var index = new Dictionary<JsonSchema, int>(ReferenceEqualityComparer.Instance);
        var rules = new List<SchemaRule?>();

        int Of(JsonSchema s)
        {
            s = s.ActualSchema;
            if (!index.TryGetValue(s, out var i))
            {
                i = rules.Count;
                index[s] = i;
                rules.Add(null);
                rules[i] = Build(s, Of);
            }

            return i;
        }

        Of(schema);
        return new SchemaProgram([.. rules.Select(r => r!)]);
    }

    /// <summary>The errors of <paramref name="root"/> against the schema, in document order of discovery.</summary>
    public ImmutableArray<SchemaError> Check(DocumentNode root)
    {
        var errors = ImmutableArray.CreateBuilder<SchemaError>();
        Check(root, _rules[0], errors);
        return errors.ToImmutable();
    }

    private static SchemaRule Build(JsonSchema s, Func<JsonSchema, int> of)
    {
        if (!string.IsNullOrEmpty(s.Format))
        {
            throw new InvalidOperationException($"the schema keyword 'format' ({s.Format}) is not supported; use a pattern.");
        }

        if (s.Items.Count > 0 || s.AdditionalItemsSchema is not null)
        {
            throw new InvalidOperationException("tuple schemas ('items' as a list, 'additionalItems') are not supported.");
        }

        if (s.ExtensionData?.Keys.FirstOrDefault(Unsupported.Contains) is { } keyword)
        {
            throw new InvalidOperationException($"the schema keyword '{keyword}' is not supported.");
        }

        var types = (JsonTypes)0;
        foreach (var (flag, type) in TypeFlags)
        {
            if (s.Type.HasFlag(flag))
            {
                types |= type;
            }
        }

        var enumeration = s.Enumeration.ToList();
        var declared = s.Properties.Keys.ToHashSet(StringComparer.Ordinal);
        return new SchemaRule
        {
            Types = types,
            Nullable = s.IsNullable(SchemaType.JsonSchema),
            Enum = enumeration.Select(ScalarValues.Canonical).ToFrozenSet(StringComparer.Ordinal),
            EnumDisplay = [.. enumeration.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null")],
            Pattern = string.IsNullOrEmpty(s.Pattern) ? null : Regex(s.Pattern),
            MinLength = s.MinLength,
            MaxLength = s.MaxLength,
            Minimum = (double?)s.Minimum,
            MinimumExclusive = s.IsExclusiveMinimum,
            ExclusiveMinimum = (double?)s.ExclusiveMinimum,
            Maximum = (double?)s.Maximum,
            MaximumExclusive = s.IsExclusiveMaximum,
            ExclusiveMaximum = (double?)s.ExclusiveMaximum,
            MultipleOf = (double?)s.MultipleOf,
            MinItems = s.MinItems,
            MaxItems = s.MaxItems > 0 ? s.MaxItems : null,
            UniqueItems = s.UniqueItems,
            Items = s.Item is { } item ? of(item) : null,
            Properties = [.. s.Properties.Select(p => new SchemaProperty(p.Key, of(p.Value), p.Value.IsRequired, Extension(p.Value, "x-fix"), Extension(p.Value, "x-fix-ko")))],
            RequiredElsewhere = [.. s.RequiredProperties.Where(r => !declared.Contains(r))],
            PatternProperties = [.. s.PatternProperties.Select(p => (Regex(p.Key), of(p.Value)))],
            AdditionalAllowed = s.AllowAdditionalProperties,
            Additional = s.AdditionalPropertiesSchema is { } additional ? of(additional) : null,
            MinProperties = s.MinProperties,
            MaxProperties = s.MaxProperties > 0 ? s.MaxProperties : null,
            AllOf = [.. s.AllOf.Select(of)],
            AnyOf = [.. s.AnyOf.Select(of)],
            OneOf = [.. s.OneOf.Select(of)],
            Not = s.Not is { } not ? of(not) : null,
            Fix = Extension(s, "x-fix"),
            FixKo = Extension(s, "x-fix-ko"),
            Description = s.Description,
        };
    }

    private static readonly (JsonObjectType Flag, JsonTypes Type)[] TypeFlags =
    [
        (JsonObjectType.Null, JsonTypes.Null), (JsonObjectType.Boolean, JsonTypes.Boolean), (JsonObjectType.Integer, JsonTypes.Integer),
        (JsonObjectType.Number, JsonTypes.Number), (JsonObjectType.String, JsonTypes.String), (JsonObjectType.Array, JsonTypes.Array),
        (JsonObjectType.Object, JsonTypes.Object),
    ];

    private static string? Extension(JsonSchema schema, string key) =>
        schema.ExtensionData is { } data && data.TryGetValue(key, out var value) ? value?.ToString() : null;

    private void Check(DocumentNode node, SchemaRule rule, ImmutableArray<SchemaError>.Builder errors)
    {
        if (rule.AnyOf.Length > 0)
        {
            var alternatives = Alternatives(node, rule.AnyOf);
            if (alternatives.All(a => a.Length > 0))
            {
                errors.Add(new SchemaError(SchemaErrorKind.NotAnyOf, node, rule) { Alternatives = alternatives });
            }
        }

        foreach (var part in rule.AllOf)
        {
            Check(node, _rules[part], errors);
        }

        if (rule.OneOf.Length > 0)
        {
            var alternatives = Alternatives(node, rule.OneOf);
            if (alternatives.Count(a => a.Length == 0) != 1)
            {
                errors.Add(new SchemaError(SchemaErrorKind.NotOneOf, node, rule) { Alternatives = alternatives });
            }
        }

        if (rule.Not is { } not && Passes(node, _rules[not]))
        {
            errors.Add(new SchemaError(SchemaErrorKind.ExcludedSchemaValidates, node, rule));
        }

        var isNull = node is ScalarNode { Kind: ScalarKind.Null or ScalarKind.Invalid };
        if (rule.Types != JsonTypes.Any && !(isNull && rule.Nullable) && (TypeOf(node) & rule.Types) == 0)
        {
            errors.Add(new SchemaError(SchemaErrorKind.WrongType, node, rule));
        }

        if (rule.Enum.Count > 0 && !(isNull && rule.Nullable) && !rule.Enum.Contains(ScalarValues.Canonical(node)))
        {
            errors.Add(new SchemaError(SchemaErrorKind.NotInEnumeration, node, rule));
        }

        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } text:
                CheckString(text, rule, errors);
                break;
            case ScalarNode scalar when ScalarValues.Number(scalar) is { } number:
                CheckNumber(scalar, number, rule, errors);
                break;
            case SequenceNode sequence:
                CheckSequence(sequence, rule, errors);
                break;
            case MappingNode mapping:
                CheckMapping(mapping, rule, errors);
                break;
        }
    }

    private ImmutableArray<ImmutableArray<SchemaError>> Alternatives(DocumentNode node, ImmutableArray<int> alternatives) =>
        [.. alternatives.Select(a =>
        {
            var errors = ImmutableArray.CreateBuilder<SchemaError>();
            Check(node, _rules[a], errors);
            return errors.ToImmutable();
        })];

    private bool Passes(DocumentNode node, SchemaRule rule)
    {
        var errors = ImmutableArray.CreateBuilder<SchemaError>();
        Check(node, rule, errors);
        return errors.Count == 0;
    }

    private static JsonTypes TypeOf(DocumentNode node) => node switch
    {
        MappingNode => JsonTypes.Object,
        SequenceNode => JsonTypes.Array,
        ScalarNode { Kind: ScalarKind.String } => JsonTypes.String,
        ScalarNode { Kind: ScalarKind.Bool } => JsonTypes.Boolean,
        ScalarNode { Kind: ScalarKind.Integer } => JsonTypes.Integer | JsonTypes.Number,
        ScalarNode { Kind: ScalarKind.Float } => JsonTypes.Number,
        _ => JsonTypes.Null,
    };

    private static void CheckString(ScalarNode text, SchemaRule rule, ImmutableArray<SchemaError>.Builder errors)
    {
        if (rule.Pattern is { } pattern && !Matches(pattern, text.Text))
        {
            errors.Add(new SchemaError(SchemaErrorKind.PatternMismatch, text, rule));
        }

        if (rule.MinLength is { } min || rule.MaxLength is not null)
        {
            var length = text.Text.EnumerateRunes().Count();
            if (length < (rule.MinLength ?? 0))
            {
                errors.Add(new SchemaError(SchemaErrorKind.StringTooShort, text, rule));
            }

            if (length > (rule.MaxLength ?? int.MaxValue))
            {
                errors.Add(new SchemaError(SchemaErrorKind.StringTooLong, text, rule));
            }
        }
    }

    /// <summary>A pattern that does not finish within its time limit counts as not matched.</summary>
    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static void CheckNumber(ScalarNode scalar, double value, SchemaRule rule, ImmutableArray<SchemaError>.Builder errors)
    {
        if ((rule.Minimum is { } min && (rule.MinimumExclusive ? value <= min : value < min))
            || (rule.ExclusiveMinimum is { } above && value <= above))
        {
            errors.Add(new SchemaError(SchemaErrorKind.NumberTooSmall, scalar, rule));
        }

        if ((rule.Maximum is { } max && (rule.MaximumExclusive ? value >= max : value > max))
            || (rule.ExclusiveMaximum is { } below && value >= below))
        {
            errors.Add(new SchemaError(SchemaErrorKind.NumberTooBig, scalar, rule));
        }

        if (rule.MultipleOf is { } step && double.IsFinite(value) && Math.IEEERemainder(value, step) != 0)
        {
            errors.Add(new SchemaError(SchemaErrorKind.NumberNotMultipleOf, scalar, rule));
        }
    }

    private void CheckSequence(SequenceNode sequence, SchemaRule rule, ImmutableArray<SchemaError>.Builder errors)
    {
        if (sequence.Items.Length < rule.MinItems)
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooFewItems, sequence, rule));
        }

        if (sequence.Items.Length > (rule.MaxItems ?? int.MaxValue))
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooManyItems, sequence, rule));
        }

        if (rule.UniqueItems && sequence.Items.Select(ScalarValues.Canonical).Distinct(StringComparer.Ordinal).Count() != sequence.Items.Length)
        {
            errors.Add(new SchemaError(SchemaErrorKind.ItemsNotUnique, sequence, rule));
        }

        if (rule.Items is { } items)
        {
            foreach (var item in sequence.Items)
            {
                Check(item, _rules[items], errors);
            }
        }
    }

    private void CheckMapping(MappingNode mapping, SchemaRule rule, ImmutableArray<SchemaError>.Builder errors)
    {
        foreach (var property in rule.Properties)
        {
            if (mapping[property.Name] is { } value)
            {
                var schema = _rules[property.Schema];
                if (!(value is ScalarNode { Kind: ScalarKind.Null or ScalarKind.Invalid } && schema.Nullable))
                {
                    Check(value, schema, errors);
                }
            }
            else if (property.Required)
            {
                errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, mapping, rule, property.Name));
            }
        }

        foreach (var required in rule.RequiredElsewhere.Where(r => mapping[r] is null))
        {
            errors.Add(new SchemaError(SchemaErrorKind.PropertyRequired, mapping, rule, required));
        }

        if (mapping.Entries.Length < rule.MinProperties)
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooFewProperties, mapping, rule));
        }

        if (mapping.Entries.Length > (rule.MaxProperties ?? int.MaxValue))
        {
            errors.Add(new SchemaError(SchemaErrorKind.TooManyProperties, mapping, rule));
        }

        foreach (var entry in mapping.Entries.Where(e => rule.Property(e.Key.Text) is null))
        {
            if (rule.PatternProperties.FirstOrDefault(p => Matches(p.Pattern, entry.Key.Text)) is { Pattern: not null } patterned)
            {
                Check(entry.Value, _rules[patterned.Schema], errors);
            }
            else if (rule.Additional is { } additional)
            {
                Check(entry.Value, _rules[additional], errors);
            }
            else if (!rule.AdditionalAllowed)
            {
                errors.Add(new SchemaError(SchemaErrorKind.NoAdditionalPropertiesAllowed, entry.Key, rule, entry.Key.Text));
            }
        }
    }
}
