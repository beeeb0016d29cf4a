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

        // Token rows each tensor has (an output head may be shorter than the input embeddings).
        rowPairs = rowPairs?.Where(p => p.Model < a.Rows && p.Reference < b.Rows).ToList();
        var available = rowPairs?.Count ?? (int)Math.Min(a.Rows, int.MaxValue);
        if (available == 0)
        {
            return null;
        }

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
        if (Statistics.StdDev(x) == 0 || Statistics.StdDev(y) == 0 || FewValues(x) && FewValues(y))
        {
            // One value throughout (a zero bias), or two (a mask): no lineage signal.
            context.Constant.Add(model.Name);
            return null;
        }

        var shuffled = (float[])y.Clone();
        context.Sampler.Random("shuffle:" + model.Name).Shuffle(shuffled);
        var r = Statistics.Pearson(x, y);
        return new TensorComparison(
            model.Name, reference.Name, a.ShapeText, x.Length, Statistics.Cosine(x, y), r, Statistics.Z(r, x.Length), Statistics.Slope(x, y),
            Statistics.Cosine(x, shuffled), Statistics.Pearson(x, shuffled), Statistics.RelativeDifference(x, y));
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

        // One more test than the tensors: the pooled test over all of them.
        var critical = context.Critical(Math.Max(tests, pairs.Count) + 1);
        var passing = pairs.Where(p => p.Pearson >= t.ElementwiseFloor && p.Z >= critical).ToList();
        var median = Statistics.Median(pairs.Select(p => p.Pearson));
        var largest = pairs.Max(p => Math.Abs(p.Pearson));

        // Pooled over the tensors (Stouffer's z weighted by √n; the n-weighted mean r): small tensors
        // that are each too small to tell are, together, large enough.
        var total = pairs.Sum(p => (double)p.Elements);
        var pooledR = pairs.Sum(p => p.Pearson * p.Elements) / total;
        var pooledZ = pairs.Sum(p => p.Z * Math.Sqrt(p.Elements)) / Math.Sqrt(pairs.Sum(p => (double)p.Elements));
        var pooledPasses = pooledR >= t.ElementwiseFloor && pooledZ >= critical;
        var power = Math.Max(
            1 - pairs.Aggregate(1.0, (miss, p) => miss * (1 - Statistics.Power(t.ElementwiseFloor, p.Elements, critical))),
            Statistics.Power(t.ElementwiseFloor, (long)total, critical));
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
            Figure("elements", total),
            Figure("pooled_pearson", pooledR),
            Figure("pooled_z", pooledZ));
        var values = new (string, string)[]
        {
            ("passing", passing.Count.ToString(CultureInfo.InvariantCulture)), ("compared", pairs.Count.ToString(CultureInfo.InvariantCulture)),
            ("median", F(median)), ("largest", F(pairs.Max(p => p.Pearson))), ("sd", F(sd)), ("floor", F(t.ElementwiseFloor)), ("power", F(power)),
            ("pooled", F(pooledR)), ("z", pooledZ.ToString("0.0", CultureInfo.InvariantCulture)), ("elements", total.ToString("N0", CultureInfo.InvariantCulture)),
        };
        var significant = pairs.Count(p => p.Z >= critical) + (pooledZ >= critical ? 1 : 0);
        var (outcome, key) = passing.Count > 0 ? (TestOutcome.Derived, "elementwise-derived")
            : pooledPasses ? (TestOutcome.Derived, "elementwise-pooled")
            : significant > 0 ? (TestOutcome.Weak, "elementwise-weak")
            : power >= t.Power ? (TestOutcome.Null, "elementwise-null")
            : (TestOutcome.NotApplicable, "elementwise-underpowered");
        return new LineageTest("elementwise", outcome, context.Policy.Say(key, values), figures, [.. pairs]);
    }

    /// <summary>Whether the values take at most two distinct values (a mask or a constant).</summary>
    private static bool FewValues(float[] values)
    {
        var first = values[0];
        float? second = null;
        foreach (var v in values)
        {
            if (v != first && (second ??= v) != v)
            {
                return false;
            }
        }

        return true;
    }

    internal static KeyValuePair<string, double> Figure(string name, double value) => KeyValuePair.Create(name, value);

    internal static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    internal static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
