using System.Collections.Frozen;
using NJsonSchema;
using TClass.Documents;
using TClass.Resources;

namespace TClass.Manifests;

/// <summary>Manifest format 1 as data: its JSON Schema and the field paths it defines.</summary>
internal static class ManifestFormat
{
    private static readonly Lazy<SchemaValidation> Validation =
        new(() => SchemaValidation.FromJson(EmbeddedRules.Text("schema/manifest.schema.json")));

    private static readonly Lazy<FrozenSet<string>> Paths = new(() => CollectPaths(Validation.Value.Schema));

    /// <summary>The schema validation of <c>rules/schema/manifest.schema.json</c>, loaded once per process.</summary>
    public static SchemaValidation Schema => Validation.Value;

    /// <summary>Every field and section path of the format (<c>weights</c>, <c>weights.origin</c>, <c>components.origin</c>…).</summary>
    public static FrozenSet<string> FieldPaths => Paths.Value;

    private static FrozenSet<string> CollectPaths(JsonSchema root)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonSchema schema, string prefix)
        {
            foreach (var (name, property) in schema.ActualProperties)
            {
                if (name == "$schema" || name == "evidence")
                {
                    continue;
                }

                var path = prefix.Length == 0 ? name : prefix + "." + name;
                paths.Add(path);
                var actual = property.ActualSchema;
                Walk(actual, path);
                if (actual.Item is { } item)
                {
                    Walk(item.ActualSchema, path);
                }
            }
        }

        Walk(root, "");
        return paths.ToFrozenSet(StringComparer.Ordinal);
    }
}
