using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;

namespace TClass.Weights;

/// <summary>
/// Anchor rows of both models: the same fixed inputs (the same tokens' embedding rows, the same
/// pixels of a patch filter) as rows, each model's residual stream as columns.
/// </summary>
/// <param name="A">The model's anchors, row-major (<paramref name="Rows"/> × <paramref name="ColumnsA"/>).</param>
/// <param name="B">The reference's anchors, row-major (<paramref name="Rows"/> × <paramref name="ColumnsB"/>).</param>
/// <param name="Rows">How many anchors.</param>
/// <param name="ColumnsA">The model's residual width.</param>
/// <param name="ColumnsB">The reference's residual width.</param>
internal sealed record AnchorMatrices(float[] A, float[] B, int Rows, int ColumnsA, int ColumnsB);

/// <summary>The residual dimensions of the model matched to the reference's.</summary>
/// <param name="Pairs">Model dimension → reference dimension, with the correlation, for every matched dimension.</param>
/// <param name="InPlace">Whether the matched dimensions sit at the same index in both.</param>
internal sealed record ResidualMap(ImmutableArray<(int Model, int Reference, double R)> Pairs, bool InPlace);

/// <summary>
/// The tests on anchors. Both survive every function-preserving transformation of the residual
/// stream: the Mantel test compares the anchors' similarity structure (a Gram matrix, unchanged by
/// any permutation or rotation of the columns); the residual alignment matches each sampled column
/// of the model with every column of the reference, which finds a permutation and says whether it
/// is the identity.
/// </summary>
internal sealed class AnchorTests(LineageContext context)
{
    /// <summary>Reads the anchors of <paramref name="a"/> and <paramref name="b"/>, or null when they cannot be paired or read.</summary>
    public AnchorMatrices? Read(PlacedTensor a, PlacedTensor b, IReadOnlyList<(int Model, int Reference)> tokenRows)
    {
        if (a.Place.Anchor != b.Place.Anchor || !a.Comparable || !b.Comparable)
        {
            return null;
        }

        if (a.Place.Anchor == AnchorRows.Tokens)
        {
            if (tokenRows.Count < 16)
            {
                return null;
            }

            var chosen = context.Sampler.Choose("anchors", context.Sampling.Anchors, tokenRows.Count);
            int[] rowsA = [.. chosen.Select(i => tokenRows[i].Model)];
            int[] rowsB = [.. chosen.Select(i => tokenRows[i].Reference)];
            if (!context.Meter.CanAfford(TensorReads.Cost(a, rowsA.Length) + TensorReads.Cost(b, rowsB.Length)))
            {
                context.BudgetSpent = true;
                return null;
            }

            return new AnchorMatrices(TensorReads.Rows(a, rowsA, context.Meter), TensorReads.Rows(b, rowsB, context.Meter), chosen.Length, (int)a.Tensor.Columns, (int)b.Tensor.Columns);
        }

        // Inputs: axis 0 is the residual stream, the rest are the fixed inputs.
        if (a.Tensor.Transposed || b.Tensor.Transposed || a.Tensor.Shape.Length < 2 || b.Tensor.Shape.Length < 2)
        {
            return null;
        }

        var residualA = (int)a.Tensor.Shape[0];
        var residualB = (int)b.Tensor.Shape[0];
        var inputs = (int)(a.Tensor.Elements / residualA);
        if (inputs < 16 || inputs != b.Tensor.Elements / residualB || !context.Meter.CanAfford(a.Tensor.ByteLength + b.Tensor.ByteLength))
        {
            context.BudgetSpent |= inputs == b.Tensor.Elements / residualB;
            return null;
        }

        return new AnchorMatrices(
            Transpose(TensorReads.All(a, context.Meter), residualA, inputs), Transpose(TensorReads.All(b, context.Meter), residualB, inputs), inputs, residualA, residualB);
    }

    /// <summary>
    /// The Mantel test: the correlation between the two models' anchor similarity matrices (cosine of
    /// mean-centred anchor rows), against the same correlation after relabelling the reference's anchors.
    /// </summary>
    public LineageTest Gram(AnchorMatrices anchors, string what)
    {
        var t = context.Thresholds;
        var g = Math.Min(context.Sampling.GramAnchors, anchors.Rows);
        var ga = Similarities(anchors.A, g, anchors.ColumnsA);
        var gb = Similarities(anchors.B, g, anchors.ColumnsB);
        var upper = g * (g - 1) / 2;
        var x = new float[upper];
        var y = new float[upper];
        for (int i = 0, k = 0; i < g; i++)
        {
            for (var j = i + 1; j < g; j++, k++)
            {
                x[k] = ga[i * g + j];
                y[k] = gb[i * g + j];
            }
        }

        var r = Statistics.Pearson(x, y);
        var nulls = new double[context.Sampling.GramPermutations];
        var random = context.Sampler.Random("mantel:" + what);
        var order = Enumerable.Range(0, g).ToArray();
        for (var p = 0; p < nulls.Length; p++)
        {
            random.Shuffle(order);
            for (int i = 0, k = 0; i < g; i++)
            {
                for (var j = i + 1; j < g; j++, k++)
                {
                    y[k] = gb[order[i] * g + order[j]];
                }
            }

            nulls[p] = Statistics.Pearson(x, y);
        }

        var mean = nulls.Average();
        var sd = Math.Sqrt(nulls.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, nulls.Length - 1));
        var z = sd > 0 ? (r - mean) / sd : 0;
        var p0 = (1 + nulls.Count(v => v >= r)) / (double)(nulls.Length + 1);
        var critical = context.Critical(1);
        var (outcome, key) = r >= t.GramDerived && z >= critical ? (TestOutcome.Derived, "gram-derived")
            : r < t.GramNull && z < critical ? (TestOutcome.Null, "gram-null")
            : (TestOutcome.Weak, "gram-weak");
        return new LineageTest("anchor-gram", outcome,
            context.Policy.Say(key, ("anchors", g.ToString(CultureInfo.InvariantCulture)), ("r", ElementwiseTest.F(r)), ("null_mean", ElementwiseTest.F(mean)),
                ("null_sd", ElementwiseTest.F(sd)), ("threshold", ElementwiseTest.F(t.GramDerived))),
            [
                ElementwiseTest.Figure("anchors", g), ElementwiseTest.Figure("mantel_r", r), ElementwiseTest.Figure("null_mean", mean),
                ElementwiseTest.Figure("null_sd", sd), ElementwiseTest.Figure("z", z), ElementwiseTest.Figure("permutation_p", p0),
                ElementwiseTest.Figure("permutations", nulls.Length),
            ],
            []);
    }

    /// <summary>
    /// Matches sampled residual dimensions (columns of the anchors) of the model with every one of the
    /// reference's; a dimension is matched when its best correlation clears both the floor and what
    /// chance gives over that many candidates.
    /// </summary>
    public (LineageTest Test, ResidualMap? Map) Align(AnchorMatrices anchors)
    {
        var t = context.Thresholds;
        var k = anchors.Rows;
        var columnsA = Columns(anchors.A, k, anchors.ColumnsA);
        var columnsB = Columns(anchors.B, k, anchors.ColumnsB);
        var sampled = context.Sampler.Choose("residual", context.Sampling.ResidualDimensions, anchors.ColumnsA);
        var threshold = Math.Max(t.ColumnMatch, Chance(anchors.ColumnsB, k));
        var pairs = ImmutableArray.CreateBuilder<(int, int, double)>();
        var best = new List<double>();
        foreach (var c in sampled)
        {
            var (j, r) = BestMatch(columnsA, c, columnsB, anchors.ColumnsB, k);
            best.Add(r);
            if (r >= threshold)
            {
                pairs.Add((c, j, r));
            }
        }

        var share = pairs.Count / (double)sampled.Length;
        var inPlace = pairs.Count > 0 && pairs.Count(p => p.Item1 == p.Item2) >= 0.9 * pairs.Count;
        var (outcome, key) = share >= t.MatchedShare ? (TestOutcome.Derived, inPlace ? "alignment-in-place" : "alignment-permuted")
            : share <= t.NullShare ? (TestOutcome.Null, "alignment-null")
            : (TestOutcome.Weak, "alignment-weak");
        var median = Statistics.Median(pairs.Count > 0 ? pairs.Select(p => p.Item3) : best);
        var test = new LineageTest("residual-alignment", outcome,
            context.Policy.Say(key, ("matched", pairs.Count.ToString(CultureInfo.InvariantCulture)), ("sampled", sampled.Length.ToString(CultureInfo.InvariantCulture)),
                ("median", ElementwiseTest.F(median)), ("chance", ElementwiseTest.F(Chance(anchors.ColumnsB, k))), ("threshold", ElementwiseTest.F(threshold))),
            [
                ElementwiseTest.Figure("anchors", k), ElementwiseTest.Figure("sampled", sampled.Length), ElementwiseTest.Figure("matched", pairs.Count),
                ElementwiseTest.Figure("in_place", pairs.Count(p => p.Item1 == p.Item2)), ElementwiseTest.Figure("median_best_r", median),
                ElementwiseTest.Figure("threshold", threshold), ElementwiseTest.Figure("chance_max", Chance(anchors.ColumnsB, k)),
                ElementwiseTest.Figure("model_width", anchors.ColumnsA), ElementwiseTest.Figure("reference_width", anchors.ColumnsB),
            ],
            []);
        return (test, pairs.Count > 0 ? new ResidualMap(pairs.ToImmutable(), inPlace) : null);
    }

    /// <summary>
    /// The correlation chance reaches with probability 1/1000 as the best of <paramref name="candidates"/>
    /// independent correlations over <paramref name="n"/> values.
    /// </summary>
    internal static double Chance(int candidates, int n) => Math.Tanh(Statistics.InverseUpperTail(0.001 / Math.Max(1, candidates)) / Math.Sqrt(Math.Max(1, n - 3)));

    /// <summary>The best-correlated column of <paramref name="columnsB"/> for column <paramref name="c"/> of <paramref name="columnsA"/> (both standardized, column-major).</summary>
    internal static (int Index, double R) BestMatch(float[] columnsA, int c, float[] columnsB, int count, int length)
    {
        var x = columnsA.AsSpan(c * length, length);
        var bestIndex = 0;
        var bestValue = double.NegativeInfinity;
        for (var j = 0; j < count; j++)
        {
            var value = TensorPrimitives.Dot<float>(x, columnsB.AsSpan(j * length, length));
            if (value > bestValue)
            {
                bestValue = value;
                bestIndex = j;
            }
        }

        return (bestIndex, bestValue);
    }

    /// <summary>The columns of a row-major matrix, each standardized (centred, unit norm), column after column.</summary>
    internal static float[] Columns(float[] matrix, int rows, int columns)
    {
        var result = Transpose(matrix, rows, columns);
        for (var c = 0; c < columns; c++)
        {
            Statistics.Standardize(result.AsSpan(c * rows, rows));
        }

        return result;
    }

    /// <summary>The transpose of a row-major matrix.</summary>
    internal static float[] Transpose(float[] matrix, int rows, int columns)
    {
        var result = new float[matrix.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                result[j * rows + i] = matrix[i * columns + j];
            }
        }

        return result;
    }

    /// <summary>The cosine similarities of the first <paramref name="g"/> rows after removing their mean row.</summary>
    private static float[] Similarities(float[] matrix, int g, int columns)
    {
        var rows = new float[g * columns];
        matrix.AsSpan(0, g * columns).CopyTo(rows);
        var mean = new float[columns];
        for (var i = 0; i < g; i++)
        {
            TensorPrimitives.Add(mean, rows.AsSpan(i * columns, columns), mean);
        }

        TensorPrimitives.Divide(mean, g, mean);
        for (var i = 0; i < g; i++)
        {
            var row = rows.AsSpan(i * columns, columns);
            TensorPrimitives.Subtract(row, mean, row);
            var norm = TensorPrimitives.Norm<float>(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }

        var result = new float[g * g];
        for (var i = 0; i < g; i++)
        {
            for (var j = i; j < g; j++)
            {
                var value = TensorPrimitives.Dot<float>(rows.AsSpan(i * columns, columns), rows.AsSpan(j * columns, columns));
                result[i * g + j] = value;
                result[j * g + i] = value;
            }
        }

        return result;
    }
}
