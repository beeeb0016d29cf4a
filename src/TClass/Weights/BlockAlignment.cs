using System.Collections.Immutable;
using System.Globalization;
using TClass.Text;

namespace TClass.Weights;

/// <summary>
/// Which block of the reference each block of the model is: every block of the model compared with
/// every block of the reference on a few roles (the same sampled rows of the same tensors), the best
/// match kept when it clears the lineage floor and the critical z. The mapping shows depth
/// up-scaling (a reference block used twice), pruning (reference blocks missing) and inserted blocks.
/// The within-model cross-block correlation is the baseline: how alike two different blocks of one
/// network are.
/// </summary>
internal sealed class BlockAlignment(LineageContext context)
{
    /// <summary>The alignment, or null when the component has no blocks in one of the models or no role to compare.</summary>
    public LayerAlignment? Align(WeightComponent component, PlacedCheckpoint model, PlacedCheckpoint reference)
    {
        var layersA = model.Layers(component);
        var layersB = reference.Layers(component);
        if (layersA.IsEmpty || layersB.IsEmpty)
        {
            return null;
        }

        // Roles present in every block of both, of one shape, not experts: the blocks' common skeleton.
        var roles = model.In(component)
            .Where(t => t.Place.Layer is not null && t.Place.Expert is null && t.Comparable)
            .GroupBy(t => t.Place.Role, StringComparer.Ordinal)
            .Where(g => layersA.All(l => model.At(component, l, g.Key) is { Comparable: true } a && a.Tensor.Shape.SequenceEqual(g.First().Tensor.Shape))
                && layersB.All(l => reference.At(component, l, g.Key) is { Comparable: true } b && b.Tensor.Shape.SequenceEqual(g.First().Tensor.Shape)))
            .Select(g => g.First())
            .OrderByDescending(t => t.Tensor.Elements > t.Tensor.Columns ? 1 : 0)
            .ThenBy(t => context.Sampler.Hash("role:" + t.Place.Role, 0))
            .Take(context.Sampling.AlignmentRoles)
            .ToList();
        if (roles.Count == 0)
        {
            return null;
        }

        var perRole = Math.Max(256, context.Sampling.ElementsPerTensor / roles.Count);
        var rowsOf = roles.ToDictionary(r => r.Place.Role,
            r => context.Sampler.Choose("align:" + r.Place.Role, (int)Math.Clamp(perRole / Math.Max(1, r.Tensor.Columns), 1, r.Tensor.Rows), r.Tensor.Rows), StringComparer.Ordinal);
        var cost = roles.Sum(r => TensorReads.Cost(r, rowsOf[r.Place.Role].Length)) * (layersA.Length + layersB.Length);
        if (!context.Meter.CanAfford(cost))
        {
            context.BudgetSpent = true;
            return null;
        }

        float[][] Sample(PlacedCheckpoint checkpoint, int layer) => [.. roles.Select(r =>
        {
            var values = TensorReads.Rows(checkpoint.At(component, layer, r.Place.Role)!, rowsOf[r.Place.Role], context.Meter);
            Statistics.Standardize(values);
            return values;
        })];

        var a = layersA.Select(l => Sample(model, l)).ToArray();
        var b = layersB.Select(l => Sample(reference, l)).ToArray();
        double Similarity(float[][] x, float[][] y) => x.Zip(y, (u, v) => (double)System.Numerics.Tensors.TensorPrimitives.Dot<float>(u, v)).Average();

        var n = (long)roles.Sum(r => rowsOf[r.Place.Role].Length * r.Tensor.Columns);
        var critical = context.Critical(layersA.Length * layersB.Length);
        var t = context.Thresholds;
        var pairs = ImmutableArray.CreateBuilder<(int, int?, double)>();
        var cross = new List<double>();
        for (var i = 0; i < a.Length; i++)
        {
            var scores = b.Select(y => Similarity(a[i], y)).ToArray();
            var best = Array.IndexOf(scores, scores.Max());
            var matched = scores[best] >= t.LayerMatch && Statistics.Z(scores[best], n) >= critical;
            pairs.Add((layersA[i], matched ? layersB[best] : null, scores[best]));
            cross.AddRange(scores.Where((_, j) => j != best));
        }

        var within = new List<double>();
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = i + 1; j < a.Length; j++)
            {
                within.Add(Similarity(a[i], a[j]));
            }
        }

        return new LayerAlignment(component, layersA.Length, layersB.Length, pairs.ToImmutable(), Describe(component, pairs.ToImmutable(), layersA, layersB),
            Statistics.Median(within), Statistics.Median(cross));
    }

    /// <summary>The blocks of the reference used twice, missing, and the model's blocks with no counterpart.</summary>
    public static (ImmutableArray<int> Duplicated, ImmutableArray<int> Removed, ImmutableArray<int> Inserted) Shape(LayerAlignment alignment, ImmutableArray<int> referenceLayers)
    {
        var used = alignment.Pairs.Where(p => p.Reference is not null).GroupBy(p => p.Reference!.Value).ToDictionary(g => g.Key, g => g.Count());
        return (
            [.. used.Where(u => u.Value > 1).Select(u => u.Key).Order()],
            used.Count == 0 ? [] : [.. referenceLayers.Where(l => !used.ContainsKey(l))],
            used.Count == 0 ? [] : [.. alignment.Pairs.Where(p => p.Reference is null).Select(p => p.Model)]);
    }

    private LocalizedText Describe(WeightComponent component, ImmutableArray<(int Model, int? Reference, double R)> pairs, ImmutableArray<int> layersA, ImmutableArray<int> layersB)
    {
        var policy = context.Policy;
        var alignment = new LayerAlignment(WeightComponent.Decoder, layersA.Length, layersB.Length, pairs, new LocalizedText("", ""), 0, 0);
        var (duplicated, removed, inserted) = Shape(alignment, layersB);
        var parts = new List<LocalizedText>();
        if (pairs.All(p => p.Reference is null))
        {
            parts.Add(policy.Say("layers-none"));
        }
        else if (duplicated.IsEmpty && removed.IsEmpty && inserted.IsEmpty && pairs.All(p => p.Reference == p.Model))
        {
            parts.Add(policy.Say("layers-in-place"));
        }
        else
        {
            if (!duplicated.IsEmpty)
            {
                parts.Add(policy.Say("layers-duplicated", ("blocks", Ranges(duplicated))));
            }

            if (!removed.IsEmpty)
            {
                parts.Add(policy.Say("layers-removed", ("blocks", Ranges(removed))));
            }

            if (!inserted.IsEmpty)
            {
                parts.Add(policy.Say("layers-inserted", ("blocks", Ranges(inserted))));
            }

            if (parts.Count == 0)
            {
                parts.Add(new LocalizedText(
                    "blocks map " + string.Join(", ", pairs.Select(p => $"{p.Model}→{p.Reference}")),
                    "블록 대응 " + string.Join(", ", pairs.Select(p => $"{p.Model}→{p.Reference}"))));
            }
        }

        var mapping = new LocalizedText(string.Join("; ", parts.Select(p => p.En)), string.Join("; ", parts.Select(p => p.Ko)));
        return policy.SayEach("layers", ("component", policy.Label("components", ComponentMap.Name(component))), ("model_layers", Same(layersA.Length)), ("reference_layers", Same(layersB.Length)), ("mapping", mapping));
    }

    private static LocalizedText Same(int value) => new(value.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Block numbers written as ranges: <c>8–23, 30</c>.</summary>
    internal static string Ranges(IEnumerable<int> numbers)
    {
        var list = numbers.Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < list.Count;)
        {
            var j = i;
            while (j + 1 < list.Count && list[j + 1] == list[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? list[i].ToString(CultureInfo.InvariantCulture) : $"{list[i]}–{list[j]}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }
}
