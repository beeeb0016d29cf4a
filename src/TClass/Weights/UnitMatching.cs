using System.Globalization;

namespace TClass.Weights;

/// <summary>
/// Unit matching: in the matrices that write the residual stream (attention output, MLP down
/// projection), each column is a unit — a head dimension or a hidden unit — that a
/// function-preserving permutation may move. Restricted to the residual dimensions the anchors
/// matched, each sampled unit of the model is compared with every unit of the reference; a derived
/// model's units find their counterparts (in place, permuted, or a subset after width pruning), an
/// independent model's units find none beyond chance (after Zhu et al. 2025, who match MLP units
/// between models and test the matching).
/// </summary>
internal sealed class UnitMatching(LineageContext context)
{
    /// <summary>The test over the writer matrices of <paramref name="layerPairs"/>, or null when there is nothing to match.</summary>
    public (LineageTest Test, bool Subset)? Match(
        WeightComponent component, PlacedCheckpoint model, PlacedCheckpoint reference, ResidualMap map, IReadOnlyList<(int Model, int Reference)> layerPairs)
    {
        var t = context.Thresholds;
        var dims = map.Pairs.OrderBy(p => p.Model).ToList();
        if (dims.Count < 16 || layerPairs.Count == 0)
        {
            return null;
        }

        // First, middle and last aligned blocks.
        var chosen = Spread(layerPairs, context.Sampling.UnitLayers);
        int[] rowsA = [.. dims.Select(d => d.Model)];
        int[] rowsB = [.. dims.Select(d => d.Reference)];
        int sampledUnits = 0, matchedUnits = 0, inPlace = 0;
        var subset = false;
        var best = new List<double>();
        var chance = 0.0;
        var matrices = 0;
        var experts = Experts(component, model);
        foreach (var (layerA, layerB) in chosen)
        {
            var writers = model.In(component).Where(w => w.Place.Layer == layerA && w.Place.WritesResidual && w.Comparable && w.Tensor.Shape.Length == 2
                && (w.Place.Expert is null || experts.Contains(w.Place.Expert.Value))).ToList();
            foreach (var a in writers)
            {
                if (reference.At(component, layerB, a.Place.Role) is not { Comparable: true } b || b.Tensor.Shape.Length != 2
                    || rowsA.Max() >= a.Tensor.Rows || rowsB.Max() >= b.Tensor.Rows)
                {
                    continue;
                }

                if (!context.Meter.CanAfford(TensorReads.Cost(a, rowsA.Length) + TensorReads.Cost(b, rowsB.Length)))
                {
                    context.BudgetSpent = true;
                    continue;
                }

                var m = rowsA.Length;
                var unitsA = AnchorTests.Columns(TensorReads.Rows(a, rowsA, context.Meter), m, (int)a.Tensor.Columns);
                var unitsB = AnchorTests.Columns(TensorReads.Rows(b, rowsB, context.Meter), m, (int)b.Tensor.Columns);
                var threshold = Math.Max(t.ColumnMatch, AnchorTests.Chance((int)b.Tensor.Columns, m));
                chance = Math.Max(chance, AnchorTests.Chance((int)b.Tensor.Columns, m));
                subset |= a.Tensor.Columns < b.Tensor.Columns;
                matrices++;
                foreach (var u in context.Sampler.Choose("units:" + a.Place.Role, context.Sampling.UnitsPerMatrix, a.Tensor.Columns))
                {
                    var (v, r) = AnchorTests.BestMatch(unitsA, u, unitsB, (int)b.Tensor.Columns, m);
                    sampledUnits++;
                    best.Add(r);
                    if (r >= threshold)
                    {
                        matchedUnits++;
                        inPlace += u == v ? 1 : 0;
                    }
                }
            }
        }

        if (sampledUnits == 0)
        {
            return null;
        }

        var share = matchedUnits / (double)sampledUnits;
        var arrangement = subset ? "units-subset" : inPlace >= 0.9 * matchedUnits ? "units-in-place" : "units-permuted";
        var (outcome, key) = share >= t.MatchedShare ? (TestOutcome.Derived, "units-derived")
            : share <= t.NullShare ? (TestOutcome.Null, "units-null")
            : (TestOutcome.Weak, "units-weak");
        var arrangementText = context.Policy.Say(arrangement);
        var summary = context.Policy.SayEach(key,
            ("matched", Same(matchedUnits)), ("sampled", Same(sampledUnits)), ("layers", Same(chosen.Count)), ("arrangement", arrangementText),
            ("median", Same(ElementwiseTest.F(Statistics.Median(best)))), ("chance", Same(ElementwiseTest.F(chance))));
        var test = new LineageTest("unit-matching", outcome, summary,
            [
                ElementwiseTest.Figure("blocks", chosen.Count), ElementwiseTest.Figure("matrices", matrices), ElementwiseTest.Figure("residual_dimensions", rowsA.Length),
                ElementwiseTest.Figure("sampled", sampledUnits), ElementwiseTest.Figure("matched", matchedUnits), ElementwiseTest.Figure("in_place", inPlace),
                ElementwiseTest.Figure("median_best_r", Statistics.Median(best)), ElementwiseTest.Figure("chance_max", chance),
            ],
            []);
        return (test, subset && outcome == TestOutcome.Derived);
    }

    /// <summary>The experts compared in each block of <paramref name="component"/>: the same numbers in every block and in both models.</summary>
    public HashSet<int> Experts(WeightComponent component, PlacedCheckpoint model)
    {
        var all = model.In(component).Where(t => t.Place.Expert is not null).Select(t => t.Place.Expert!.Value).Distinct().Order().ToArray();
        return [.. context.Sampler.Choose("experts:" + ComponentMap.Name(component), context.Sampling.ExpertsPerLayer, all.Length).Select(i => all[i])];
    }

    private static Text.LocalizedText Same(object value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return new Text.LocalizedText(text, text);
    }

    private static List<(int Model, int Reference)> Spread(IReadOnlyList<(int Model, int Reference)> pairs, int count)
    {
        if (pairs.Count <= count)
        {
            return [.. pairs];
        }

        return [.. Enumerable.Range(0, count).Select(i => pairs[(int)Math.Round(i * (pairs.Count - 1) / (double)(count - 1))]).Distinct()];
    }
}
