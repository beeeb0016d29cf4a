using System.CommandLine;
using TClass.Files;
using TClass.Manifests;
using TClass.Reports;
using TClass.Resources;

namespace TClass.Cli.Commands;

/// <summary><c>tclass init</c>: start a manifest.</summary>
internal static class InitCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "Where to write the manifest.", DefaultValueFactory = _ => "tclass.yaml" };
        var ask = new Option<bool>("--ask") { Description = "Ask the ruleset's questions — only those still needed, in tree order — and write the answers." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var rules = Options.Rules();
        var country = Options.Country();
        var lang = Options.Lang();
        var command = new Command("init", """
            Write a commented manifest template, or with --ask build a manifest by answering the
            ruleset's own questions in the terminal (answers may also be piped in, one per line).

            Examples:
              tclass init my-model.yaml
              tclass init my-model.yaml --ask --lang ko
              printf 'org/model\nscratch\nown\nattention\nnative\nnone\nnvidia-h100\naws\n' | tclass init m.yaml --ask
            """)
        {
            path, ask, force, rules, country, lang,
        };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(path)!;
            if (SafeWrite.CheckFile(target, parse.GetValue(force)) is { } refused)
            {
                console.Error.WriteLine($"{target}: error: {refused.Message} Fix: {refused.Fix}");
                return ExitCodes.InvalidInput;
            }

            if (!parse.GetValue(ask))
            {
                if (SafeWrite.File(target, Schemas.ManifestTemplate, parse.GetValue(force)) is { } failed)
                {
                    console.Error.WriteLine($"{target}: error: {failed.Message} Fix: {failed.Fix}");
                    return ExitCodes.InvalidInput;
                }

                console.Out.WriteLine($"wrote {target} — fill it in, then run: tclass validate {target}");
                return ExitCodes.Ok;
            }

            var classifier = Options.Classifier(parse.GetValue(rules)!, parse.GetValue(country)!, console);
            if (classifier is null)
            {
                return ExitCodes.InvalidInput;
            }

            var language = Options.Language(parse.GetValue(lang)!);
            var manifest = new Interview(console, classifier, language).Run();
            if (manifest is null)
            {
                console.Error.WriteLine("tclass: error: the input ended before every question was answered; nothing was written.");
                return ExitCodes.InvalidInput;
            }

            var yaml = ManifestWriter.ToYaml(manifest);
            var check = ManifestReader.Parse(yaml, target);
            foreach (var diagnostic in check.Errors)
            {
                console.Error.WriteLine(diagnostic.ToString());
            }

            if (SafeWrite.File(target, yaml, parse.GetValue(force)) is { } unwritten)
            {
                console.Error.WriteLine($"{target}: error: {unwritten.Message} Fix: {unwritten.Fix}");
                return ExitCodes.InvalidInput;
            }

            console.Out.WriteLine();
            console.Out.Write(TextReport.Render(classifier.Classify(check.Manifest ?? manifest), new TextReportOptions(language, console.Color, console.Width)));
            console.Out.WriteLine($"\nwrote {target} — add evidence for each fact under 'evidence:'.");
            return check.Succeeded ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
