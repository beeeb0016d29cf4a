using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics.Tensors;
using System.Text;

namespace TClass.Weights;

/// <summary>
/// The arithmetic of the lineage tests: correlations through System.Numerics.Tensors, the normal
/// null of a correlation between independent weights, power, and deterministic seeded sampling.
/// </summary>
internal static class Statistics
{
    /// <summary>Cosine of the raw values (what a naive comparison reports).</summary>
    public static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var value = TensorPrimitives.CosineSimilarity(x, y);
        return float.IsFinite(value) ? value : 0;
    }

    /// <summary>Pearson correlation: the cosine of the mean-centred values; 0 when either is constant.</summary>
    public static double Pearson(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var a = Centred(x);
        var b = Centred(y);
        return Cosine0(a, b);
    }

    /// <summary>‖x − y‖ / ‖y‖: how far the values are from the reference's, relative to their size.</summary>
    public static double RelativeDifference(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var norm = (double)TensorPrimitives.Norm(y);
        return norm > 0 ? TensorPrimitives.Distance(x, y) / norm : TensorPrimitives.Norm(x) > 0 ? 1 : 0;
    }

    /// <summary>The least-squares slope of <paramref name="x"/> on <paramref name="y"/> (how much of y is in x).</summary>
    public static double Slope(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var a = Centred(x);
        var b = Centred(y);
        var variance = (double)TensorPrimitives.Dot<float>(b, b);
        return variance > 0 ? TensorPrimitives.Dot<float>(a, b) / variance : 0;
    }

    /// <summary>The standard deviation of the values (0 for fewer than two).</summary>
    public static double StdDev(ReadOnlySpan<float> x) => x.Length < 2 ? 0 : TensorPrimitives.StdDev(x);

    /// <summary><paramref name="x"/> minus its mean, in a new array.</summary>
    public static float[] Centred(ReadOnlySpan<float> x)
    {
        var result = x.ToArray();
        if (result.Length > 0)
        {
            var mean = (float)(Sum(result) / result.Length);
            TensorPrimitives.Subtract(result, mean, result);
        }

        return result;
    }

    /// <summary>Centres <paramref name="x"/> in place and scales it to unit norm (all zeros when constant).</summary>
    public static void Standardize(Span<float> x)
    {
        if (x.IsEmpty)
        {
            return;
        }

        var mean = (float)(Sum(x) / x.Length);
        TensorPrimitives.Subtract(x, mean, x);
        var norm = TensorPrimitives.Norm<float>(x);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(x, norm, x);
        }
        else
        {
            x.Clear();
        }
    }

    /// <summary>A double-precision sum, for means that must not drift over millions of values.</summary>
    public static double Sum(ReadOnlySpan<float> x)
    {
        double sum = 0;
        const int block = 4096;
        for (var i = 0; i < x.Length; i += block)
        {
            sum += TensorPrimitives.Sum(x.Slice(i, Math.Min(block, x.Length - i)));
        }

        return sum;
    }

    private static double Cosine0(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var na = TensorPrimitives.Norm<float>(a);
        var nb = TensorPrimitives.Norm<float>(b);
        if (na <= 0 || nb <= 0 || !float.IsFinite(na) || !float.IsFinite(nb))
        {
            return 0;
        }

        return Math.Clamp(TensorPrimitives.Dot<float>(a, b) / ((double)na * nb), -1, 1);
    }

    /// <summary>
    /// The z-score of a correlation <paramref name="r"/> over <paramref name="n"/> values against the
    /// null of independent weights, by Fisher's transformation: atanh(r)·√(n−3).
    /// </summary>
    public static double Z(double r, long n) => n <= 3 ? 0 : Math.Atanh(Math.Clamp(r, -0.999999, 0.999999)) * Math.Sqrt(n - 3);

    /// <summary>The standard deviation of a correlation between independent weights over <paramref name="n"/> values.</summary>
    public static double NullSd(long n) => n <= 3 ? 1 : 1 / Math.Sqrt(n - 3);

    /// <summary>The one-sided p-value of <paramref name="z"/>: P(Z ≥ z) for a standard normal Z.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>The z with P(Z ≥ z) = <paramref name="p"/> (Acklam's rational approximation, refined by one Newton step).</summary>
    public static double InverseUpperTail(double p)
    {
        p = Math.Clamp(p, 1e-300, 1 - 1e-16);
        var q = 1 - p;

        // Acklam's approximation of the normal quantile at q, then a Halley refinement.
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        double x;
        if (p < 0.02425)
        {
            var t = Math.Sqrt(-2 * Math.Log(p));
            x = -(((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
        }
        else if (q < 0.02425)
        {
            var t = Math.Sqrt(-2 * Math.Log(q));
            x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
        }
        else
        {
            var t = q - 0.5;
            var r = t * t;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * t / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }

        var e = UpperTail(x) - p;
        var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x + u / (1 + x * u / 2);
    }

    /// <summary>The power of a one-sided test at critical z <paramref name="critical"/> to see a true correlation <paramref name="r"/> over <paramref name="n"/> values.</summary>
    public static double Power(double r, long n, double critical) => n <= 3 ? 0 : UpperTail(critical - Z(r, n));

    /// <summary>The complementary error function (Numerical Recipes' erfc, relative error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>The median of <paramref name="values"/> (0 when empty).</summary>
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>The <paramref name="q"/>-quantile of <paramref name="values"/>, linearly interpolated (0 when empty).</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}

/// <summary>
/// Deterministic choices from a seed: which rows, experts, anchors and units are read. The same seed
/// and the same label always give the same choice, on every machine and in every run.
/// </summary>
internal sealed class Sampler(long seed)
{
    /// <summary>The seed.</summary>
    public long Seed => seed;

    /// <summary>A 64-bit hash of <paramref name="label"/> and <paramref name="index"/> under the seed.</summary>
    public ulong Hash(string label, long index)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, index);
        var hash = new XxHash3(seed);
        hash.Append(Encoding.UTF8.GetBytes(label));
        hash.Append(bytes);
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>
    /// <paramref name="count"/> distinct indices of <c>0 … population−1</c> (all of them when there
    /// are fewer), chosen by <paramref name="label"/>, in increasing order.
    /// </summary>
    public int[] Choose(string label, int count, long population)
    {
        if (population <= count)
        {
            return [.. Enumerable.Range(0, (int)population)];
        }

        var chosen = new SortedSet<long>();
        for (long i = 0; chosen.Count < count; i++)
        {
            chosen.Add((long)(Hash(label, i) % (ulong)population));
        }

        return [.. chosen.Select(c => (int)c)];
    }

    /// <summary>A permutation of <c>0 … n−1</c> chosen by <paramref name="label"/> (Fisher–Yates on the seeded hashes).</summary>
    public int[] Permutation(string label, int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)(Hash(label, i) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>A random generator seeded from the seed and <paramref name="label"/>: the same sequence on every run.</summary>
    public Random Random(string label) => new((int)(Hash(label, 0) & 0x7FFFFFFF));

    /// <summary>A standard normal value chosen by <paramref name="label"/> and <paramref name="index"/> (Box–Muller).</summary>
    public double Normal(string label, long index)
    {
        var u1 = ((Hash(label, 2 * index) >> 11) + 1) / (double)(1UL << 53);
        var u2 = (Hash(label, 2 * index + 1) >> 11) / (double)(1UL << 53);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
