using System.Collections.Immutable;
using TClass.Diagnostics;

namespace TClass.Documents;

/// <summary>How a scalar's text resolves under the YAML 1.2 core schema (JSON is read the same way).</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Integer,
    Float,
    String,

    /// <summary>Stands in for a node that was refused (an alias, a too-deep subtree); already reported.</summary>
    Invalid,
}

/// <summary>
/// A node of a parsed YAML or JSON document that remembers where it was written. This is the only
/// parsed form of user input; schema validation, semantic validation and binding all read it.
/// </summary>
internal abstract record DocumentNode(SourcePosition Position, string Path);

internal sealed record ScalarNode(SourcePosition Position, string Path, string Text, ScalarKind Kind)
    : DocumentNode(Position, Path)
{
    public bool IsNull => Kind == ScalarKind.Null;
}

internal sealed record SequenceNode(SourcePosition Position, string Path, ImmutableArray<DocumentNode> Items)
    : DocumentNode(Position, Path);

internal sealed record MappingEntry(ScalarNode Key, DocumentNode Value);

internal sealed record MappingNode(SourcePosition Position, string Path, ImmutableArray<MappingEntry> Entries)
    : DocumentNode(Position, Path)
{
    public MappingEntry? Entry(string key) => Entry(key.AsSpan());

    /// <summary>The entry whose key is <paramref name="key"/>, found without allocating.</summary>
    public MappingEntry? Entry(ReadOnlySpan<char> key)
    {
        foreach (var entry in Entries)
        {
            if (key.SequenceEqual(entry.Key.Text))
            {
                return entry;
            }
        }

        return null;
    }

    public DocumentNode? this[string key] => Entry(key)?.Value;
}
