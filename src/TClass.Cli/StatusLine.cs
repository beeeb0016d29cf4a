using TClass.Text;

namespace TClass.Cli;

/// <summary>
/// What a long task is doing, on one line of a terminal's stderr that each report overwrites and
/// <see cref="Clear"/> erases. Only for a terminal: when stderr is a file or a pipe there is none,
/// so logs and CI output stay clean.
/// </summary>
internal sealed class StatusLine(TextWriter terminal) : IProgress<string>
{
    private const string EraseLine = "\r\u001b[K";

    private readonly Lock _writing = new();

    private bool _shown;

    /// <summary>Shows <paramref name="value"/> in place of the previous status (its control characters made visible).</summary>
    public void Report(string value)
    {
        lock (_writing)
        {
            terminal.Write(EraseLine + "tclass: " + ControlCharacters.Escape(value, allowLineBreaks: false));
            _shown = true;
        }
    }

    /// <summary>Erases the status line, if one is shown (before anything else is written to the terminal).</summary>
    public void Clear()
    {
        lock (_writing)
        {
            if (_shown)
            {
                terminal.Write(EraseLine);
                _shown = false;
            }
        }
    }
}
