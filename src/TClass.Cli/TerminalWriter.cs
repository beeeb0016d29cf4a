using System.Text;
using System.Text.RegularExpressions;
using TClass.Text;

namespace TClass.Cli;

/// <summary>
/// Writes to a terminal or a pipe with every control character made visible (<see cref="ControlCharacters"/>),
/// whatever the text came from — a card, a file name, a tokenizer's vocabulary. When colour is on, the
/// colour codes of tclass's own reports (<c>ESC [ … m</c>) pass; nothing else does.
/// </summary>
/// <param name="inner">Where the text goes.</param>
/// <param name="color">Whether tclass's colour codes pass.</param>
/// <param name="flushFirst">
/// A writer that is flushed before anything is written here: results buffered on standard output come
/// before a message about the next input when both streams go to one file. A flush that fails (a full
/// disk, a closed pipe) is not hidden: the command stops with the error.
/// </param>
internal sealed partial class TerminalWriter(TextWriter inner, bool color, TextWriter? flushFirst = null) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set
        {
            inner.NewLine = value;
            base.NewLine = value;
        }
    }

    public override void WriteLine()
    {
        FlushFirst();
        inner.WriteLine();
    }

    public override void Write(char value)
    {
        FlushFirst();
        if (ControlCharacters.IsUnsafe(value))
        {
            inner.Write(ControlCharacters.Escape(value.ToString()));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        FlushFirst();
        if (value is null || !ControlCharacters.Any(value))
        {
            inner.Write(value);
            return;
        }

        if (!color)
        {
            inner.Write(ControlCharacters.Escape(value));
            return;
        }

        var last = 0;
        foreach (Match code in ColourCode().Matches(value))
        {
            inner.Write(ControlCharacters.Escape(value[last..code.Index]));
            inner.Write(code.Value);
            last = code.Index + code.Length;
        }

        inner.Write(ControlCharacters.Escape(value[last..]));
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    private void FlushFirst() => flushFirst?.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex ColourCode();
}
