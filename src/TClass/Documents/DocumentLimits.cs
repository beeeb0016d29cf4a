namespace TClass.Documents;

/// <summary>Bounds that keep a hostile or mistaken input from exhausting memory or time.</summary>
/// <param name="MaxBytes">Largest accepted document, in bytes of UTF-8.</param>
/// <param name="MaxDepth">Deepest accepted nesting of mappings and sequences (the top-level mapping is depth 1).</param>
public sealed record DocumentLimits(int MaxBytes, int MaxDepth)
{
    /// <summary>The limits of manifest format 1: 1 MiB and 64 levels.</summary>
    public static DocumentLimits Default { get; } = new(1024 * 1024, 64);
}
