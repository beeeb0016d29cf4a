namespace TClass.Weights;

/// <summary>
/// Counts the bytes a comparison reads from both checkpoints and holds it to its budget: a test asks
/// before it reads, and one that cannot afford its reads is reported as not run rather than
/// reading past the budget.
/// </summary>
internal sealed class ReadMeter(long budget)
{
    private long _read;

    /// <summary>The most bytes the comparison may read.</summary>
    public long Budget => budget;

    /// <summary>The bytes read so far.</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>Whether <paramref name="bytes"/> more can be read within the budget.</summary>
    public bool CanAfford(long bytes) => Read + bytes <= budget;

    /// <summary>Counts <paramref name="bytes"/> read; past the budget the read is refused.</summary>
    public void Take(long bytes)
    {
        if (Interlocked.Add(ref _read, bytes) > budget)
        {
            Interlocked.Add(ref _read, -bytes);
            throw new WeightBudgetException(budget);
        }
    }
}

/// <summary>A read that would pass the I/O budget; the test that asked for it is reported as not run.</summary>
internal sealed class WeightBudgetException(long budget) : Exception($"the {budget:N0}-byte read budget is spent");
