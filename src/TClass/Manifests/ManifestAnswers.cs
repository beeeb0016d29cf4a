using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TClass.Manifests;

/// <summary>
/// A manifest made of answers, one per fact path (<c>weights.origin</c> → <c>scratch</c>): what
/// <c>tclass init --ask</c> and the web page's self-diagnosis build. Each answer is a text, a list of
/// texts, a list of records (field → text), or <c>true</c>/<c>false</c>; the YAML written for them is
/// read back by <see cref="ManifestReader"/>, which decides whether they make a valid manifest.
/// </summary>
public static class ManifestAnswers
{
    /// <summary>The answers as a YAML manifest of format 1, paths nested and in order.</summary>
    public static string ToYaml(IReadOnlyDictionary<string, object> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var root = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (path, value) in answers)
        {
            var node = root;
            var parts = path.Split('.');
            foreach (var part in parts[..^1])
            {
                if (!node.TryGetValue(part, out var child) || child is not SortedDictionary<string, object> map)
                {
                    node[part] = map = new SortedDictionary<string, object>(StringComparer.Ordinal);
                }

                node = map;
            }

            node[parts[^1]] = value;
        }

        return ManifestWriter.Mapping(emitter =>
        {
            emitter.Emit(new Scalar("tclass"));
            emitter.Emit(new Scalar(null, null, "1", ScalarStyle.Plain, true, false));
            foreach (var (key, value) in root)
            {
                emitter.Emit(new Scalar(key));
                Emit(emitter, value);
            }
        });
    }

    private static void Emit(IEmitter emitter, object value)
    {
        switch (value)
        {
            case "true" or "false" or true or false:
                emitter.Emit(new Scalar(null, null, value is true or "true" ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case string text:
                emitter.Emit(new Scalar(text));
                break;
            case IEnumerable<KeyValuePair<string, object>> map:
                emitter.Emit(new MappingStart());
                foreach (var (key, child) in map)
                {
                    emitter.Emit(new Scalar(key));
                    Emit(emitter, child);
                }

                emitter.Emit(new MappingEnd());
                break;
            case IEnumerable<KeyValuePair<string, string>> record:
                Emit(emitter, record.Select(f => new KeyValuePair<string, object>(f.Key, f.Value)).ToList());
                break;
            case System.Collections.IEnumerable items:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in items)
                {
                    Emit(emitter, item!);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                emitter.Emit(new Scalar(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }
}
