using System.Collections.Immutable;
using System.Globalization;
using TClass.Documents;

namespace TClass.Facts;

/// <summary>
/// The facts of a validated document, read by path with the shapes of a <see cref="FactSchema"/>:
/// no per-field code, so a field added to the schema is a fact rulesets can read. A fact the
/// document does not declare reads as unknown, except a list the format reads as empty when absent.
/// A plain string item of a list of records fills the record's <see cref="FactDescriptor.ScalarField"/>;
/// when the list names a <see cref="FactDescriptor.Catalog"/>, <paramref name="catalog"/> gives the
/// entry's other fields. Records read their fields when asked, so reading a list allocates one
/// object per item.
/// </summary>
/// <param name="root">The document (for a Markdown card, its <c>tclass:</c> mapping).</param>
/// <param name="schema">The facts the format provides.</param>
/// <param name="catalog">Looks a field of a plain item up in a catalog: (catalog, key, field) → the value, or null when the catalog has no such entry or field.</param>
internal sealed class DocumentFacts(MappingNode root, FactSchema schema, Func<string, string, string, string?> catalog) : IFactSource
{
    /// <inheritdoc/>
    public FactValue? Read(string path)
    {
        if (schema.Find(path) is not { } fact)
        {
            return null;
        }

        var node = Find(path);
        if (node is null or ScalarNode { IsNull: true })
        {
            return fact.AbsentMeansEmpty ? Empty(fact) : null;
        }

        return fact.Kind switch
        {
            FactKind.Enum or FactKind.Text => node is ScalarNode scalar ? new SymbolValue(scalar.Text) : null,
            FactKind.Bool => node is ScalarNode { Kind: ScalarKind.Bool } flag ? BoolValue.Of(flag.Text is "true" or "True" or "TRUE") : null,
            FactKind.Number => node is ScalarNode number && double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? new NumberValue(n) : null,
            FactKind.Set or FactKind.TextList => node switch
            {
                SequenceNode list => new SymbolSetValue([.. list.Items.OfType<ScalarNode>().Select(s => s.Text)]),
                ScalarNode single when fact.Kind == FactKind.TextList => new SymbolSetValue([single.Text]),
                _ => null,
            },
            FactKind.Records => node is SequenceNode items ? new RecordListValue(Records(fact, items)) : null,
            _ => null,
        };
    }

    /// <inheritdoc/>
    public bool IsDeclared(string path) => Find(path) is { } node && node is not ScalarNode { IsNull: true };

    /// <inheritdoc/>
    public string? Evidence(string path)
    {
        if (root["evidence"] is not MappingNode evidence)
        {
            return null;
        }

        // The fact's own path, then each enclosing section: weights.origin, then weights.
        for (var p = path.AsSpan(); p.Length > 0; p = p.LastIndexOf('.') is var dot and >= 0 ? p[..dot] : [])
        {
            if (evidence.Entry(p)?.Value is ScalarNode { Kind: ScalarKind.String } source)
            {
                return source.Text;
            }
        }

        return null;
    }

    /// <summary>The node at a dotted path, walked segment by segment without allocating.</summary>
    private DocumentNode? Find(string path)
    {
        DocumentNode? node = root;
        var rest = path.AsSpan();
        while (node is MappingNode mapping)
        {
            var dot = rest.IndexOf('.');
            node = mapping.Entry(dot < 0 ? rest : rest[..dot])?.Value;
            if (dot < 0)
            {
                return node;
            }

            rest = rest[(dot + 1)..];
        }

        return null;
    }

    private IFactRecord[] Records(FactDescriptor fact, SequenceNode items)
    {
        var count = 0;
        foreach (var item in items.Items)
        {
            count += IsRecord(fact, item) ? 1 : 0;
        }

        var records = new IFactRecord[count];
        count = 0;
        foreach (var item in items.Items)
        {
            if (IsRecord(fact, item))
            {
                records[count++] = new DocumentRecord(fact, item, catalog);
            }
        }

        return records;
    }

    /// <summary>A list item is a record when it is a mapping, or a plain item of a list that allows them.</summary>
    private static bool IsRecord(FactDescriptor fact, DocumentNode item) =>
        item is MappingNode || (item is ScalarNode && fact.ScalarField is not null);

    private static FactValue Empty(FactDescriptor fact) => fact.Kind == FactKind.Records ? new RecordListValue([]) : new SymbolSetValue([]);

    /// <summary>
    /// One record of a list, its fields read from the item when asked. Its label is the first field,
    /// in the schema's order, that has a value — the catalog key or id of a plain item, else a name,
    /// else the next field given.
    /// </summary>
    private sealed class DocumentRecord(FactDescriptor fact, DocumentNode item, Func<string, string, string, string?> catalog) : IFactRecord
    {
        public string Label
        {
            get
            {
                foreach (var name in fact.Values)
                {
                    if (Field(name) is { } value)
                    {
                        return value;
                    }
                }

                return "";
            }
        }

        public string? Field(string name)
        {
            if (!fact.Values.Contains(name))
            {
                return null;
            }

            return item switch
            {
                ScalarNode scalar when name == fact.ScalarField => scalar.Text,
                ScalarNode scalar => fact.Catalog is { } known ? catalog(known, scalar.Text, name) : null,
                MappingNode mapping => mapping[name] is ScalarNode { IsNull: false } value ? value.Text : null,
                _ => null,
            };
        }
    }
}
