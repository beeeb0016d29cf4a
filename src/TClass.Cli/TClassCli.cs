using System.CommandLine;
using TClass.Cli.Commands;
using TClass.Text;

namespace TClass.Cli;

/// <summary>The <c>tclass</c> command line.</summary>
internal static class TClassCli
{
    private static readonly (string Name, Func<CliConsole, Command> Create)[] Commands =
    [
        ("classify", ClassifyCommand.Create),
        ("explain", ExplainCommand.Create),
        ("validate", ValidateCommand.Create),
        ("init", InitCommand.Create),
        ("import", ImportCommand.Create),
        ("export", ExportCommand.Create),
        ("tokenizer", TokenizerCommand.Create),
        ("weights", WeightsCommand.Create),
        ("schema", SchemaCommand.Create),
        ("rules", RulesCommand.Create),
        ("registry", RegistryCommand.Create),
    ];

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
            """);

        // A command line that names its command builds only that command: building the others (their
        // options, help texts and the lists those name) would cost every run for nothing. Anything
        // else (help, a mistyped command) gets the whole tree.
        var named = args.Length > 0 ? Array.Find(Commands, c => c.Name == args[0]) : default;
        foreach (var (_, create) in named.Create is null ? Commands : [named])
        {
            root.Subcommands.Add(create(console));
        }

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            if (MistypedCommand(parse) is { } suggestion)
            {
                console.Error.WriteLine($"tclass: error: '{parse.UnmatchedTokens[0]}' is not a command. Did you mean 'tclass {suggestion}'?");
            }
            else
            {
                foreach (var error in parse.Errors)
                {
                    console.Error.WriteLine("tclass: error: " + error.Message);
                }
            }

            console.Error.WriteLine("Run 'tclass --help' or 'tclass <command> --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            try
            {
                var code = parse.Invoke(configuration);
                console.Out.Flush();
                return code;
            }
            catch (AggregateException task) when (task.InnerExceptions.Count == 1)
            {
                // A failure inside a task (work started on another core) is reported as itself.
                throw task.InnerExceptions[0];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file system refused something the command needed (a full disk, a removed folder).
            try
            {
                console.Error.WriteLine("tclass: error: " + e.Message);
            }
            catch (IOException)
            {
                // Neither stream can be written: the exit code is all that is left to say it.
            }

            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            console.Error.WriteLine($"tclass: internal error: {e.GetType().Name}: {e.Message}");
            console.Error.WriteLine("This is a fault in tclass, not in your input's format. Please report it with the command and the input that caused it.");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>The command a mistyped first word most likely meant (<c>clasify</c> → <c>classify</c>), at whatever level it was typed.</summary>
    private static string? MistypedCommand(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (parse.UnmatchedTokens.Count == 0 || parse.UnmatchedTokens[0].StartsWith('-') || command.Subcommands.Count == 0
            || Suggestions.Nearest(parse.UnmatchedTokens[0], command.Subcommands.Select(c => c.Name)) is not { } nearest)
        {
            return null;
        }

        var path = new List<string> { nearest };
        for (Symbol? level = command; level is Command { Parents: var parents } c && c is not RootCommand; level = parents.FirstOrDefault())
        {
            path.Insert(0, c.Name);
        }

        return string.Join(' ', path);
    }
}
