using System.CommandLine;
using TClass.Resources;

namespace TClass.Cli.Commands;

/// <summary><c>tclass schema</c>: print a JSON Schema.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliConsole console)
    {
        var which = new Argument<string>("which")
        {
            Description = "manifest or ruleset.",
            DefaultValueFactory = _ => "manifest",
        };
        which.AcceptOnlyFromAmong("manifest", "ruleset");
        var command = new Command("schema", """
            Print the JSON Schema of manifests (format 1) or rulesets, e.g. for editor validation:
            put '# yaml-language-server: $schema=manifest.schema.json' at the top of a manifest.

            Examples:
              tclass schema > manifest.schema.json
              tclass schema ruleset
            """)
        {
            which,
        };
        command.SetAction(parse =>
        {
            console.Out.Write(parse.GetValue(which) == "ruleset" ? Schemas.Ruleset : Schemas.Manifest);
            return ExitCodes.Ok;
        });
        return command;
    }
}
