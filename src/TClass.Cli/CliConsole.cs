namespace TClass.Cli;

/// <summary>Where the runner reads and writes: the process's console, or strings in tests.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Diagnostics and messages for the user.</param>
/// <param name="In">Standard input (manifests given as <c>-</c>, answers of <c>init --ask</c>).</param>
/// <param name="Color">Whether the output may carry ANSI colours.</param>
/// <param name="Status">Where long tasks say what they are doing; null unless stderr is a terminal.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool Color, StatusLine? Status = null)
{
    /// <summary>The process's console. Colour only on a terminal, and never when NO_COLOR is set.</summary>
    public static CliConsole System()
    {
        var utf8 = new global::System.Text.UTF8Encoding(false);
        var stdin = new StreamReader(Console.OpenStandardInput(), utf8);
        var color = !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";
        var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true, NewLine = "\n" };
        var status = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return Over(new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true, NewLine = "\n" }, stderr, stdin, color, status);
    }

    /// <summary>
    /// A console over the given writers, with control characters escaped in everything written
    /// (<see cref="TerminalWriter"/>); with <paramref name="status"/>, long tasks report on <paramref name="error"/>.
    /// </summary>
    public static CliConsole Over(TextWriter output, TextWriter error, TextReader input, bool color, bool status = false) =>
        new(new TerminalWriter(output, color) { NewLine = "\n" }, new TerminalWriter(error, color: false) { NewLine = "\n" }, input, color,
            status ? new StatusLine(error) : null);
}
