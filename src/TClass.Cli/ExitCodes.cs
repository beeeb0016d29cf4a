namespace TClass.Cli;

/// <summary>The runner's exit codes (docs/result.md).</summary>
internal static class ExitCodes
{
    /// <summary>Every input was valid and classified, and met --min-tier if given.</summary>
    public const int Ok = 0;

    /// <summary>Every input was valid, but one is below --min-tier or undetermined where a decision is needed.</summary>
    public const int BelowMinimum = 1;

    /// <summary>A usage error, or an input that could not be read or failed validation.</summary>
    public const int InvalidInput = 2;
}
