using System.Globalization;
using NJsonSchema;
using TClass.Diagnostics;
using TClass.Text;

namespace TClass.Documents;

/// <summary>
/// Validates a document against a JSON Schema and rewrites each schema error as a diagnostic a
/// person can act on: the position in their file, the field, what was expected and the nearest
/// allowed key or value. NJsonSchema reads the schema (it stays the schema authority); the schema is
/// compiled into a <see cref="SchemaProgram"/> that checks the document tree itself, and the built-in
/// schemas are compiled ahead of time (<see cref="Precompiled"/>). A schema may carry <c>x-fix</c> on any
/// property to say how to fix it.
/// </summary>
internal sealed class SchemaValidation
{
    private readonly SchemaProgram _program;

    /// <summary>Compiles <paramref name="schema"/> as NJsonSchema read it.</summary>
    public SchemaValidation(JsonSchema schema)
        : this(SchemaProgram.Compile(schema))
    {
    }

    private SchemaValidation(SchemaProgram program) => _program = program;

    /// <summary>Reads a JSON Schema with NJsonSchema and compiles it.</summary>
    public static SchemaValidation FromJson(string schemaJson) =>
        new(JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult());

    /// <summary>
    /// The validation of a schema from its compiled program (a <c>rules/schema/*.program.json</c>, see
    /// <see cref="SchemaProgramJson"/>): no schema model is built at start-up.
    /// </summary>
    public static SchemaValidation Precompiled(string programJson) => new(SchemaProgramJson.Read(programJson));

    /// <summary>The compiled schema.</summary>
    public SchemaProgram Program => _program;

    /// <summary>Whether <paramref name="root"/> satisfies the schema.</summary>
    public bool Accepts(DocumentNode root) => _program.Check(root).IsEmpty;

    public void Validate(DocumentNode root, DiagnosticBag diagnostics, Func<Diagnostic, bool>? keep = null)
    {
        var collected = new DiagnosticBag(diagnostics.File);
        var errors = _program.Check(root);

        // A value of the wrong type is not also reported as outside the allowed values.
        var mistyped = errors.Where(e => e.Kind == SchemaErrorKind.WrongType).Select(e => e.Node).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var error in errors.Where(e => e.Kind != SchemaErrorKind.NotInEnumeration || !mistyped.Contains(e.Node)))
        {
            Report(error, collected);
        }

        diagnostics.AddRange(collected.ToImmutableSorted().Where(d => keep?.Invoke(d) ?? true));
    }

    private static void Report(SchemaError error, DiagnosticBag diagnostics)
    {
        var node = error.Node;
        if (node is ScalarNode { Kind: ScalarKind.Invalid })
        {
            return; // an alias or a too-deep subtree stood here and has been reported already
        }

        var at = node.Position;
        var path = node.Path;
        var rule = error.Rule;
        var fix = rule.Fix;
        switch (error.Kind)
        {
            case SchemaErrorKind.NoAdditionalPropertiesAllowed:
            {
                var key = error.Key ?? "";
                var known = rule.Properties.Select(p => p.Name).ToList();
                var nearest = Suggestions.Nearest(key, known);
                var list = known.Count == 0 ? "" : " Known keys here: " + string.Join(", ", known) + ".";
                diagnostics.Error("unknown-key", at, path, $"unknown key '{key}'.",
                    (nearest is null ? $"Remove '{key}'." : $"Did you mean '{nearest}'?") + list);
                return;
            }

            case SchemaErrorKind.PropertyRequired:
            {
                var field = path.Length == 0 ? error.Key : path + "." + error.Key;
                diagnostics.Error("missing-key", at, field ?? "", $"the required key '{error.Key}' is missing.",
                    rule.Property(error.Key ?? "")?.Fix ?? $"Add '{error.Key}:' here.");
                return;
            }

            case SchemaErrorKind.NotInEnumeration:
            {
                var allowed = rule.EnumDisplay;
                var nearest = node is ScalarNode { Kind: ScalarKind.String } text ? Suggestions.Nearest(text.Text, allowed) : null;
                diagnostics.Error("not-allowed", at, path, $"{Describe(node)} is not an allowed value.",
                    fix ?? ((nearest is null ? "" : $"Did you mean '{nearest}'? ") + "Allowed: " + string.Join(", ", allowed) + "."));
                return;
            }

            case SchemaErrorKind.NotAnyOf or SchemaErrorKind.NotOneOf:
                ReportAlternatives(error, diagnostics, fix);
                return;

            case SchemaErrorKind.TooFewItems:
                diagnostics.Error("too-few-items", at, path,
                    string.Create(CultureInfo.InvariantCulture, $"the list needs at least {rule.MinItems} item(s)."),
                    fix ?? "Add the missing items, or remove the key to leave the fact unknown.");
                return;

            case SchemaErrorKind.StringTooShort:
                diagnostics.Error("invalid-value", at, path,
                    string.Create(CultureInfo.InvariantCulture, $"{Describe(node)} is too short: at least {rule.MinLength} character(s)."),
                    fix ?? rule.Description);
                return;

            case SchemaErrorKind.PatternMismatch:
                diagnostics.Error("invalid-value", at, path, $"{Describe(node)} does not have the required form.",
                    fix ?? rule.Description);
                return;

            case SchemaErrorKind.WrongType:
            {
                var expected = Expected(rule.Types);
                diagnostics.Error("wrong-type", at, path, $"expected {expected}, found {Describe(node)}.", fix ?? $"Write {expected} here.");
                return;
            }

            default:
                diagnostics.Error("invalid-value", at, path, $"{Describe(node)} is not valid here ({Humanize(error.Kind)}).",
                    fix ?? rule.Description);
                return;
        }
    }

    /// <summary>
    /// For "one of these shapes" fields: when an alternative matched the value's type, its own errors
    /// are the helpful ones; otherwise the value has none of the accepted shapes.
    /// </summary>
    private static void ReportAlternatives(SchemaError error, DiagnosticBag diagnostics, string? fix)
    {
        var node = error.Node;
        var failing = error.Alternatives.Where(errors => errors.Length > 0).ToList();
        if (failing.Count < error.Alternatives.Length)
        {
            // oneOf with more than one match: the value is ambiguous, not wrong in any one shape.
            diagnostics.Error("ambiguous", node.Position, node.Path, $"{Describe(node)} fits more than one of the accepted shapes.",
                fix ?? (error.Rule.Description is { } says ? $"Write exactly one of the shapes: {says}." : "Write exactly one of the accepted shapes."));
            return;
        }

        var shapeMatched = failing
            .Where(errors => errors.All(e => e.Kind != SchemaErrorKind.WrongType || !ReferenceEquals(e.Node, node)))
            .OrderBy(errors => errors.Length)
            .Take(1)
            .ToList();
        if (shapeMatched.Count > 0)
        {
            foreach (var inner in shapeMatched[0])
            {
                Report(inner, diagnostics);
            }

            return;
        }

        var types = failing.SelectMany(errors => errors)
            .Where(e => e.Kind == SchemaErrorKind.WrongType && ReferenceEquals(e.Node, node))
            .Aggregate(JsonTypes.Any, (all, e) => all | e.Rule.Types);
        var expected = Expected(types);
        diagnostics.Error("wrong-type", node.Position, node.Path, $"expected {expected}, found {Describe(node)}.",
            fix ?? (error.Rule.Description is { } description
                ? $"Write {expected} here: {description}."
                : $"Write {expected} here."));
    }

    /// <summary>The accepted types in words: "text or a number".</summary>
    private static string Expected(JsonTypes types)
    {
        var words = new List<string>();
        if (types.HasFlag(JsonTypes.String))
        {
            words.Add("text");
        }

        if (types.HasFlag(JsonTypes.Number))
        {
            words.Add("a number");
        }
        else if (types.HasFlag(JsonTypes.Integer))
        {
            words.Add("a whole number");
        }

        if (types.HasFlag(JsonTypes.Boolean))
        {
            words.Add("true or false");
        }

        if (types.HasFlag(JsonTypes.Array))
        {
            words.Add("a list");
        }

        if (types.HasFlag(JsonTypes.Object))
        {
            words.Add("a mapping of keys to values");
        }

        if (types.HasFlag(JsonTypes.Null))
        {
            words.Add("nothing (null)");
        }

        return words.Count == 0 ? "another shape" : string.Join(" or ", words);
    }

    private static string Describe(DocumentNode node) => node switch
    {
        ScalarNode { Kind: ScalarKind.String } s => $"'{Shorten(s.Text)}'",
        ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } n => $"the number {Shorten(n.Text)}",
        ScalarNode { Kind: ScalarKind.Bool } b => $"the value {b.Text}",
        ScalarNode => "nothing (an empty value)",
        SequenceNode => "a list",
        _ => "a mapping",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Humanize(SchemaErrorKind kind)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in kind.ToString())
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
