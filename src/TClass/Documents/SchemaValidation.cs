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
        var fixKo = rule.FixKo;
        switch (error.Kind)
        {
            case SchemaErrorKind.NoAdditionalPropertiesAllowed:
            {
                var key = error.Key ?? "";
                var known = rule.Properties.Select(p => p.Name).ToList();
                var nearest = Suggestions.Nearest(key, known);
                var suggestion = nearest is null ? DiagnosticCatalog.Phrase("unknown-key.remove", ("key", key)) : DiagnosticCatalog.Phrase("unknown-key.nearest", ("nearest", nearest));
                var list = known.Count == 0 ? new LocalizedText("", "") : DiagnosticCatalog.Phrase("unknown-key.known", ("keys", string.Join(", ", known)));
                diagnostics.Error("unknown-key", at, path, DiagnosticCatalog.Words("unknown-key", [("key", key)], ("suggestion", suggestion), ("known", list)));
                return;
            }

            case SchemaErrorKind.PropertyRequired:
            {
                var field = path.Length == 0 ? error.Key : path + "." + error.Key;
                diagnostics.Error("missing-key", at, field ?? "",
                    WithFix(DiagnosticCatalog.Words("missing-key", ("key", error.Key ?? "")), rule.Property(error.Key ?? "")?.Fix, rule.Property(error.Key ?? "")?.FixKo));
                return;
            }

            case SchemaErrorKind.NotInEnumeration:
            {
                var allowed = rule.EnumDisplay;
                var nearest = node is ScalarNode { Kind: ScalarKind.String } text ? Suggestions.Nearest(text.Text, allowed) : null;
                diagnostics.Error("not-allowed", at, path, WithFix(DiagnosticCatalog.Words("not-allowed",
                    [("allowed", string.Join(", ", allowed))], ("value", Describe(node)), ("suggestion", DiagnosticCatalog.DidYouMean(nearest))), fix, fixKo));
                return;
            }

            case SchemaErrorKind.NotAnyOf or SchemaErrorKind.NotOneOf:
                ReportAlternatives(error, diagnostics, fix);
                return;

            case SchemaErrorKind.TooFewItems:
                diagnostics.Error("too-few-items", at, path,
                    WithFix(DiagnosticCatalog.Words("too-few-items", ("count", rule.MinItems.ToString(CultureInfo.InvariantCulture))), fix, fixKo));
                return;

            case SchemaErrorKind.StringTooShort:
                diagnostics.Error("invalid-value", at, path, WithFix(DiagnosticCatalog.Words("invalid-value.short",
                    [("count", Convert.ToString(rule.MinLength, CultureInfo.InvariantCulture) ?? ""), ("fix", fix ?? rule.Description ?? "")], ("value", Describe(node))), null, fixKo));
                return;

            case SchemaErrorKind.PatternMismatch:
                diagnostics.Error("invalid-value", at, path,
                    WithFix(DiagnosticCatalog.Words("invalid-value.pattern", [("fix", fix ?? rule.Description ?? "")], ("value", Describe(node))), null, fixKo));
                return;

            case SchemaErrorKind.WrongType:
            {
                diagnostics.Error("wrong-type", at, path, WithFix(DiagnosticCatalog.Words("wrong-type", [], ("expected", Expected(rule.Types)), ("value", Describe(node))), fix, fixKo));
                return;
            }

            default:
                diagnostics.Error("invalid-value", at, path, WithFix(DiagnosticCatalog.Words("invalid-value",
                    [("fix", fix ?? rule.Description ?? "")], ("value", Describe(node)), ("kind", Humanize(error.Kind))), null, fixKo));
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
            diagnostics.Error("ambiguous", node.Position, node.Path, DiagnosticCatalog.Words("ambiguous",
                [("fix", fix ?? (error.Rule.Description is { } says ? $"Write exactly one of the shapes: {says}." : "Write exactly one of the accepted shapes."))], ("value", Describe(node))));
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
        var words = error.Rule.Description is { } description
            ? DiagnosticCatalog.Words("wrong-type.described", [("description", description)], ("expected", Expected(types)), ("value", Describe(node)))
            : DiagnosticCatalog.Words("wrong-type", [], ("expected", Expected(types)), ("value", Describe(node)));
        diagnostics.Error("wrong-type", node.Position, node.Path, WithFix(words, fix, error.Rule.FixKo));
    }

    /// <summary>The schema's own fixes (<c>x-fix</c>, <c>x-fix-ko</c>) replace the general ones, language by language.</summary>
    private static DiagnosticWords WithFix(DiagnosticWords words, string? fix, string? fixKo) => new(
        fix is null ? words.English : words.English with { Fix = fix },
        fixKo is null ? words.Korean : words.Korean with { Fix = fixKo });

    /// <summary>The accepted types in words: "text or a number".</summary>
    private static LocalizedText Expected(JsonTypes types)
    {
        var words = new List<LocalizedText>();
        if (types.HasFlag(JsonTypes.String))
        {
            words.Add(new("text", "글자"));
        }

        if (types.HasFlag(JsonTypes.Number))
        {
            words.Add(new("a number", "숫자"));
        }
        else if (types.HasFlag(JsonTypes.Integer))
        {
            words.Add(new("a whole number", "정수"));
        }

        if (types.HasFlag(JsonTypes.Boolean))
        {
            words.Add(new("true or false", "true 또는 false"));
        }

        if (types.HasFlag(JsonTypes.Array))
        {
            words.Add(new("a list", "목록"));
        }

        if (types.HasFlag(JsonTypes.Object))
        {
            words.Add(new("a mapping of keys to values", "키와 값의 매핑"));
        }

        if (types.HasFlag(JsonTypes.Null))
        {
            words.Add(new("nothing (null)", "빈 값(null)"));
        }

        return words.Count == 0
            ? new("another shape", "다른 형태")
            : new(string.Join(" or ", words.Select(w => w.En)), string.Join(" 또는 ", words.Select(w => w.Ko)));
    }

    private static LocalizedText Describe(DocumentNode node) => node switch
    {
        ScalarNode { Kind: ScalarKind.String } s => new($"'{Shorten(s.Text)}'", $"'{Shorten(s.Text)}'"),
        ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } n => new($"the number {Shorten(n.Text)}", $"숫자 {Shorten(n.Text)}"),
        ScalarNode { Kind: ScalarKind.Bool } b => new($"the value {b.Text}", $"값 {b.Text}"),
        ScalarNode => new("nothing (an empty value)", "빈 값"),
        SequenceNode => new("a list", "목록"),
        _ => new("a mapping", "매핑"),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>The rule a value broke, in words: "items not unique" / "같은 항목이 두 번 이상 나옴".</summary>
    private static LocalizedText Humanize(SchemaErrorKind kind) => kind switch
    {
        SchemaErrorKind.StringTooLong => new("string too long", "글이 너무 김"),
        SchemaErrorKind.NumberTooSmall => new("number too small", "수가 너무 작음"),
        SchemaErrorKind.NumberTooBig => new("number too big", "수가 너무 큼"),
        SchemaErrorKind.NumberNotMultipleOf => new("number not multiple of", "정해진 수의 배수가 아님"),
        SchemaErrorKind.TooManyItems => new("too many items", "항목이 너무 많음"),
        SchemaErrorKind.ItemsNotUnique => new("items not unique", "같은 항목이 두 번 이상 나옴"),
        SchemaErrorKind.TooFewProperties => new("too few properties", "키가 너무 적음"),
        SchemaErrorKind.TooManyProperties => new("too many properties", "키가 너무 많음"),
        SchemaErrorKind.ExcludedSchemaValidates => new("excluded schema validates", "허용되지 않는 형태와 맞음"),
        _ => new(kind.ToString(), kind.ToString()),
    };
}
