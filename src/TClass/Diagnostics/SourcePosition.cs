namespace TClass.Diagnostics;

/// <summary>A 1-based line and column in a source file.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column number.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The position used for problems that concern a whole file rather than a place in it.</summary>
    public static SourcePosition WholeFile => new(0, 0);
}
