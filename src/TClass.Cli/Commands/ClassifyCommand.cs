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

        foreach (var problem in expansion.Problems)
        {
            console.Error.WriteLine(DiagnosticReport.Line(problem, language));
        }

        // Each card is read, classified, rendered and written before the next is read: nothing of a
        // batch is held. The command line decides the JSON shape, never what a folder happens to
        // hold: one file (or -) gives an object, a folder or several paths an array.
        var output = new Output(console, format, language, single: paths.Length == 1 && FileKinds.Of(paths[0]) != FileKind.Directory);
        var reports = outDir is null ? null : new ReportFolder(outDir, language);
        // A model folder that could not be read whole is an input error, though the card is still classified.
        var (done, read, skipped, invalid, below) = (0, 0, 0, evidence?.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ?? false, false);
        var rendered = Inputs.ReadAll(inputs, manifest =>
        {
            var result = evidence is null ? classifier.Classify(manifest) : classifier.Classify(manifest, evidence, prefer);
            return (Result: result, Text: output.Render(result));
        });
        foreach (var input in rendered)
        {
            console.Status?.Clear();
            foreach (var problem in input.Problems)
            {
                console.Error.WriteLine(DiagnosticReport.Line(problem, language));
            }

            if (console.Status is { } status && inputs.Count >= 200 && ++done % 100 == 0)
            {
                status.Report(string.Create(CultureInfo.InvariantCulture, $"classified {done:N0} of {inputs.Count:N0} manifests"));
            }

            (read, skipped) = input.Skipped ? (read, skipped + 1) : (read + 1, skipped);
            if (input.Read.Manifest is null)
            {
                invalid |= !input.Skipped;
                continue;
            }

            var (result, text) = input.Value;
            output.Write(text);
            below |= minimum is not null && !result.Meets(minimum);
            if (reports?.Write(result) is { } unwritten)
            {
                console.Status?.Clear();
                output.End();
                console.Error.WriteLine($"{outDir}: error: --out: {unwritten.Message} Fix: {unwritten.Fix}");
                return ExitCodes.InvalidInput;
            }
        }

        if (expansion.NothingFound(read, skipped) is { } nothing)
        {
            console.Error.WriteLine(DiagnosticReport.Line(nothing, language));
            invalid = true;
        }

        console.Status?.Clear();
        output.End();
        return expansion.HasErrors || invalid ? ExitCodes.InvalidInput : below ? ExitCodes.BelowMinimum : ExitCodes.Ok;
    }

    /// <summary>Renders results in the chosen format and writes them one by one: the separators and brackets of a stream.</summary>
    private sealed class Output(CliConsole console, string format, Language language, bool single)
    {
        private int _written;

        /// <summary>The text of one result.</summary>
        public string Render(Classification result) => format switch
        {
            "json" when single => JsonReport.Render(result, language) + "\n",
            "json" => JsonReport.RenderArrayItem(result, language),
            "jsonl" => JsonReport.RenderLine(result, language) + "\n",
            "md" => MarkdownReport.Render(result, new MarkdownReportOptions(language)),
            _ => TextReport.Render(result, new TextReportOptions(language, console.Color, console.Width)),
        };

        /// <summary>Writes one rendered result after those before it.</summary>
        public void Write(string text)
        {
            var separator = (format, single) switch
            {
                ("json", false) => _written == 0 ? "[\n" : ",\n",
                ("md" or "text", _) when _written > 0 => "\n",
                _ => "",
            };
            console.Out.Write(separator + text);
            _written++;
        }

        /// <summary>Closes the stream: the end of a JSON array (an empty one when nothing was classified).</summary>
        public void End()
        {
            if (format == "json" && !single)
            {
                console.Out.Write(_written == 0 ? "[]\n" : "\n]\n");
            }
        }
    }

    /// <summary>One Markdown report and one SVG radar per result, named after the model id, written as results come.</summary>
    private sealed class ReportFolder(string folder, Language language)
    {
        private const int MaxStem = 120;

        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Writes the radar, then the report that shows it; null when both were written.</summary>
        public FileProblem? Write(Classification result)
        {
            var stem = string.Concat(result.Model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_')).TrimStart('.');
            if (stem.Length > MaxStem)
            {
                // File names are limited (255 bytes on most file systems): a long id keeps its start and a hash of the whole.
                stem = stem[..MaxStem] + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(result.Model)))[..12];
            }

            var name = stem.Length == 0 ? "model" : stem;
            for (var n = 2; !_used.Add(name); n++)
            {
                name = $"{stem}-{n}";
            }

            // Both names are checked before either is written, so a card never gets half its pair.
            var problem = SafeWrite.CheckFile(Path.Combine(folder, name + ".svg"), overwrite: true) ?? SafeWrite.CheckFile(Path.Combine(folder, name + ".md"), overwrite: true)
                ?? (result.Scores.IsEmpty ? null : SafeWrite.Into(folder, name + ".svg", RadarSvg.Render(result, language)))
                ?? SafeWrite.Into(folder, name + ".md", MarkdownReport.Render(result, new MarkdownReportOptions(language, name + ".svg")));
            return problem is null ? null : problem with { Message = $"{name}: {problem.Message}" };
        }
    }
}
