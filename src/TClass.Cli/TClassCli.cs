using System.CommandLine;
using TClass.Cli.Commands;

namespace TClass.Cli;

/// <summary>The <c>tclass</c> command line.</summary>
internal static class TClassCli
{
    /// <summary>Runs the command line <paramref name="args"/> against <paramref name="console"/> and returns the exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("""
            tclass — place AI models on the T-Class 2.0 technical-sovereignty scale (T0 API wrapper … T6
            full-stack sovereign) from a model-card manifest, with every step explained.

            Examples:
              tclass classify docs/examples/t5-native-architecture.yaml
              tclass explain docs/examples/unknown-facts.yaml
              tclass validate cards/
              tclass rules show tclass-2.0
              tclass tokenizer ./my-model
            """)
        {
            ClassifyCommand.Create(console),
            ExplainCommand.Create(console),
            ValidateCommand.Create(console),
            InitCommand.Create(console),
            ImportCommand.Create(console),
            TokenizerCommand.Create(console),
            WeightsCommand.Create(console),
            SchemaCommand.Create(console),
            RulesCommand.Create(console),
            RegistryCommand.Create(console),
        };

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine("tclass: error: " + error.Message);
            }

            console.Error.WriteLine("Run 'tclass --help' or 'tclass <command> --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        return parse.Invoke(configuration);
    }
}
