namespace TClass.Diagnostics;

/// <summary>A 1-based line and column in a source file.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column number.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The position used for problems that concern a whole file rather than a place in it.</summary>
    public static SourcePosition WholeFile => new(0, 0);

    /// <summary>The line and column of the byte at <paramref name="offset"/> of UTF-8 text (columns count characters).</summary>
    internal static SourcePosition Of(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Clamp(offset, 0, utf8.Length)];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new SourcePosition(line, System.Text.Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
