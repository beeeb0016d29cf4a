using System.CommandLine;
using System.Globalization;
using System.Text;
using TClass.Diagnostics;
using TClass.Evidence;
using TClass.Exports;
using TClass.Files;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary><c>tclass export</c>: cards as a CycloneDX ML-BOM, an SPDX 3 AI document, or a Hugging Face model card.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files, directories (searched recursively), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = Options.Format("cyclonedx", "cyclonedx", "spdx", "hf-card");
        var rules = Options.Rules();
        var country = Options.Country();
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output (its folder is created if missing).", HelpName = "file" };
        var force = new Option<bool>("--force") { Description = "With --output: replace the file if it exists." };
        var into = new Option<string?>("--into")
        {
            Description = "With --format hf-card: merge into this README.md, rewriting only base_model, base_model_relation and tclass: in its front matter.",
            HelpName = "README.md",
        };
        var created = new Option<string?>("--created")
        {
            Description = "The document's creation time (ISO 8601, or 'now'). Default: SOURCE_DATE_EPOCH if set, else 1970-01-01T00:00:00Z, so that the same cards always give the same bytes.",
            HelpName = "time",
        };
        var artifacts = new Option<string?>("--artifacts")
        {
            Description = "A local model folder to set one card against: lineage its weights show is exported as measured (with --against).",
            HelpName = "model-dir",
        };
        var against = new Option<string[]>("--against")
        {
            Description = "With --artifacts: test the model's weights against this reference model folder; derived ones become measured ancestors, inconclusive ones variants. Repeatable.",
            HelpName = "reference-dir",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("export", """
            Export classified cards for the supply-chain tools people already run: a CycloneDX 1.6
            ML-BOM (a machine-learning-model component per card, with its model card, pedigree and
            level), an SPDX 3.0.1 document with the AI profile (an AIPackage per card with its lineage
            and training data as relationships), or a Hugging Face model card whose front matter
            carries base_model, base_model_relation and the tclass: block.

            Examples:
              tclass export docs/examples/t5-native-architecture.yaml
              tclass export cards/ --format spdx -o models.spdx.json
              tclass export card.yaml --format hf-card --into ./my-model/README.md
            """)
        {
            paths, format, rules, country, output, force, into, created, artifacts, against,
        };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output);
            if (target is not null && SafeWrite.CheckFile(target, parse.GetValue(force)) is { } refused)
            {
                console.Error.WriteLine($"{target}: error: {refused.Message} Fix: {refused.Fix}");
                return ExitCodes.InvalidInput;
            }

            var classifier = Options.Classifier(parse.GetValue(rules)!, parse.GetValue(country)!, console);
            if (classifier is null)
            {
                return ExitCodes.InvalidInput;
            }

            var readme = parse.GetValue(into);
            var kind = parse.GetValue(format)!;
            if (readme is not null && kind != "hf-card")
            {
                console.Error.WriteLine("tclass: error: --into merges a Hugging Face model card; it goes with --format hf-card.");
                return ExitCodes.InvalidInput;
            }

            var expansion = Inputs.Expand(parse.GetValue(paths) ?? [], console);
            foreach (var problem in expansion.Problems)
            {
                console.Error.WriteLine(DiagnosticReport.Line(problem, Language.English));
            }

            if ((kind == "hf-card" || parse.GetValue(artifacts) is not null) && expansion.Inputs.Count != 1)
            {
                console.Error.WriteLine($"tclass: error: {(kind == "hf-card" ? "a model card" : "--artifacts")} describes one model; give exactly one manifest.");
                return ExitCodes.InvalidInput;
            }

            if (Created(parse.GetValue(created), console) is not { } time)
            {
                return ExitCodes.InvalidInput;
            }

            ImportResult? evidence = null;
            if (parse.GetValue(artifacts) is { } folder)
            {
                console.Status?.Report("reading the files of " + folder);
                evidence = ModelImporter.Import(folder, parse.GetValue(against) ?? []);
                console.Status?.Clear();
                foreach (var diagnostic in evidence.Diagnostics)
                {
                    console.Error.WriteLine(DiagnosticReport.Line(diagnostic, Language.English));
                }
            }

            var options = new ExportOptions
            {
                Created = time,
                Name = string.Create(CultureInfo.InvariantCulture, $"T-Class classification of {expansion.Inputs.Count} model card{(expansion.Inputs.Count == 1 ? "" : "s")}"),
                Identity = Identity(expansion),
                Ruleset = classifier.Ruleset,
                Country = classifier.Country,
            };
            var (read, skipped, invalid) = (0, 0, expansion.HasErrors);
            IEnumerable<ExportedModel> Models()
            {
                foreach (var input in Inputs.ReadAll(expansion.Inputs, manifest => manifest))
                {
                    foreach (var problem in input.Problems)
                    {
                        console.Error.WriteLine(DiagnosticReport.Line(problem, Language.English));
                    }

                    (read, skipped) = input.Skipped ? (read, skipped + 1) : (read + 1, skipped);
                    invalid |= input.Read.Manifest is null && !input.Skipped;
                    if (input.Value is { } manifest)
                    {
                        yield return new ExportedModel(manifest, evidence is null ? classifier.Classify(manifest) : classifier.Classify(manifest, evidence), evidence);
                    }
                }
            }

            if (kind == "hf-card")
            {
                return Card(console, Models().FirstOrDefault(), readme, target, parse.GetValue(force));
            }

            Action<TextWriter> write = kind == "spdx"
                ? text => SpdxExport.Write(text, Models(), options)
                : text => CycloneDxExport.Write(text, Models(), options);
            if (target is null)
            {
                write(console.Out);
            }
            else if (SafeWrite.File(target, write, parse.GetValue(force)) is { } failed)
            {
                console.Error.WriteLine($"{target}: error: {failed.Message} Fix: {failed.Fix}");
                return ExitCodes.InvalidInput;
            }

            if (expansion.NothingFound(read, skipped) is { } nothing)
            {
                console.Error.WriteLine(DiagnosticReport.Line(nothing, Language.English));
                invalid = true;
            }

            return invalid ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes the model card: merged into <paramref name="readme"/> in place, or new to the output.</summary>
    private static int Card(CliConsole console, ExportedModel? model, string? readme, string? target, bool force)
    {
        if (model is null)
        {
            return ExitCodes.InvalidInput;
        }

        string? existing = null;
        if (readme is not null && FileKinds.OfEntry(readme) != FileKind.Missing)
        {
            var read = BoundedRead.File(readme, 4L * 1024 * 1024);
            string? text = null;
            try
            {
                text = read.Bytes is { } bytes ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF') : null;
            }
            catch (DecoderFallbackException)
            {
                console.Error.WriteLine($"{readme}: error: it is not UTF-8 text. Fix: Save the card as UTF-8.");
                return ExitCodes.InvalidInput;
            }

            if (text is null)
            {
                console.Error.WriteLine($"{readme}: error: {read.Problem!.Message} Fix: {read.Problem.Fix}");
                return ExitCodes.InvalidInput;
            }

            existing = text;
        }

        var card = HuggingFaceCardExport.Merge(model.Manifest, existing, readme ?? "README.md");
        foreach (var problem in card.Diagnostics)
        {
            console.Error.WriteLine(DiagnosticReport.Line(problem, Language.English));
        }

        if (card.Text is null)
        {
            return ExitCodes.InvalidInput;
        }

        var destination = target ?? readme;
        if (destination is null)
        {
            console.Out.Write(card.Text);
            return ExitCodes.Ok;
        }

        // Merging into the README named by --into replaces it; another existing file needs --force.
        if (SafeWrite.File(destination, card.Text, overwrite: force || destination == readme) is { } failed)
        {
            console.Error.WriteLine($"{destination}: error: {failed.Message} Fix: {failed.Fix}");
            return ExitCodes.InvalidInput;
        }

        console.Out.WriteLine($"wrote {ControlCharacters.Escape(destination, allowLineBreaks: false)}: " + string.Join("; ", card.Changes.Select(c => ControlCharacters.Escape(c, allowLineBreaks: false))));
        return ExitCodes.Ok;
    }

    /// <summary>The creation time: --created, else SOURCE_DATE_EPOCH, else the Unix epoch (a time that depends on nothing but the cards).</summary>
    private static DateTimeOffset? Created(string? given, CliConsole console)
    {
        if (given is not null)
        {
            if (given == "now")
            {
                var now = DateTimeOffset.UtcNow;
                return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
            }

            if (DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed.ToUniversalTime();
            }

            console.Error.WriteLine($"tclass: error: --created '{ControlCharacters.Escape(given, allowLineBreaks: false)}' is not a time. Fix: Write it as ISO 8601, e.g. 2026-01-31T09:00:00Z, or now.");
            return null;
        }

        if (console.Variables("SOURCE_DATE_EPOCH") is { Length: > 0 } epoch)
        {
            if (long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799)
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            console.Error.WriteLine($"tclass: error: SOURCE_DATE_EPOCH '{ControlCharacters.Escape(epoch, allowLineBreaks: false)}' is not a count of seconds since 1970. Fix: Set it to a whole number of seconds, or unset it.");
            return null;
        }

        return DateTimeOffset.UnixEpoch;
    }

    /// <summary>The cards' SHA-256, in order: the same cards make the same document wherever they lie and however they are named.</summary>
    private static string Identity(Expansion expansion) => string.Join(" ", expansion.Inputs.Select(input =>
    {
        if (FileKinds.Of(input.Name) != FileKind.Regular)
        {
            return input.Name;
        }

        var read = BoundedRead.File(input.Name, ManifestReaderOptions.Default.Limits.MaxBytes);
        return read.Bytes is { } bytes ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) : input.Name;
    }));
}
