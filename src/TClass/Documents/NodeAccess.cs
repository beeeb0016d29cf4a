using System.Collections.Immutable;

namespace TClass.Documents;

/// <summary>
/// Lenient typed reads of a <see cref="DocumentNode"/> tree: a value of the wrong shape reads as
/// absent (schema validation has reported it already), so later stages can keep going and report
/// every other problem of the file too.
/// </summary>
internal static class NodeAccess
{
    public static MappingNode? Map(this DocumentNode? node, string key) => (node as MappingNode)?[key] as MappingNode;

    public static DocumentNode? Node(this DocumentNode? node, string key) => (node as MappingNode)?[key];

    /// <summary>A text value; numbers count as text for free-text fields (<c>parameters: 8</c>).</summary>
    public static string? Text(this DocumentNode? node, string key) =>
        (node as MappingNode)?[key] is ScalarNode { Kind: ScalarKind.String or ScalarKind.Integer or ScalarKind.Float } scalar ? scalar.Text : null;

    /// <summary>A text value that must have been written as text (enumeration values, keys).</summary>
    public static string? Word(this DocumentNode? node, string key) =>
        (node as MappingNode)?[key] is ScalarNode { Kind: ScalarKind.String } scalar ? scalar.Text : null;

    public static bool? Bool(this DocumentNode? node, string key) =>
        (node as MappingNode)?[key] is ScalarNode { Kind: ScalarKind.Bool } scalar ? scalar.Text is "true" or "True" or "TRUE" : null;

    public static long? Integer(this DocumentNode? node, string key) =>
        (node as MappingNode)?[key] is ScalarNode { Kind: ScalarKind.Integer } scalar
        && long.TryParse(scalar.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static ImmutableArray<DocumentNode> Items(this DocumentNode? node, string key) =>
        (node as MappingNode)?[key] is SequenceNode sequence ? sequence.Items : [];

    public static bool Has(this DocumentNode? node, string key) => (node as MappingNode)?.Entry(key) is not null;

    /// <summary>The texts of a list, or of a single text written where a list is also accepted.</summary>
    public static ImmutableArray<string> Texts(this DocumentNode? node, string key) => (node as MappingNode)?[key] switch
    {
        SequenceNode sequence => [.. sequence.Items.OfType<ScalarNode>().Where(s => s.Kind == ScalarKind.String).Select(s => s.Text)],
        ScalarNode { Kind: ScalarKind.String } scalar => [scalar.Text],
        _ => [],
    };

    /// <summary>Every node of the tree with its path, depth first.</summary>
    public static IEnumerable<DocumentNode> Descendants(this DocumentNode node)
    {
        var stack = new Stack<DocumentNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            var children = current switch
            {
                MappingNode mapping => mapping.Entries.Select(e => e.Value),
                SequenceNode sequence => sequence.Items.AsEnumerable(),
                _ => [],
            };
            foreach (var child in children.Reverse())
            {
                stack.Push(child);
            }
        }
    }
}
