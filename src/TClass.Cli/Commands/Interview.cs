using System.Globalization;
using TClass.Catalogs;
using TClass.Facts;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;
using YamlDotNet.Serialization;

namespace TClass.Cli.Commands;

/// <summary>
/// Builds a manifest by asking the ruleset's own questions: classify what is known so far, ask about
/// the first fact the walk could not read, repeat until the level is decided. Nothing here knows a
/// field of the format: the question comes from the ruleset, the shape and allowed values of the
/// answer from the format's fact schema and the catalogs, and what else an answer requires (a base
/// model for a derivative) from validating the manifest the answers make. The words of the
/// interview itself are in <c>rules/i18n/reports.yaml</c>.
/// </summary>
internal sealed class Interview(CliConsole console, TClassifier classifier, Language language)
{
    private const int MaxQuestions = 40;

    private readonly CatalogSet _catalogs = CatalogSet.BuiltIn;
    private readonly SortedDictionary<string, object> _answers = new(StringComparer.Ordinal);

    /// <summary>The manifest, or <see langword="null"/> when the input ended first.</summary>
    public Manifest? Run()
    {
        if (!AskFor("model.id", Words("ask.model.id")))
        {
            return null;
        }

        _answers["model.country"] = classifier.Country;
        for (var asked = 0; asked < MaxQuestions; asked++)
        {
            var read = ManifestReader.Parse(Yaml(), "<answers>");
            if (!read.Succeeded)
            {
                // An answer that needs another (a base model for a derivative), or one the format refuses.
                var error = read.Errors.First();
                if (_answers.ContainsKey(error.Path))
                {
                    console.Out.WriteLine("  " + error.Message + (error.Fix is null ? "" : " " + error.Fix));
                    _answers.Remove(error.Path);
                }

                if (!AskFor(error.Path, Words("ask." + error.Path, fallback: error.Path)))
                {
                    return null;
                }

                continue;
            }

            var result = classifier.Classify(read.Manifest!);
            var open = result.Path.FirstOrDefault(step => step.Answer is null);
            if (open is null)
            {
                return read.Manifest;
            }

            if (!AskFor(open.Unknown[0], open.Question.In(language)))
            {
                return null;
            }
        }

        return ManifestReader.Parse(Yaml(), "<answers>").Manifest;
    }

    /// <summary>Asks for the fact at <paramref name="path"/> in the shape the fact schema gives it; false when the input ended.</summary>
    private bool AskFor(string path, string question)
    {
        var fact = ManifestFacts.Schema.Find(path);
        var declared = classifier.Ruleset.Facts.FirstOrDefault(f => f.Path == path);
        object? answer = fact?.Kind switch
        {
            FactKind.Enum => One(path, question, fact.Values, open: false),
            FactKind.Set => Many(path, question, fact.Values, open: false),
            FactKind.Bool => One(path, question, ["true", "false"], open: false),
            FactKind.TextList => Many(path, question, [], open: true),
            FactKind.Records when fact.Catalog is { } catalog => Many(path, question, Catalog(catalog), open: false),
            FactKind.Records when fact.ScalarField is not null => Many(path, question, [], open: true),
            FactKind.Records => Records(path, question, fact.Values),
            FactKind.Number => One(path, question, [], open: true, valid: v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
            _ => One(path, question, declared?.Values ?? [], open: true),
        };
        if (answer is null)
        {
            return false;
        }

        _answers[path] = answer;
        return true;
    }

    private IReadOnlyList<string> Catalog(string name) =>
        [.. (name == "chips" ? _catalogs.Infrastructure.Chips : _catalogs.Infrastructure.Clouds).Select(e => e.Key)];

    /// <summary>One value: one of <paramref name="values"/> (or its number), or any text when <paramref name="open"/>.</summary>
    private string? One(string path, string question, IReadOnlyList<string> values, bool open, Func<string, bool>? valid = null)
    {
        Show(question, path, values, several: false);
        while (ReadLine() is { } line)
        {
            var answer = Pick(line.Trim(), values);
            if (answer.Length > 0 && (open || values.Contains(answer)) && (valid?.Invoke(answer) ?? true))
            {
                return answer;
            }

            console.Out.WriteLine("  " + Words("ask.not-allowed"));
        }

        return null;
    }

    /// <summary>Several values, comma-separated: each one of <paramref name="values"/>, or any text when <paramref name="open"/>.</summary>
    private List<string>? Many(string path, string question, IReadOnlyList<string> values, bool open)
    {
        Show(question, path, values, several: true);
        while (ReadLine() is { } line)
        {
            var answers = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(a => Pick(a, values)).ToList();
            if (answers.Count > 0 && (open || answers.All(values.Contains)))
            {
                return answers;
            }

            console.Out.WriteLine("  " + Words("ask.one-not-allowed"));
        }

        return null;
    }

    /// <summary>Records written as YAML flow mappings, one per line, ended by an empty line; <c>none</c> for an empty list.</summary>
    private List<object>? Records(string path, string question, IReadOnlyList<string> fields)
    {
        console.Out.WriteLine($"\n{question}  [{path}]");
        console.Out.WriteLine("  " + Words("ask.records").Replace("{fields}", string.Join(", ", fields), StringComparison.Ordinal));
        var records = new List<object>();
        while (ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0 || text == "none")
            {
                return records;
            }

            records.Add(new Deserializer().Deserialize<Dictionary<string, string>>(text.StartsWith('{') ? text : "{" + text + "}"));
        }

        return null;
    }

    private string? ReadLine()
    {
        console.Out.Write("> ");
        return console.In.ReadLine();
    }

    private void Show(string question, string path, IReadOnlyList<string> values, bool several)
    {
        console.Out.WriteLine($"\n{question}  [{path}]");
        if (values.Count > 0)
        {
            var hint = Words(several ? "ask.several" : "ask.one");
            console.Out.WriteLine("  " + string.Join("  ", values.Select((v, i) => $"{i + 1}) {v}")) + $"  ({hint})");
        }
    }

    /// <summary>The answers as a manifest: each path a nested key, written by YamlDotNet's serializer, which quotes what needs quoting.</summary>
    private string Yaml()
    {
        var root = new SortedDictionary<string, object>(StringComparer.Ordinal) { ["tclass"] = 1 };
        foreach (var (path, value) in _answers)
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

            node[parts[^1]] = value is "true" or "false" ? value is "true" : value;
        }

        return new SerializerBuilder().Build().Serialize(root);
    }

    private string Words(string key, string? fallback = null) =>
        ReportText.TryGet(key, language) ?? fallback ?? key;

    /// <summary>Accepts a value, or its number in the list shown.</summary>
    private static string Pick(string answer, IReadOnlyList<string> values) =>
        int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= values.Count
            ? values[n - 1]
            : answer;
}
