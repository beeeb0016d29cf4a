using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using TClass.Diagnostics;
using TClass.Text;

namespace TClass.Documents;

/// <summary>
/// Validates a document against a JSON Schema with NJsonSchema and rewrites each schema error as a
/// diagnostic a person can act on: the position in their file, the field, what was expected and
/// the nearest allowed key or value. A schema may carry <c>x-fix</c> on any property to say how to fix it.
/// </summary>
internal sealed class SchemaValidation(JsonSchema schema)
{
    private readonly JsonSchemaValidator _validator = new();

    public static SchemaValidation FromJson(string schemaJson) =>
        new(JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult());

    public JsonSchema Schema { get; } = schema;

    public void Validate(DocumentNode root, DiagnosticBag diagnostics, Func<Diagnostic, bool>? keep = null)
    {
        var bridge = new JsonBridge(root);
        var collected = new DiagnosticBag(diagnostics.File);
        foreach (var error in _validator.Validate(bridge.Root, Schema, SchemaType.JsonSchema))
        {
            Report(error, bridge, collected);
        }

        diagnostics.AddRange(collected.ToImmutableSorted().Where(d => keep?.Invoke(d) ?? true));
    }

    private static void Report(ValidationError error, JsonBridge bridge, DiagnosticBag diagnostics)
    {
        var node = bridge.NodeOf(error.Token);
        if (node is ScalarNode { Kind: ScalarKind.Invalid })
        {
            return; // an alias or a too-deep subtree stood here and has been reported already
        }

        var at = node?.Position ?? SourcePosition.WholeFile;
        var path = node?.Path ?? "";
        var fix = Extension(error.Schema, "x-fix");
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
            {
                var key = error.Property ?? "";
                var known = error.Schema?.ActualProperties.Keys.ToList() ?? [];
                var nearest = Suggestions.Nearest(key, known);
                var list = known.Count == 0 ? "" : " Known keys here: " + string.Join(", ", known) + ".";
                diagnostics.Error("unknown-key", at, path, $"unknown key '{key}'.",
                    (nearest is null ? $"Remove '{key}'." : $"Did you mean '{nearest}'?") + list);
                return;
            }

            case ValidationErrorKind.PropertyRequired:
            {
                var field = path.Length == 0 ? error.Property : path + "." + error.Property;
                var property = error.Schema?.ActualProperties.GetValueOrDefault(error.Property ?? "");
                diagnostics.Error("missing-key", at, field ?? "", $"the required key '{error.Property}' is missing.",
                    Extension(property, "x-fix") ?? $"Add '{error.Property}:' here.");
                return;
            }

            case ValidationErrorKind.NotInEnumeration:
            {
                var allowed = error.Schema?.Enumeration.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null").ToList() ?? [];
                var typed = Describe(error.Token);
                var nearest = error.Token?.Type == JTokenType.String ? Suggestions.Nearest(error.Token.ToString(), allowed) : null;
                diagnostics.Error("not-allowed", at, path, $"{typed} is not an allowed value.",
                    fix ?? ((nearest is null ? "" : $"Did you mean '{nearest}'? ") + "Allowed: " + string.Join(", ", allowed) + "."));
                return;
            }

            case ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf when error is ChildSchemaValidationError child:
                ReportAlternatives(child, bridge, diagnostics, at, path, fix);
                return;

            case ValidationErrorKind.TooFewItems:
                diagnostics.Error("too-few-items", at, path,
                    string.Create(CultureInfo.InvariantCulture, $"the list needs at least {error.Schema?.MinItems ?? 1} item(s)."),
                    fix ?? "Add the missing items, or remove the key to leave the fact unknown.");
                return;

            case ValidationErrorKind.PatternMismatch:
                diagnostics.Error("invalid-value", at, path, $"{Describe(error.Token)} does not have the required form.",
                    fix ?? Extension(error.Schema, "description"));
                return;

            case var _ when error is ChildSchemaValidationError wrapper:
                // A list item or property that failed its own schema: its own errors say why.
                foreach (var inner in wrapper.Errors.Values.SelectMany(errors => errors))
                {
                    Report(inner, bridge, diagnostics);
                }

                return;

            default:
                if (Expected(error.Kind) is { } expected)
                {
                    diagnostics.Error("wrong-type", at, path, $"expected {expected}, found {Describe(error.Token)}.",
                        fix ?? $"Write {expected} here.");
                    return;
                }

                diagnostics.Error("invalid-value", at, path, $"{Describe(error.Token)} is not valid here ({Humanize(error.Kind)}).",
                    fix ?? Extension(error.Schema, "description"));
                return;
        }
    }

    /// <summary>
    /// For "one of these shapes" fields: when a branch matched the value's type, its own errors are the
    /// helpful ones; otherwise the value has none of the accepted shapes.
    /// </summary>
    private static void ReportAlternatives(ChildSchemaValidationError child, JsonBridge bridge, DiagnosticBag diagnostics,
        SourcePosition at, string path, string? fix)
    {
        var branches = child.Errors.Values.Select(errors => errors.ToList()).ToList();
        var shapeMatched = branches
            .Where(errors => errors.Count > 0 && errors.All(e => Expected(e.Kind) is null || !ReferenceEquals(e.Token, child.Token)))
            .OrderBy(errors => errors.Count)
            .FirstOrDefault();
        if (shapeMatched is not null)
        {
            foreach (var error in shapeMatched)
            {
                Report(error, bridge, diagnostics);
            }

            return;
        }

        var shapes = branches.SelectMany(errors => errors)
            .Where(e => ReferenceEquals(e.Token, child.Token))
            .Select(e => Expected(e.Kind))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var expected = shapes.Count == 0 ? "another shape" : string.Join(" or ", shapes);
        diagnostics.Error("wrong-type", at, path, $"expected {expected}, found {Describe(child.Token)}.",
            fix ?? (Extension(child.Schema, "description") is { } description
                ? $"Write {expected} here: {description}."
                : $"Write {expected} here."));
    }

    private static string? Expected(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => "text",
        ValidationErrorKind.IntegerExpected => "a whole number",
        ValidationErrorKind.NumberExpected => "a number",
        ValidationErrorKind.BooleanExpected => "true or false",
        ValidationErrorKind.ArrayExpected => "a list",
        ValidationErrorKind.ObjectExpected => "a mapping of keys to values",
        ValidationErrorKind.NullExpected => "nothing (null)",
        _ => null,
    };

    private static string Describe(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null => "nothing (an empty value)",
        JTokenType.String => $"'{Shorten(token.ToString())}'",
        JTokenType.Integer or JTokenType.Float => $"the number {Shorten(token.ToString(Newtonsoft.Json.Formatting.None))}",
        JTokenType.Boolean => $"the value {token.ToString(Newtonsoft.Json.Formatting.None)}",
        JTokenType.Array => "a list",
        JTokenType.Object => "a mapping",
        _ => token.Type.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Humanize(ValidationErrorKind kind)
    {
        var name = kind.ToString();
        var words = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    private static string? Extension(JsonSchema? schema, string key)
    {
        if (schema is null)
        {
            return null;
        }

        if (key == "description")
        {
            return schema.Description;
        }

        return schema.ExtensionData is { } data && data.TryGetValue(key, out var value) ? value?.ToString() : null;
    }
}
