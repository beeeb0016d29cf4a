using System.CommandLine;
using TClass.Reports;

namespace TClass.Cli.Commands;

/// <summary><c>tclass explain</c>: the full walk in prose.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "A manifest file, or - for standard input." };
        var rules = Options.Rules();
        var country = Options.Country();
        var lang = Options.Lang();
        var command = new Command("explain", """
            Explain a classification step by step: each question, the facts read with their evidence,
            the answer and its reason; for undeclared facts, every branch explored and where it leads;
            then the level, the next level and exactly what it needs.

            Examples:
              tclass explain docs/examples/unknown-facts.yaml
              tclass explain card.yaml --rules tclass-2.0-strict --lang ko
            """)
        {
            path, rules, country, lang,
        };
        command.SetAction(parse =>
        {
            var classifier = Options.Classifier(parse.GetValue(rules)!, parse.GetValue(country)!, console);
            if (classifier is null)
            {
                return ExitCodes.InvalidInput;
            }

            var expansion = Inputs.Expand([parse.GetValue(path)!], console);
            var inputs = expansion.Inputs;
            foreach (var diagnostic in expansion.Problems)
            {
                console.Error.WriteLine(diagnostic.ToString());
            }

            var exit = expansion.HasErrors ? ExitCodes.InvalidInput : ExitCodes.Ok;
            var language = Options.Language(parse.GetValue(lang)!);
            var (read, skipped) = (0, 0);
            foreach (var input in Inputs.ReadAll(inputs, manifest => ExplainReport.Render(classifier.Classify(manifest), new TextReportOptions(language, console.Color, console.Width))))
            {
                foreach (var problem in input.Problems)
                {
                    console.Error.WriteLine(DiagnosticReport.Line(problem, language));
                }

                (read, skipped) = input.Skipped ? (read, skipped + 1) : (read + 1, skipped);
                if (input.Value is { } report)
                {
                    console.Out.Write(report);
                }
                else if (!input.Skipped)
                {
                    exit = ExitCodes.InvalidInput;
                }
            }

            if (expansion.NothingFound(read, skipped) is { } nothing)
            {
                console.Error.WriteLine(DiagnosticReport.Line(nothing, language));
                exit = ExitCodes.InvalidInput;
            }

            return exit;
        });
        return command;
    }
}
