using System.Collections.Immutable;
using System.Globalization;

namespace TClass.Weights;

/// <summary>
/// The element-wise test: tensors of the model and the reference that sit in the same place (same
/// role, aligned blocks, the same tokens' rows) compared value by value on the same sampled rows.
/// Pearson's r is judged against the null of independent weights (r ≈ N(0, 1/n)); raw cosine and a
/// shuffled control are reported beside it to show why raw cosine cannot decide.
/// </summary>
internal sealed class ElementwiseTest(LineageContext context)
{
    /// <summary>Compares one tensor pair on sampled rows (the rows of <paramref name="rowPairs"/> for token-indexed tensors).</summary>
    public TensorComparison? Compare(PlacedTensor model, PlacedTensor reference, IReadOnlyList<(int Model, int Reference)>? rowPairs = null)
    {
        var a = model.Tensor;
        var b = reference.Tensor;
        if (!model.Comparable || !reference.Comparable || a.Columns != b.Columns || rowPairs is null && a.Rows != b.Rows)
        {
            return null;
        }

        var available = rowPairs?.Count ?? (int)Math.Min(a.Rows, int.MaxValue);
        var wanted = (int)Math.Clamp(context.Sampling.ElementsPerTensor / Math.Max(1, a.Columns), 1, available);
        var chosen = context.Sampler.Choose("rows:" + model.Place.Role, wanted, available);
        int[] rowsA = rowPairs is null ? chosen : [.. chosen.Select(i => rowPairs[i].Model)];
        int[] rowsB = rowPairs is null ? chosen : [.. chosen.Select(i => rowPairs[i].Reference)];
        if (!context.Meter.CanAfford(TensorReads.Cost(model, rowsA.Length) + TensorReads.Cost(reference, rowsB.Length)))
        {
            context.BudgetSpent = true;
            return null;
        }

        var x = TensorReads.Rows(model, rowsA, context.Meter);
        var y = TensorReads.Rows(reference, rowsB, context.Meter);
        if (Statistics.StdDev(x) == 0 || Statistics.StdDev(y) == 0)
        {
            // One value throughout (a zero bias): no correlation to measure, no lineage signal.
            context.Constant.Add(model.Name);
            return null;
        }

        var shuffled = (float[])y.Clone();
        context.Sampler.Random("shuffle:" + model.Name).Shuffle(shuffled);
        var r = Statistics.Pearson(x, y);
        return new TensorComparison(
            model.Name, reference.Name, a.ShapeText, x.Length, Statistics.Cosine(x, y), r, Statistics.Z(r, x.Length), Statistics.Slope(x, y),
            Statistics.Cosine(x, shuffled), Statistics.Pearson(x, shuffled));
    }

    /// <summary>
    /// The test's verdict on <paramref name="pairs"/>: derived when some tensor's r clears both the
    /// lineage floor and the Bonferroni-corrected critical z; weak when some tensor is significant
    /// but below the floor; at the null when none is significant and the test had the power to see
    /// the floor.
    /// </summary>
    public LineageTest Judge(IReadOnlyList<TensorComparison> pairs, int tests)
    {
        var t = context.Thresholds;
        if (pairs.Count == 0)
        {
            return new LineageTest("elementwise", TestOutcome.NotApplicable,
                context.BudgetSpent ? context.Policy.Say("budget", ("test", "elementwise"), ("budget", Bytes(context.Meter.Budget))) : context.Policy.Say("elementwise-none"),
                [], []);
        }

        var critical = context.Critical(Math.Max(tests, pairs.Count));
        var passing = pairs.Where(p => p.Pearson >= t.ElementwiseFloor && p.Z >= critical).ToList();
        var median = Statistics.Median(pairs.Select(p => p.Pearson));
        var largest = pairs.Max(p => Math.Abs(p.Pearson));
        var power = 1 - pairs.Aggregate(1.0, (miss, p) => miss * (1 - Statistics.Power(t.ElementwiseFloor, p.Elements, critical)));
        var sd = Statistics.NullSd((long)Statistics.Median(pairs.Select(p => (double)p.Elements)));
        var figures = ImmutableArray.Create(
            Figure("tensors", pairs.Count),
            Figure("matching", passing.Count),
            Figure("median_pearson", median),
            Figure("largest_abs_pearson", largest),
            Figure("median_cosine", Statistics.Median(pairs.Select(p => p.Cosine))),
            Figure("median_shuffled_cosine", Statistics.Median(pairs.Select(p => p.ShuffledCosine))),
            Figure("median_shuffled_pearson", Statistics.Median(pairs.Select(p => p.ShuffledPearson))),
            Figure("null_sd", sd),
            Figure("critical_z", critical),
            Figure("power", power),
            Figure("median_slope", Statistics.Median(pairs.Select(p => p.Slope))),
            Figure("elements", pairs.Sum(p => (double)p.Elements)));
        var values = new (string, string)[]
        {
            ("passing", passing.Count.ToString(CultureInfo.InvariantCulture)), ("compared", pairs.Count.ToString(CultureInfo.InvariantCulture)),
            ("median", F(median)), ("largest", F(pairs.Max(p => p.Pearson))), ("sd", F(sd)), ("floor", F(t.ElementwiseFloor)), ("power", F(power)),
        };
        var significant = pairs.Count(p => p.Z >= critical);
        var (outcome, key) = passing.Count > 0 ? (TestOutcome.Derived, "elementwise-derived")
            : significant > 0 ? (TestOutcome.Weak, "elementwise-weak")
            : power >= t.Power ? (TestOutcome.Null, "elementwise-null")
            : (TestOutcome.NotApplicable, "elementwise-underpowered");
        return new LineageTest("elementwise", outcome, context.Policy.Say(key, values), figures, [.. pairs]);
    }

    internal static KeyValuePair<string, double> Figure(string name, double value) => KeyValuePair.Create(name, value);

    internal static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    internal static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
