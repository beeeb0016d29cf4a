using System.Collections.Frozen;
using TClass.Documents;
using TClass.Resources;

namespace TClass.Manifests;

/// <summary>Manifest format 1 as data: its JSON Schema and the field paths it defines.</summary>
internal static class ManifestFormat
{
    private static readonly Lazy<SchemaValidation> Validation = new(() => SchemaValidation.Precompiled(EmbeddedRules.Text("schema/manifest.program.json")));

    private static readonly Lazy<FrozenSet<string>> Paths = new(() => CollectPaths(Validation.Value.Program));

    /// <summary>The schema validation of <c>rules/schema/manifest.schema.json</c>, loaded once per process.</summary>
    public static SchemaValidation Schema => Validation.Value;

    /// <summary>Every field and section path of the format (<c>weights</c>, <c>weights.origin</c>, <c>components.origin</c>…).</summary>
    public static FrozenSet<string> FieldPaths => Paths.Value;

    private static FrozenSet<string> CollectPaths(SchemaProgram program)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(SchemaRule rule, string prefix)
        {
            foreach (var property in rule.Properties)
            {
                if (property.Name is "$schema" or "evidence")
                {
                    continue;
                }

                var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                paths.Add(path);
                var schema = program.Rules[property.Schema];
                Walk(schema, path);
                if (schema.Items is { } item)
                {
                    Walk(program.Rules[item], path);
                }
            }
        }

        Walk(program.Rules[0], "");
        return paths.ToFrozenSet(StringComparer.Ordinal);
    }
}
