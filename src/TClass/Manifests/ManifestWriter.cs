using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TClass.Manifests;

/// <summary>Writes a <see cref="Manifest"/> as a YAML manifest of format 1, fields in the order of the format; unknown facts are left out.</summary>
public static class ManifestWriter
{
    /// <summary>The manifest as YAML text.</summary>
    public static string ToYaml(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return Mapping(emitter => Manifest(emitter, manifest));
    }

    /// <summary>
    /// A YAML document of one mapping, whose entries <paramref name="entries"/> emits, written as every
    /// manifest is: block style, two-space indent, lines never folded, no document markers.
    /// </summary>
    internal static string Mapping(Action<IEmitter> entries)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(2, int.MaxValue, false, 1024, false, true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        emitter.Emit(new MappingStart());
        entries(emitter);
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Manifest(IEmitter emitter, Manifest manifest)
    {
        Scalar(emitter, "tclass");
        Scalar(emitter, "1", plain: true);
        Section(emitter, "model",
            ("id", manifest.Model.Id), ("name", manifest.Model.Name), ("developer", manifest.Model.Developer), ("country", manifest.Model.Country),
            ("released", manifest.Model.Released?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("parameters", manifest.Model.Parameters),
            ("modalities", Symbols(manifest.Model.Modalities)), ("references", List(manifest.Model.References)));
        Section(emitter, "weights",
            ("origin", manifest.Weights.Origin?.Symbol()), ("base", List(manifest.Weights.Base)), ("adaptation", Symbols(manifest.Weights.Adaptation)));
        Section(emitter, "architecture",
            ("family", manifest.Architecture.Family), ("class", manifest.Architecture.Class),
            ("remote_code", manifest.Architecture.RemoteCode is { } remote ? (remote ? "true" : "false") : null),
            ("config", manifest.Architecture.Config?.Symbol()),
            ("changes", manifest.Architecture.Changes.IsEmpty ? null : Symbols(manifest.Architecture.Changes.AsEnumerable())),
            ("topology", Symbols(manifest.Architecture.Topology)));
        Section(emitter, "tokenizer",
            ("origin", manifest.Tokenizer.Origin?.Symbol()), ("base", manifest.Tokenizer.Base),
            ("vocab_size", manifest.Tokenizer.VocabSize?.ToString(CultureInfo.InvariantCulture)), ("file", manifest.Tokenizer.File));
        Section(emitter, "data",
            ("curated_by", manifest.Data.CuratedBy?.Symbol()), ("distillation", manifest.Data.Distillation?.Symbol()),
            ("teachers", Teachers(manifest.Data.Teachers)), ("tokens", manifest.Data.Tokens), ("languages", List(manifest.Data.Languages)));
        if (manifest.ComponentsDeclared || !manifest.Components.IsEmpty)
        {
            Scalar(emitter, "components");
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            foreach (var component in manifest.Components)
            {
                Mapping(emitter, ("name", component.Name), ("role", component.Role?.Symbol()), ("origin", component.Origin.Symbol()), ("base", component.Base));
            }

            emitter.Emit(new SequenceEnd());
        }

        var stages = new[] { ("training", manifest.Infrastructure.Training), ("serving", manifest.Infrastructure.Serving) }
            .Where(s => s.Item2.Chips is not null || s.Item2.Cloud is not null).ToList();
        if (stages.Count > 0)
        {
            Scalar(emitter, "infrastructure");
            emitter.Emit(new MappingStart());
            foreach (var (name, stage) in stages)
            {
                Section(emitter, name, ("chips", Placements(stage.Chips, "vendor")), ("cloud", Placements(stage.Cloud, "operator")));
            }

            emitter.Emit(new MappingEnd());
        }

        if (!manifest.Evidence.IsEmpty)
        {
            Scalar(emitter, "evidence");
            emitter.Emit(new MappingStart());
            foreach (var (key, source) in manifest.Evidence)
            {
                Scalar(emitter, key);
                Scalar(emitter, source);
            }

            emitter.Emit(new MappingEnd());
        }
    }

    private static List<string>? List(IEnumerable<string> values) => values.Any() ? [.. values] : null;

    private static List<string> Symbols<TEnum>(IEnumerable<TEnum> values)
        where TEnum : struct, Enum => [.. values.Select(v => v.Symbol())];

    private static List<string>? Symbols<TEnum>(System.Collections.Immutable.ImmutableArray<TEnum>? values)
        where TEnum : struct, Enum => values is { } known ? Symbols<TEnum>(known.AsEnumerable()) : null;

    /// <summary>Teachers as written: a plain id when the origin is undeclared, else <c>{id, origin}</c>.</summary>
    private static List<object>? Teachers(IEnumerable<Teacher> teachers) =>
        teachers.Any() ? [.. teachers.Select(t => t.Origin is { } origin ? (object)new (string, object?)[] { ("id", t.Id), ("origin", origin.Symbol()) } : t.Id)] : null;

    private static List<object>? Placements(IEnumerable<Placement>? placements, string ownerKey) =>
        placements?.Select(p => p.Key is { } key
            ? (object)key
            : new (string, object?)[] { ("name", p.Name), (ownerKey, p.Owner), ("country", p.Country) }).ToList();

    private static void Section(IEmitter emitter, string name, params (string Key, object? Value)[] fields)
    {
        if (fields.All(f => f.Value is null))
        {
            return;
        }

        Scalar(emitter, name);
        Mapping(emitter, fields);
    }

    private static void Mapping(IEmitter emitter, params (string Key, object? Value)[] fields)
    {
        emitter.Emit(new MappingStart());
        foreach (var (key, value) in fields.Where(f => f.Value is not null))
        {
            Scalar(emitter, key);
            Value(emitter, value!);
        }

        emitter.Emit(new MappingEnd());
    }

    private static void Value(IEmitter emitter, object value)
    {
        switch (value)
        {
            case string text:
                Scalar(emitter, text, plain: text is "true" or "false" || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _));
                break;
            case (string, object?)[] fields:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
                foreach (var (key, item) in fields.Where(f => f.Item2 is not null))
                {
                    Scalar(emitter, key);
                    Value(emitter, item!);
                }

                emitter.Emit(new MappingEnd());
                break;
            case System.Collections.IEnumerable items:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
                foreach (var item in items)
                {
                    Value(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
        }
    }

    /// <summary>
    /// A scalar. Numbers and booleans are written plain; text is written plain only when YAML would
    /// read it back as the same text (the emitter quotes it otherwise), so "1" or "true" never change type.
    /// </summary>
    private static void Scalar(IEmitter emitter, string value, bool plain = false) =>
        emitter.Emit(new Scalar(null, null, value, plain ? ScalarStyle.Plain : ScalarStyle.Any, plain || Documents.DocumentReader.ReadsBackAsText(value), !plain));
}
