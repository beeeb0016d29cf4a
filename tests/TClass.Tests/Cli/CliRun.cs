using TClass.Cli;

namespace TClass.Tests.Cli;

/// <summary>Runs the tclass command line in-process, as a user would in the repository's root.</summary>
internal sealed record CliRun(int Exit, string Out, string Error)
{
    public static CliRun Of(string arguments, string stdin = "") => Of(Split(arguments), stdin);

    public static CliRun Of(string[] args, string stdin = "") => Of(args, new StringReader(stdin));

    /// <param name="args">The command line.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="terminal">Whether stderr is a terminal (long tasks then say what they are doing).</param>
    /// <param name="width">The terminal's width: the column text reports wrap at.</param>
    /// <param name="environment">The environment variables the runner sees, when not the process's.</param>
    public static CliRun Of(string[] args, TextReader stdin, bool terminal = false, int width = CliConsole.PipeWidth, IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = TestData.RepoRoot;
            var exit = TClassCli.Run(args, CliConsole.Over(output, error, stdin, color: false, status: terminal) with
            {
                Width = width,
                Variables = environment is null ? Environment.GetEnvironmentVariable : name => environment.GetValueOrDefault(name),
            });
            return new CliRun(exit, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private static string[] Split(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The runner changes the process's current directory; its tests never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli";
}
