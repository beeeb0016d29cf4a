using System.Collections.Immutable;
using System.Globalization;
using TClass.Engine;

namespace TClass.Manifests;

/// <summary>
/// Manifest format 1 seen as facts: the paths a ruleset may read (<see cref="Schema"/>) and their
/// values for one manifest. An undeclared fact reads as unknown, except the two lists of exceptions
/// the format defines: absent <c>components</c> and <c>architecture.changes</c> mean none.
/// </summary>
public sealed class ManifestFacts(Manifest manifest) : IFactSource
{
    /// <summary>The family value that means "the developer's own architecture".</summary>
    public const string OwnFamily = "own";

    /// <summary>Every fact manifest format 1 provides, read from its JSON Schema (<c>rules/schema/manifest.schema.json</c>).</summary>
    public static FactSchema Schema { get; } = Facts.JsonSchemaFacts.Read(Schemas.Manifest, "manifest format 1");

    /// <summary>The manifest these facts are read from.</summary>
    public Manifest Manifest { get; } = manifest;

    /// <inheritdoc/>
    public FactValue? Read(string path)
    {
        var m = Manifest;
        return path switch
        {
            "model.id" => new SymbolValue(m.Model.Id),
            "model.name" => Text(m.Model.Name),
            "model.developer" => Text(m.Model.Developer),
            "model.country" => Text(m.Model.Country),
            "model.released" => Text(m.Model.Released?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            "model.parameters" => Text(m.Model.Parameters),
            "model.references" => TextList(m.Model.References),
            "model.modalities" => Set(m.Model.Modalities),
            "weights.origin" => Symbol(m.Weights.Origin),
            "weights.base" => TextList(m.Weights.Base),
            "weights.adaptation" => Set(m.Weights.Adaptation),
            "architecture.family" => Text(m.Architecture.Family),
            "architecture.class" => Text(m.Architecture.Class),
            "architecture.remote_code" => m.Architecture.RemoteCode is { } remote ? BoolValue.Of(remote) : null,
            "architecture.config" => Symbol(m.Architecture.Config),
            "architecture.changes" => Set<ArchitectureChange>(m.Architecture.Changes),
            "architecture.topology" => Set(m.Architecture.Topology),
            "tokenizer.origin" => Symbol(m.Tokenizer.Origin),
            "tokenizer.base" => Text(m.Tokenizer.Base),
            "tokenizer.vocab_size" => m.Tokenizer.VocabSize is { } size ? new NumberValue(size) : null,
            "tokenizer.file" => Text(m.Tokenizer.File),
            "data.curated_by" => Symbol(m.Data.CuratedBy),
            "data.distillation" => Symbol(m.Data.Distillation),
            "data.teachers" => m.Data.Teachers.IsDefaultOrEmpty ? null : new RecordListValue(m.Data.Teachers),
            "data.tokens" => Text(m.Data.Tokens),
            "data.languages" => TextList(m.Data.Languages),
            "components" => new RecordListValue(m.Components),
            "infrastructure.training.chips" => Records(m.Infrastructure.Training.Chips),
            "infrastructure.training.cloud" => Records(m.Infrastructure.Training.Cloud),
            "infrastructure.serving.chips" => Records(m.Infrastructure.Serving.Chips),
            "infrastructure.serving.cloud" => Records(m.Infrastructure.Serving.Cloud),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public bool IsDeclared(string path) => path switch
    {
        "components" => Manifest.ComponentsDeclared,
        "architecture.changes" => Manifest.Architecture.Changes.Length > 0,
        _ => Read(path) is not null,
    };

    /// <inheritdoc/>
    public string? Evidence(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (Manifest.Evidence.TryGetValue(p, out var source))
            {
                return source;
            }
        }

        return null;
    }

    /// <summary>The path one level up: <c>weights</c> for <c>weights.origin</c>, empty at the top.</summary>
    public static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    private static FactDescriptor TextFact(string path) => new(path, FactKind.Text, []);

    private static FactDescriptor EnumFact<TEnum>(string path)
        where TEnum : struct, System.Enum => new(path, FactKind.Enum, [.. ManifestSymbols.All<TEnum>()]);

    private static FactDescriptor SetFact<TEnum>(string path)
        where TEnum : struct, System.Enum => new(path, FactKind.Set, [.. ManifestSymbols.All<TEnum>()]);

    private static FactDescriptor RecordsFact(string path, params string[] fields) => new(path, FactKind.Records, [.. fields]);

    private static SymbolValue? Text(string? value) => value is null ? null : new SymbolValue(value);

    private static SymbolSetValue? TextList(ImmutableArray<string> values) => values.IsDefaultOrEmpty ? null : new SymbolSetValue(values);

    private static SymbolValue? Symbol<TEnum>(TEnum? value)
        where TEnum : struct, System.Enum => value is { } v ? SymbolCache<TEnum>.Values[v] : null;

    private static SymbolSetValue? Set<TEnum>(ImmutableArray<TEnum>? values)
        where TEnum : struct, System.Enum
    {
        if (values is not { } known)
        {
            return null;
        }

        var symbols = new string[known.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = known[i].Symbol();
        }

        return new SymbolSetValue(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(symbols));
    }

    private static RecordListValue? Records(ImmutableArray<Placement>? placements) =>
        placements is { } p ? new RecordListValue(p) : null;

    private static class SymbolCache<TEnum>
        where TEnum : struct, System.Enum
    {
        public static readonly System.Collections.Frozen.FrozenDictionary<TEnum, SymbolValue> Values =
            System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(System.Enum.GetValues<TEnum>(), v => v, v => new SymbolValue(v.Symbol()));
    }
}
