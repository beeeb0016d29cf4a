using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;

namespace TClass.Weights;

/// <summary>
/// A merge of two references: on the same sampled rows of the decoder, the model's weights fitted
/// as a·B + c·C by least squares. When both references contribute (a, c ≥ 0.1) and together explain
/// the weights far better than either alone, the model is their merge — the usual case of two
/// fine-tunes of one base interpolated (SLERP, TIES, DARE), which against either parent alone looks
/// like a fine-tune.
/// </summary>
internal static class MergeFit
{
    private const double LeastShare = 0.1;
    private const double JointFit = 0.95;

    /// <summary>The fit, or null when there is nothing to fit.</summary>
    public static (double R2, double SingleR2, double A, double C)? Fit(
        PlacedCheckpoint model, PlacedCheckpoint first, PlacedCheckpoint second, IReadOnlyList<TensorComparison> pairs, LineageContext context)
    {
        var fits = new List<(double R2, double Single, double A, double C)>();
        foreach (var pair in pairs.Where(p => p.Elements > 256).Take(24))
        {
            if (model.Checkpoint.Find(pair.Tensor) is not { } t || first.Checkpoint.Find(pair.Reference) is null || second.Checkpoint.Find(pair.Reference) is null)
            {
                continue;
            }

            var a = model.Tensors.First(x => x.Name == pair.Tensor);
            var b = first.Tensors.First(x => x.Name == pair.Reference);
            var c = second.Tensors.First(x => x.Name == pair.Reference);
            if (!a.Tensor.Shape.SequenceEqual(b.Tensor.Shape) || !a.Tensor.Shape.SequenceEqual(c.Tensor.Shape))
            {
                continue;
            }

            var rows = context.Sampler.Choose("rows:" + a.Place.Role, (int)Math.Clamp(context.Sampling.ElementsPerTensor / Math.Max(1, t.Columns), 1, t.Rows), t.Rows);
            if (!context.Meter.CanAfford(TensorReads.Cost(a, rows.Length) + TensorReads.Cost(b, rows.Length) + TensorReads.Cost(c, rows.Length)))
            {
                break;
            }

            var y = Statistics.Centred(TensorReads.Rows(a, rows, context.Meter));
            var x1 = Statistics.Centred(TensorReads.Rows(b, rows, context.Meter));
            var x2 = Statistics.Centred(TensorReads.Rows(c, rows, context.Meter));
            double s11 = TensorPrimitives.Dot<float>(x1, x1), s22 = TensorPrimitives.Dot<float>(x2, x2), s12 = TensorPrimitives.Dot<float>(x1, x2);
            double s1y = TensorPrimitives.Dot<float>(x1, y), s2y = TensorPrimitives.Dot<float>(x2, y), syy = TensorPrimitives.Dot<float>(y, y);
            var determinant = s11 * s22 - s12 * s12;
            if (determinant <= 1e-12 * s11 * s22 || syy <= 0)
            {
                continue;
            }

            var wa = (s22 * s1y - s12 * s2y) / determinant;
            var wc = (s11 * s2y - s12 * s1y) / determinant;
            var residual = syy - wa * s1y - wc * s2y;
            var single = Math.Max(s1y * s1y / (s11 * syy), s2y * s2y / (s22 * syy));
            fits.Add((1 - residual / syy, single, wa, wc));
        }

        return fits.Count == 0 ? null
            : (Statistics.Median(fits.Select(f => f.R2)), Statistics.Median(fits.Select(f => f.Single)), Statistics.Median(fits.Select(f => f.A)), Statistics.Median(fits.Select(f => f.C)));
    }

    /// <summary>Whether the fit says the model is a merge of the two references.</summary>
    public static bool IsMerge((double R2, double SingleR2, double A, double C) fit) =>
        fit.R2 >= JointFit && fit.A >= LeastShare && fit.C >= LeastShare && 1 - fit.R2 <= 0.5 * (1 - fit.SingleR2);

    /// <summary>The note that says so.</summary>
    public static Text.LocalizedText Note(LineagePolicy policy, string first, string second, (double R2, double SingleR2, double A, double C) fit) =>
        policy.Say("merge-joint", ("references", first + " + " + second), ("r2", fit.R2.ToString("0.000", CultureInfo.InvariantCulture)),
            ("weights", fit.A.ToString("0.00", CultureInfo.InvariantCulture) + " / " + fit.C.ToString("0.00", CultureInfo.InvariantCulture)));

    /// <summary>The comparison marked as a merge, with the note.</summary>
    public static WeightComparison Mark(WeightComparison comparison, Text.LocalizedText note)
    {
        var kinds = WeightLineage.KindOrder.Where(k => k == "merge" || comparison.Kinds.Contains(k) && k is not ("fine-tune" or "continued-pretraining" or "identical")).ToImmutableArray();
        return comparison with { Kind = kinds[0], Kinds = kinds, Notes = comparison.Notes.Add(note) };
    }
}
