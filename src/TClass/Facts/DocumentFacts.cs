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
/// entry's other fields.
/// </summary>
/// <param name="root">The document (for a Markdown card, its <c>tclass:</c> mapping).</param>
/// <param name="schema">The facts the format provides.</param>
/// <param name="catalog">Looks a plain item up in a catalog: (catalog, key) → the entry's fields, or null when it is not there.</param>
internal sealed class DocumentFacts(MappingNode root, FactSchema schema, Func<string, string, IReadOnlyDictionary<string, string?>?> catalog) : IFactSource
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
            FactKind.Records => node is SequenceNode items ? new RecordListValue([.. items.Items.Select(i => Record(fact, i)).OfType<IFactRecord>()]) : null,
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

        for (var p = path; p.Length > 0; p = p.LastIndexOf('.') is var dot and >= 0 ? p[..dot] : "")
        {
            if (evidence[p] is ScalarNode { Kind: ScalarKind.String } source)
            {
                return source.Text;
            }
        }

        return null;
    }

    private DocumentNode? Find(string path)
    {
        DocumentNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = (node as MappingNode)?[part];
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private DocumentRecord? Record(FactDescriptor fact, DocumentNode item)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (item)
        {
            case ScalarNode scalar when fact.ScalarField is { } field:
                fields[field] = scalar.Text;
                if (fact.Catalog is { } name && catalog(name, scalar.Text) is { } known)
                {
                    foreach (var (key, value) in known)
                    {
                        fields[key] = value;
                    }
                }

                break;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                {
                    if (entry.Value is ScalarNode { IsNull: false } value)
                    {
                        fields[entry.Key.Text] = value.Text;
                    }
                }

                break;
            default:
                return null;
        }

        return new DocumentRecord([.. fact.Values.Select(v => KeyValuePair.Create(v, fields.GetValueOrDefault(v)))]);
    }

    private static FactValue Empty(FactDescriptor fact) => fact.Kind == FactKind.Records ? new RecordListValue([]) : new SymbolSetValue([]);

    /// <summary>
    /// One record of a list: its fields in the schema's order. Its label is the first field that has
    /// a value — the catalog key or id of a plain item, else a name, else the next field given.
    /// </summary>
    private sealed record DocumentRecord(ImmutableArray<KeyValuePair<string, string?>> Fields) : IFactRecord
    {
        public string Label => Fields.FirstOrDefault(f => f.Value is not null).Value ?? "";

        public string? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;
    }
}
