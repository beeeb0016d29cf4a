namespace TClass.Weights;

/// <summary>What every test of one comparison shares: the policy, the seeded sampler and the read meter.</summary>
internal sealed class LineageContext(LineagePolicy policy, ReadMeter meter)
{
    public LineagePolicy Policy => policy;

    public LineageSampling Sampling => policy.Sampling;

    public LineageThresholds Thresholds => policy.Thresholds;

    public Sampler Sampler { get; } = new(policy.Sampling.Seed);

    public ReadMeter Meter => meter;

    /// <summary>The model's tensors that hold one value throughout in either model, so carry no signal.</summary>
    public List<string> Constant { get; } = [];

    /// <summary>Set when a test was skipped because its reads would pass the budget.</summary>
    public bool BudgetSpent { get; set; }

    /// <summary>The critical z for one of <paramref name="tests"/> tests at the family-wise alpha (Bonferroni).</summary>
    public double Critical(int tests) => Statistics.InverseUpperTail(policy.Thresholds.Alpha / Math.Max(1, tests));
}
