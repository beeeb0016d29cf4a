using System.Globalization;
using System.CommandLine;
using TClass.Diagnostics;
using TClass.Evidence;
using TClass.Files;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary><c>tclass classify</c>: place manifests on the scale.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files (.yaml, .yml, .json, or a Markdown card with a tclass: block), directories (searched recursively), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = Options.Format("text", "text", "md", "json", "jsonl");
        var rules = Options.Rules();
        var country = Options.Country();
        var lang = Options.Lang();
        var minTier = new Option<string?>("--min-tier")
        {
            Description = "Exit with 1 unless every manifest is at this level or above whatever its unknown facts are (T4 means T4-1 or above).",
            HelpName = "level",
        };
        var artifacts = new Option<string?>("--artifacts")
        {
            Description = "A local model folder whose files are set against the manifest's claims: each fact is reported as declared, concluded, agreeing or conflicting.",
            HelpName = "model-dir",
        };
        var prefer = new Option<string>("--prefer")
        {
            Description = "With --artifacts: classify on the declared facts (default) or on the facts concluded from the files.",
            DefaultValueFactory = _ => "declared",
        };
        prefer.AcceptOnlyFromAmong("declared", "evidence");
        var against = new Option<string[]>("--against")
        {
            Description = "With --artifacts: test the model's weights against this reference model folder (tclass weights) and set what they show against the manifest. Repeatable.",
            HelpName = "reference-dir",
            AllowMultipleArgumentsPerToken = false,
        };
        var outDir = new Option<string?>("--out")
        {
            Description = "Also write one Markdown report and one SVG radar per manifest into this directory.",
            HelpName = "dir",
        };
        var command = new Command("classify", """
            Classify model-card manifests on the T-Class 2.0 scale.

            Examples:
              tclass classify docs/examples/t5-native-architecture.yaml
              tclass classify cards/ --format json --rules tclass-2.0-strict
              tclass classify model/README.md --min-tier T4 --lang ko
              cat card.yaml | tclass classify - --format jsonl
            """)
        {
            paths, format, rules, country, minTier, lang, outDir, artifacts, prefer, against,
        };
        command.SetAction(parse => Run(
            console,
            parse.GetValue(paths) ?? [],
            parse.GetValue(format)!,
            parse.GetValue(rules)!,
            parse.GetValue(country)!,
            parse.GetValue(minTier),
            Options.Language(parse.GetValue(lang)!),
            parse.GetValue(outDir),
            parse.GetValue(artifacts),
            parse.GetValue(prefer) == "evidence" ? EvidencePreference.Evidence : EvidencePreference.Declared,
            parse.GetValue(against) ?? []));
        return command;
    }

    private static int Run(CliConsole console, string[] paths, string format, string rules, string country, string? minTier, Language language, string? outDir,
        string? artifacts, EvidencePreference prefer, string[] references)
    {
        var classifier = Options.Classifier(rules, country, console);
        if (classifier is null)
        {
            return ExitCodes.InvalidInput;
        }

        Rules.Outcome? minimum = null;
        if (minTier is not null && (minimum = classifier.Ruleset.FindOutcome(minTier)) is null)
        {
            console.Error.WriteLine($"tclass: error: --min-tier '{minTier}' is not a level of {classifier.Ruleset.Id} ({string.Join(", ", classifier.Ruleset.Outcomes.Select(o => o.Id))}).");
            return ExitCodes.InvalidInput;
        }

        if (references.Length > 0 && artifacts is null)
        {
            console.Error.WriteLine("tclass: error: --against compares the weights of the --artifacts folder; give --artifacts <model-dir> with it.");
            return ExitCodes.InvalidInput;
        }

        if (outDir is not null && SafeWrite.CheckFolder(outDir) is { } unusable)
        {
            console.Error.WriteLine($"{outDir}: error: --out: {unusable.Message} Fix: {unusable.Fix}");
            return ExitCodes.InvalidInput;
        }

        if (artifacts is not null && FileKinds.Of(artifacts) != FileKind.Directory)
        {
            var what = FileKinds.Of(artifacts) == FileKind.Missing ? "no such folder" : "not a folder";
            console.Error.WriteLine($"{artifacts}: error: --artifacts: {what}. Fix: Name the local folder that holds the model's config.json and weights.");
            return ExitCodes.InvalidInput;
        }

        var expansion = Inputs.Expand(paths, console);
        var inputs = expansion.Inputs;
        ImportResult? evidence = null;
        if (artifacts is not null)
        {
            if (inputs.Count != 1)
            {
                console.Error.WriteLine("tclass: error: --artifacts describes one model; give exactly one manifest with it.");
                return ExitCodes.InvalidInput;
            }

            console.Status?.Report("reading the files of " + artifacts);
            evidence = ModelImporter.Import(artifacts, references);
            console.Status?.Clear();
            foreach (var diagnostic in evidence.Diagnostics)
            {
                console.Error.WriteLine(diagnostic.ToString());
            }
        }

        var done = 0;
        var reads = inputs.AsParallel().AsOrdered().Select(input =>
        {
            var read = input.Read();
            if (console.Status is { } status && inputs.Count >= 200 && Interlocked.Increment(ref done) is var count && count % 100 == 0)
            {
                status.Report(string.Create(CultureInfo.InvariantCulture, $"read {count:N0} of {inputs.Count:N0} manifests"));
            }

            return read;
        }).ToList();
        console.Status?.Clear();
        var results = reads.AsParallel().AsOrdered().Where(r => r.Succeeded)
            .Select(r => evidence is null ? classifier.Classify(r.Manifest!) : classifier.Classify(r.Manifest!, evidence, prefer)).ToList();

        foreach (var diagnostic in expansion.Problems.Concat(reads.SelectMany(r => r.Errors)))
        {
            console.Error.WriteLine(diagnostic.ToString());
        }

        // The command line decides the JSON shape, never what a folder happens to hold: one file (or -)
        // gives an object, a folder or several paths an array.
        Print(console, format, results, language, single: paths.Length == 1 && FileKinds.Of(paths[0]) != FileKind.Directory);
        if (outDir is not null && WriteReports(outDir, results, language) is { } unwritten)
        {
            console.Error.WriteLine($"{outDir}: error: --out: {unwritten.Message} Fix: {unwritten.Fix}");
            return ExitCodes.InvalidInput;
        }

        if (expansion.HasErrors || reads.Any(r => !r.Succeeded))
        {
            return ExitCodes.InvalidInput;
        }

        return minimum is not null && results.Any(r => !r.Meets(minimum)) ? ExitCodes.BelowMinimum : ExitCodes.Ok;
    }

    private static void Print(CliConsole console, string format, List<Classification> results, Language language, bool single)
    {
        switch (format)
        {
            case "json":
                if (single)
                {
                    // An input that failed validation prints nothing here; its errors are on stderr.
                    foreach (var result in results)
                    {
                        console.Out.WriteLine(JsonReport.Render(result, language));
                    }
                }
                else
                {
                    console.Out.WriteLine(JsonReport.RenderArray(results, language));
                }

                break;
            case "jsonl":
                foreach (var result in results)
                {
                    console.Out.WriteLine(JsonReport.RenderLine(result, language));
                }

                break;
            case "md":
                console.Out.Write(string.Join("\n", results.Select(r => MarkdownReport.Render(r, new MarkdownReportOptions(language)))));
                break;
            default:
                console.Out.Write(string.Join("\n", results.Select(r => TextReport.Render(r, new TextReportOptions(language, console.Color)))));
                break;
        }
    }

    /// <summary>One Markdown report and one SVG radar per result, named after the model id; null when all were written.</summary>
    private static FileProblem? WriteReports(string outDir, List<Classification> results, Language language)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in results)
        {
            var stem = string.Concat(result.Model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_')).TrimStart('.');
            var name = stem.Length == 0 ? "model" : stem;
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{stem}-{n}";
            }

            // The radar first: a report is never written before the image it shows.
            var problem = (result.Scores.IsEmpty ? null : SafeWrite.Into(outDir, name + ".svg", RadarSvg.Render(result, language)))
                ?? SafeWrite.Into(outDir, name + ".md", MarkdownReport.Render(result, new MarkdownReportOptions(language, name + ".svg")));
            if (problem is not null)
            {
                return problem with { Message = $"{name}: {problem.Message}" };
            }
        }

        return null;
    }
}
