using TClass.Diagnostics;
using System.CommandLine;

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
        var command = new Command("validate", """
            Check manifests against manifest format 1: schema, cross-field rules and catalogs.
            Every error of every file is reported as path:line:col: error: message, with a fix.

            Examples:
              tclass validate card.yaml
              tclass validate docs/registry/cards
            """)
        {
            paths,
        };
        command.SetAction(parse =>
        {
            var expansion = Inputs.Expand(parse.GetValue(paths) ?? [], console);
            var inputs = expansion.Inputs;
            var reads = inputs.AsParallel().AsOrdered().Select(i => i.Read()).ToList();
            foreach (var diagnostic in expansion.Problems.Concat(reads.SelectMany(r => r.Errors)))
            {
                console.Error.WriteLine(diagnostic.ToString());
            }

            foreach (var read in reads.Where(r => r.Succeeded))
            {
                console.Out.WriteLine($"valid  {read.File}");
            }

            var invalid = expansion.Problems.Count(p => p.Severity == DiagnosticSeverity.Error) + reads.Count(r => !r.Succeeded);
            console.Out.WriteLine($"{reads.Count(r => r.Succeeded)} valid, {invalid} invalid");
            return invalid > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
