using System.CommandLine;
using System.Globalization;
using TClass.Diagnostics;
using TClass.Reports;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary><c>tclass validate</c>: check manifests without classifying them.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files, directories (searched recursively), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var lang = Options.Lang();
        var command = new Command("validate", """
            Check manifests against manifest format 1: schema, cross-field rules and catalogs.
            Every error of every file is reported as path:line:col: error: message, with a fix.

            Examples:
              tclass validate card.yaml
              tclass validate docs/registry/cards --lang ko
            """)
        {
            paths, lang,
        };
        command.SetAction(parse =>
        {
            var language = Options.Language(parse.GetValue(lang)!);
            var expansion = Inputs.Expand(parse.GetValue(paths) ?? [], console);
            foreach (var problem in expansion.Problems)
            {
                console.Error.WriteLine(DiagnosticReport.Line(problem, language));
            }

            var (valid, invalid, skipped) = (0, expansion.Problems.Count(p => p.Severity == DiagnosticSeverity.Error), 0);
            foreach (var input in Inputs.ReadAll(expansion.Inputs, _ => true))
            {
                foreach (var problem in input.Problems)
                {
                    console.Error.WriteLine(DiagnosticReport.Line(problem, language));
                }

                if (input.Skipped)
                {
                    skipped++;
                }
                else if (input.Read.Succeeded)
                {
                    valid++;
                    console.Out.WriteLine($"{ReportText.Get("valid", language),-6} {ControlCharacters.Escape(input.Read.File, allowLineBreaks: false)}");
                }
                else
                {
                    invalid++;
                }
            }

            if (expansion.NothingFound(valid + invalid, skipped) is { } nothing)
            {
                console.Error.WriteLine(DiagnosticReport.Line(nothing, language));
                invalid++;
            }

            console.Out.WriteLine(Placeholders.Fill(ReportText.Get("validated", language),
                ("valid", valid.ToString(CultureInfo.InvariantCulture)), ("invalid", invalid.ToString(CultureInfo.InvariantCulture))));
            return invalid > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
