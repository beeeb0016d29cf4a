namespace TClass.Cli;

/// <summary>Where the runner reads and writes: the process's console, or strings in tests.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Diagnostics and messages for the user.</param>
/// <param name="In">Standard input (manifests given as <c>-</c>, answers of <c>init --ask</c>).</param>
/// <param name="Color">Whether the output may carry ANSI colours.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool Color)
{
    /// <summary>The process's console. Colour only on a terminal, and never when NO_COLOR is set.</summary>
    public static CliConsole System()
    {
        var utf8 = new global::System.Text.UTF8Encoding(false);
        var stdin = new StreamReader(Console.OpenStandardInput(), utf8);
        var color = !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return Over(
            new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true, NewLine = "\n" },
            new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true, NewLine = "\n" },
            stdin,
            color);
    }

    /// <summary>A console over the given writers, with control characters escaped in everything written (<see cref="TerminalWriter"/>).</summary>
    public static CliConsole Over(TextWriter output, TextWriter error, TextReader input, bool color) =>
        new(new TerminalWriter(output, color) { NewLine = "\n" }, new TerminalWriter(error, color: false) { NewLine = "\n" }, input, color);
}
