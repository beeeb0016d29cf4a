namespace TClass.Resources;

/// <summary>The JSON Schemas shipped with the library, for editors and other tools.</summary>
public static class Schemas
{
    /// <summary>The JSON Schema of manifest format 1 (<c>rules/schema/manifest.schema.json</c>).</summary>
    public static string Manifest => EmbeddedRules.Text("schema/manifest.schema.json");

    /// <summary>The JSON Schema of rulesets (<c>rules/schema/ruleset.schema.json</c>).</summary>
    public static string Ruleset => EmbeddedRules.Text("schema/ruleset.schema.json");

    /// <summary>A commented manifest template with every field of format 1 (<c>rules/templates/manifest.yaml</c>).</summary>
    public static string ManifestTemplate => EmbeddedRules.Text("templates/manifest.yaml");
}
