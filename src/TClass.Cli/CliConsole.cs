namespace TClass.Cli;

/// <summary>Where the runner reads and writes: the process's console, or strings in tests.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Diagnostics and messages for the user.</param>
/// <param name="In">Standard input (manifests given as <c>-</c>, answers of <c>init --ask</c>).</param>
/// <param name="Color">Whether the output may carry ANSI colours.</param>
/// <param name="Status">Where long tasks say what they are doing; null unless stderr is a terminal.</param>
/// <param name="Width">The column text reports wrap at: the terminal's width, 100 into a pipe or a file.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool Color, StatusLine? Status = null, int Width = CliConsole.PipeWidth)
{
    /// <summary>The column text wraps at when the output is not a terminal.</summary>
    public const int PipeWidth = 100;

    /// <summary>Reads an environment variable (the Hugging Face cache's settings); the process's own unless a test gives another.</summary>
    public Func<string, string?> Variables { get; init; } = global::System.Environment.GetEnvironmentVariable;

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
        // Results reach a terminal as they come; into a pipe or a file they go in 64 KiB blocks (a write
        // per result, or per kilobyte, would cost more than classifying it), flushed before any
        // message and at the end.
        var stdout = Console.IsOutputRedirected
            ? new StreamWriter(Console.OpenStandardOutput(), utf8, OutputBlock) { NewLine = "\n" }
            : new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true, NewLine = "\n" };
        return Over(stdout, stderr, stdin, color, status) with { Width = Console.IsOutputRedirected ? PipeWidth : TerminalWidth() };
    }

    private const int OutputBlock = 1 << 16;

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is var columns and > 0 ? Math.Max(40, columns) : PipeWidth;
        }
        catch (IOException)
        {
            return PipeWidth;
        }
    }

    /// <summary>
    /// A console over the given writers, with control characters escaped in everything written
    /// (<see cref="TerminalWriter"/>) and the results written so far flushed before any message; with
    /// <paramref name="status"/>, long tasks report on <paramref name="error"/>.
    /// </summary>
    public static CliConsole Over(TextWriter output, TextWriter error, TextReader input, bool color, bool status = false)
    {
        var results = new TerminalWriter(output, color) { NewLine = "\n" };
        return new(results, new TerminalWriter(error, color: false, flushFirst: results) { NewLine = "\n" }, new PromptedReader(input, results), color,
            status ? new StatusLine(error) : null);
    }

    /// <summary>Standard input that flushes the results' stream before each read, so a question written there is seen before the answer is awaited.</summary>
    private sealed class PromptedReader(TextReader inner, TextWriter prompts) : TextReader
    {
        public override int Peek()
        {
            prompts.Flush();
            return inner.Peek();
        }

        public override int Read()
        {
            prompts.Flush();
            return inner.Read();
        }

        public override int Read(char[] buffer, int index, int count)
        {
            prompts.Flush();
            return inner.Read(buffer, index, count);
        }

        public override string? ReadLine()
        {
            prompts.Flush();
            return inner.ReadLine();
        }

        public override string ReadToEnd()
        {
            prompts.Flush();
            return inner.ReadToEnd();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
