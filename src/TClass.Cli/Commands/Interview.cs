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

    /// <summary>Facts answered "unknown": left undeclared and not asked again.</summary>
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);

    /// <summary>Whether the question being asked must be answered (another answer needs it).</summary>
    private bool _required;

    /// <summary>An answer, or the user's "unknown", or the end of the input.</summary>
    private enum Reply
    {
        Answered,
        Unknown,
        Ended,
    }

    /// <summary>The manifest, or <see langword="null"/> when the input ended first.</summary>
    public Manifest? Run()
    {
        if (AskFor("model.id", Words("ask.model.id"), required: true) == Reply.Ended)
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

                // Another answer needs this one, so "unknown" is not an answer here.
                if (AskFor(error.Path, Words("ask." + error.Path, fallback: error.Message), required: true) == Reply.Ended)
                {
                    return null;
                }

                continue;
            }

            var result = classifier.Classify(read.Manifest!);
            if (NextQuestion(result.Path) is not { } next)
            {
                return read.Manifest;
            }

            if (AskFor(next.Fact, Words("ask." + next.Fact, fallback: next.Question.In(language)), required: false) == Reply.Ended)
            {
                return null;
            }
        }

        return ManifestReader.Parse(Yaml(), "<answers>").Manifest;
    }

    /// <summary>
    /// The first fact the walk could not read and that was not answered "unknown": on the path itself,
    /// else on the paths explored under each assumption about the facts left unknown.
    /// </summary>
    private (string Fact, LocalizedText Question)? NextQuestion(IEnumerable<PathStep> path)
    {
        foreach (var step in path.Where(s => s.Answer is null))
        {
            // A fact answered already is not asked again: its answer left the question open (a teacher
            // named without its origin), so the walk goes on under the assumptions instead.
            if (step.Unknown.FirstOrDefault(f => !_unknown.Contains(f) && !_answers.ContainsKey(f)) is { } fact)
            {
                return (fact, step.Question);
            }

            foreach (var branch in step.Explored)
            {
                if (NextQuestion(branch.Path) is { } deeper)
                {
                    return deeper;
                }
            }
        }

        return null;
    }

    /// <summary>Asks for the fact at <paramref name="path"/> in the shape the fact schema gives it.</summary>
    private Reply AskFor(string path, string question, bool required)
    {
        var fact = ManifestFacts.Schema.Find(path);
        var declared = classifier.Ruleset.Facts.FirstOrDefault(f => f.Path == path);
        _required = required;
        object? answer = fact?.Kind switch
        {
            FactKind.Enum => One(path, question, fact.Values, open: false),
            FactKind.Set => Many(path, question, fact.Values, open: false),
            FactKind.Bool => One(path, question, ["true", "false"], open: false),
            FactKind.TextList => Many(path, question, [], open: true),
            FactKind.Records when fact.Catalog is { } catalog => Placements(path, question, Catalog(catalog), [.. fact.Values.Where(v => v != fact.ScalarField)]),
            FactKind.Records when fact.ScalarField is { } scalar => Records(path, question, fact.Values, scalar),
            FactKind.Records => Records(path, question, fact.Values, null),
            FactKind.Number => One(path, question, [], open: true, valid: v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
            _ => One(path, question, declared?.Values ?? [], open: true),
        };
        switch (answer)
        {
            case null:
                return Reply.Ended;
            case UnknownAnswer:
                _unknown.Add(path);
                return Reply.Unknown;
            default:
                _answers[path] = answer;
                return Reply.Answered;
        }
    }

    /// <summary>What a reply of "unknown" gives: the fact stays undeclared.</summary>
    private sealed record UnknownAnswer;

    /// <summary>
    /// Whether <paramref name="line"/> says the fact is not known ("unknown", "?", "모름"): true when
    /// it may be, false when another answer needs this one (said so; ask again), null when it is an answer.
    /// </summary>
    private bool? Unknown(string line)
    {
        if (line is not ("?" or "unknown" or "모름" or "알 수 없음"))
        {
            return null;
        }

        if (_required)
        {
            console.Out.WriteLine("  " + Words("ask.required"));
            return false;
        }

        return true;
    }

    /// <summary>"Not allowed", with the nearest allowed value when the answer looks like a typo of one.</summary>
    private void NotAllowed(string key, IEnumerable<string> answers, IReadOnlyList<string> values)
    {
        var typo = answers.Where(a => !values.Contains(a)).Select(a => Suggestions.Nearest(a, values)).FirstOrDefault(n => n is not null);
        console.Out.WriteLine("  " + Words(key) + (typo is null ? "" : " " + Words("ask.did-you-mean").Replace("{value}", typo, StringComparison.Ordinal)));
    }

    private IReadOnlyList<string> Catalog(string name) =>
        [.. (name == "chips" ? _catalogs.Infrastructure.Chips : _catalogs.Infrastructure.Clouds).Select(e => e.Key)];

    /// <summary>One value: one of <paramref name="values"/> (or its number), or any text when <paramref name="open"/>.</summary>
    private object? One(string path, string question, IReadOnlyList<string> values, bool open, Func<string, bool>? valid = null)
    {
        Show(question, path, values, several: false);
        while (ReadLine() is { } line)
        {
            switch (Unknown(line.Trim()))
            {
                case true:
                    return new UnknownAnswer();
                case false:
                    continue;
            }

            var answer = Pick(line.Trim(), values);
            if (answer.Length > 0 && (open || values.Contains(answer)) && (valid?.Invoke(answer) ?? true))
            {
                return answer;
            }

            NotAllowed("ask.not-allowed", [answer], values);
        }

        return null;
    }

    /// <summary>Several values, comma-separated: each one of <paramref name="values"/>, or any text when <paramref name="open"/>.</summary>
    private object? Many(string path, string question, IReadOnlyList<string> values, bool open)
    {
        Show(question, path, values, several: true);
        while (ReadLine() is { } line)
        {
            switch (Unknown(line.Trim()))
            {
                case true:
                    return new UnknownAnswer();
                case false:
                    continue;
            }

            var answers = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(a => Pick(a, values)).ToList();
            if (answers.Count > 0 && (open || answers.All(values.Contains)))
            {
                return answers;
            }

            NotAllowed("ask.one-not-allowed", answers, values);
        }

        return null;
    }

    /// <summary>
    /// Records written as YAML flow mappings, one per line, ended by an empty line; <c>none</c> for an
    /// empty list. Where the format allows a plain value for a record (<paramref name="scalar"/>, a
    /// teacher's id), a line without a colon is that value.
    /// </summary>
    private object? Records(string path, string question, IReadOnlyList<string> fields, string? scalar)
    {
        console.Out.WriteLine($"\n{question}  [{path}]");
        console.Out.WriteLine("  " + Words("ask.records").Replace("{fields}", string.Join(", ", fields.Select(f => f + ": …")), StringComparison.Ordinal));
        var records = new List<object>();
        while (ReadLine() is { } line)
        {
            var text = line.Trim();
            switch (records.Count == 0 ? Unknown(text) : null)
            {
                case true:
                    return new UnknownAnswer();
                case false:
                    continue;
            }

            if (text.Length == 0 || text == "none")
            {
                return records;
            }

            if (scalar is not null && !text.Contains(':', StringComparison.Ordinal))
            {
                records.Add(text);
            }
            else if (Record(text, fields) is { } record)
            {
                records.Add(record);
            }
        }

        return null;
    }

    /// <summary>
    /// Chips or clouds: catalog keys (or their numbers), comma-separated, on one line; or, for one not
    /// in the catalog, one per line as <c>name: …, vendor: …, country: …</c>, ended by an empty line.
    /// </summary>
    private object? Placements(string path, string question, IReadOnlyList<string> keys, IReadOnlyList<string> fields)
    {
        Show(question, path, keys, several: true);
        console.Out.WriteLine("  " + Words("ask.placement").Replace("{fields}", string.Join(", ", fields.Select(f => f + ": …")), StringComparison.Ordinal));
        var placements = new List<object>();
        while (ReadLine() is { } line)
        {
            var text = line.Trim();
            switch (placements.Count == 0 ? Unknown(text) : null)
            {
                case true:
                    return new UnknownAnswer();
                case false:
                    continue;
            }

            if (text.Length == 0 && placements.Count > 0)
            {
                return placements;
            }

            if (text.Contains(':', StringComparison.Ordinal))
            {
                if (Record(text, fields) is { } record)
                {
                    placements.Add(record);
                    console.Out.WriteLine("  " + Words("ask.placement-more"));
                }

                continue;
            }

            var answers = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(a => Pick(a, keys)).ToList();
            if (answers.Count > 0 && answers.All(keys.Contains))
            {
                placements.AddRange(answers);
                return placements;
            }

            NotAllowed("ask.one-not-allowed", answers, keys);
        }

        return placements.Count > 0 ? placements : null;
    }

    /// <summary>One record written as a YAML flow mapping (braces optional) with exactly the fields given, or null after saying why.</summary>
    private Dictionary<string, string>? Record(string text, IReadOnlyList<string> fields)
    {
        Dictionary<string, string>? record;
        try
        {
            record = new Deserializer().Deserialize<Dictionary<string, string>>(text.StartsWith('{') ? text : "{" + text + "}");
        }
        catch (YamlDotNet.Core.YamlException)
        {
            record = null;
        }

        if (record is not null && record.Count > 0 && record.Keys.All(fields.Contains))
        {
            return record;
        }

        console.Out.WriteLine("  " + Words("ask.record-not-read").Replace("{fields}", string.Join(", ", fields), StringComparison.Ordinal));
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
            var hint = Words(several ? "ask.several" : "ask.one") + Words("ask.or-unknown");
            console.Out.WriteLine("  " + string.Join("  ", values.Select((v, i) => $"{i + 1}) {v}")) + $"  ({hint})");
        }
    }

    /// <summary>The answers as a manifest: each path a nested key, written by YamlDotNet's serializer, which quotes what needs quoting.</summary>
    private string Yaml() => ManifestAnswers.ToYaml(_answers);

    private string Words(string key, string? fallback = null) =>
        ReportText.TryGet(key, language) ?? fallback ?? key;

    /// <summary>Accepts a value, or its number in the list shown.</summary>
    private static string Pick(string answer, IReadOnlyList<string> values) =>
        int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= values.Count
            ? values[n - 1]
            : answer;
}
