using System.Collections.Immutable;
using TClass.Catalogs;
using TClass.Manifests;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary>
/// Builds a manifest by asking the ruleset's own questions: classify what is known so far, ask about
/// the first fact the walk could not read, repeat until the level is decided. Questions come from the
/// ruleset; allowed values from the manifest format and the catalogs.
/// </summary>
internal sealed class Interview(CliConsole console, TClassifier classifier, Language language)
{
    private const int MaxQuestions = 40;

    private readonly CatalogSet _catalogs = CatalogSet.BuiltIn;

    /// <summary>The manifest, or <see langword="null"/> when the input ended first.</summary>
    public Manifest? Run()
    {
        if (Ask("model.id", language == Language.Korean ? "모델 ID (예: your-org/your-model)" : "Model id (e.g. your-org/your-model)", [], _ => true) is not { } id)
        {
            return null;
        }

        var manifest = new Manifest { Model = new ModelInfo(id) { Country = classifier.Country } };
        for (var asked = 0; asked < MaxQuestions; asked++)
        {
            var result = classifier.Classify(manifest);
            var open = result.Path.FirstOrDefault(step => step.Answer is null);
            if (open is null)
            {
                return manifest;
            }

            var next = Answer(manifest, open.Unknown[0], open.Question.In(language));
            if (next is null)
            {
                return null;
            }

            manifest = next;
        }

        return manifest;
    }

    private Manifest? Answer(Manifest m, string fact, string question)
    {
        switch (fact)
        {
            case "weights.origin":
                var origin = One<WeightsOrigin>(fact, question);
                if (origin is null)
                {
                    return null;
                }

                var weights = m.Weights with { Origin = origin };
                if (origin is WeightsOrigin.ClosedFinetune or WeightsOrigin.OpenDerivative or WeightsOrigin.OwnCheckpoint)
                {
                    var bases = List("weights.base", language == Language.Korean ? "출발한 모델 ID (쉼표로 구분)" : "Model(s) the weights start from (comma-separated ids)", _ => true, allowEmpty: false);
                    if (bases is null)
                    {
                        return null;
                    }

                    weights = weights with { Base = bases.Value };
                }

                return m with { Weights = weights };
            case "weights.adaptation":
                return Many<Adaptation>(fact, question, allowEmpty: false) is { } adaptation ? m with { Weights = m.Weights with { Adaptation = adaptation } } : null;
            case "architecture.family":
                var families = _catalogs.Architectures.Keys.Prepend(ManifestFacts.OwnFamily).ToList();
                return Ask(fact, question, families, v => families.Contains(v)) is { } family ? m with { Architecture = m.Architecture with { Family = family } } : null;
            case "architecture.config":
                return One<ConfigComparison>(fact, question) is { } config ? m with { Architecture = m.Architecture with { Config = config } } : null;
            case "architecture.topology":
                return Many<TopologyChange>(fact, question, allowEmpty: false) is { } topology ? m with { Architecture = m.Architecture with { Topology = topology } } : null;
            case "tokenizer.origin":
                var tokenizer = One<TokenizerOrigin>(fact, question);
                if (tokenizer is null)
                {
                    return null;
                }

                var facts = m.Tokenizer with { Origin = tokenizer };
                if (tokenizer is TokenizerOrigin.Expanded or TokenizerOrigin.Reused)
                {
                    var source = Ask("tokenizer.base", language == Language.Korean ? "기반 토크나이저 (모델 ID 또는 이름)" : "The third-party tokenizer (a model id or name)", [], _ => true);
                    if (source is null)
                    {
                        return null;
                    }

                    facts = facts with { Base = source };
                }

                return m with { Tokenizer = facts };
            case "data.distillation":
                return One<Distillation>(fact, question) is { } distillation ? m with { Data = m.Data with { Distillation = distillation } } : null;
            case "data.curated_by":
                return One<Curator>(fact, question) is { } curator ? m with { Data = m.Data with { CuratedBy = curator } } : null;
            case "infrastructure.serving.chips" or "infrastructure.training.chips":
                return Placements(fact, question, _catalogs.Infrastructure.Chips) is { } chips ? WithStage(m, fact, s => s with { Chips = chips }) : null;
            case "infrastructure.serving.cloud" or "infrastructure.training.cloud":
                return Placements(fact, question, _catalogs.Infrastructure.Clouds) is { } clouds ? WithStage(m, fact, s => s with { Cloud = clouds }) : null;
            default:
                console.Error.WriteLine($"tclass: {fact} cannot be asked here; write it in the manifest by hand.");
                return null;
        }
    }

    private static Manifest WithStage(Manifest m, string fact, Func<StageFacts, StageFacts> change) =>
        fact.Contains(".serving.", StringComparison.Ordinal)
            ? m with { Infrastructure = m.Infrastructure with { Serving = change(m.Infrastructure.Serving) } }
            : m with { Infrastructure = m.Infrastructure with { Training = change(m.Infrastructure.Training) } };

    private TEnum? One<TEnum>(string fact, string question)
        where TEnum : struct, Enum
    {
        var values = ManifestSymbols.All<TEnum>();
        return Ask(fact, question, values, v => values.Contains(v)) is { } answer && ManifestSymbols.TryParse<TEnum>(answer, out var value) ? value : null;
    }

    private ImmutableArray<TEnum>? Many<TEnum>(string fact, string question, bool allowEmpty)
        where TEnum : struct, Enum
    {
        var values = ManifestSymbols.All<TEnum>();
        Console(question, fact, values, several: true);
        return List(fact, null, v => values.Contains(v), allowEmpty) is { } answers
            ? [.. answers.Select(a => ManifestSymbols.TryParse<TEnum>(a, out var v) ? v : default)]
            : null;
    }

    private ImmutableArray<Placement>? Placements(string fact, string question, ImmutableArray<InfrastructureEntry> catalog)
    {
        var keys = catalog.Select(e => e.Key).ToList();
        Console(question, fact, keys, several: true);
        var answers = List(fact, null, keys.Contains, allowEmpty: false);
        return answers is not { } chosen
            ? null
            : [.. chosen.Select(k => catalog.First(e => e.Key == k)).Select(e => new Placement(
                e.Key, e.Name, e.Owner, e.Country == InfrastructureCatalog.DeveloperCountry ? classifier.Country : e.Country))];
    }

    private string? Ask(string fact, string question, IReadOnlyList<string> values, Func<string, bool> valid)
    {
        Console(question, fact, values, several: false);
        while (true)
        {
            console.Out.Write("> ");
            var line = console.In.ReadLine();
            if (line is null)
            {
                return null;
            }

            var answer = Pick(line.Trim(), values);
            if (answer.Length > 0 && valid(answer))
            {
                return answer;
            }

            console.Out.WriteLine(language == Language.Korean ? "  허용되는 값이 아닙니다. 다시 입력하세요." : "  Not an allowed value; try again.");
        }
    }

    private ImmutableArray<string>? List(string fact, string? prompt, Func<string, bool> valid, bool allowEmpty)
    {
        if (prompt is not null)
        {
            console.Out.WriteLine($"\n{prompt}  [{fact}]");
        }

        while (true)
        {
            console.Out.Write("> ");
            var line = console.In.ReadLine();
            if (line is null)
            {
                return null;
            }

            var answers = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToImmutableArray();
            if ((answers.Length > 0 || allowEmpty) && answers.All(valid))
            {
                return answers;
            }

            console.Out.WriteLine(language == Language.Korean ? "  허용되지 않는 값이 있습니다. 다시 입력하세요." : "  One of those is not allowed; try again.");
        }
    }

    private void Console(string question, string fact, IReadOnlyList<string> values, bool several)
    {
        console.Out.WriteLine($"\n{question}  [{fact}]");
        if (values.Count > 0)
        {
            var hint = several
                ? (language == Language.Korean ? "쉼표로 구분해 여러 개 입력할 수 있습니다" : "several allowed, comma-separated")
                : (language == Language.Korean ? "값 또는 번호" : "a value or its number");
            console.Out.WriteLine("  " + string.Join("  ", values.Select((v, i) => $"{i + 1}) {v}")) + $"  ({hint})");
        }
    }

    /// <summary>Accepts a value, or its number in the list shown.</summary>
    private static string Pick(string answer, IReadOnlyList<string> values) =>
        int.TryParse(answer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= values.Count
            ? values[n - 1]
            : answer;
}
