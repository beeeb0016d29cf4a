using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using TClass.Diagnostics;
using TClass.Text;
using TClass.Tokenizers;

namespace TClass.Weights;

/// <summary>The lineage report, or the diagnostics that say why there is none.</summary>
/// <param name="Report">The report, or null when the model or a reference could not be read.</param>
/// <param name="Diagnostics">Every problem found, each naming its file.</param>
public sealed record WeightLineageResult(WeightLineageReport? Report, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Tests whether a model's weights descend from each of the references given: per component
/// (decoder, embeddings, vision, audio, projector, multi-token prediction, other), element by element
/// on aligned blocks, and with tests that survive permutations and rotations of the residual stream
/// and of units. Reads only samples, under a budget, from memory-mapped files; never the whole
/// checkpoint. The thresholds and words come from <c>rules/weights/lineage.yaml</c>, the component
/// patterns from <c>rules/weights/components.yaml</c>.
/// </summary>
public static class WeightLineage
{
    /// <summary>The kinds of derivation, most structural first: the first a comparison shows is its main kind.</summary>
    internal static readonly ImmutableArray<string> KindOrder =
        ["depth-upscaling", "pruning", "merge", "vocabulary-expansion", "component-reuse", "identical", "fine-tune", "continued-pretraining"];

    private static readonly WeightComponent[] Order =
        [WeightComponent.Decoder, WeightComponent.Embeddings, WeightComponent.Vision, WeightComponent.Audio, WeightComponent.Projector, WeightComponent.Mtp, WeightComponent.Other];

    /// <summary>Compares the model in <paramref name="model"/> with each of <paramref name="references"/>.</summary>
    /// <param name="model">The model's folder (or safetensors/ONNX file).</param>
    /// <param name="references">The reference models' folders or files.</param>
    /// <param name="policy">Thresholds and sampling; the built-in policy when null.</param>
    /// <param name="progress">Told, in a few words, which stage the comparison is at (for a status line).</param>
    public static WeightLineageResult Compare(string model, IReadOnlyList<string> references, LineagePolicy? policy = null, IProgress<string>? progress = null) =>
        Compare(model, references, policy, null, progress);

    /// <summary>Compares, telling <paramref name="observer"/> of every read of tensor data (file, offset, length).</summary>
    internal static WeightLineageResult Compare(string model, IReadOnlyList<string> references, LineagePolicy? policy, Action<string, long, int>? observer,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(references);
        policy ??= LineagePolicy.BuiltIn;
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        progress?.Report("reading the tensor index of " + model);
        var opened = WeightCheckpoint.Open(model, observer);
        diagnostics.AddRange(opened.Diagnostics);
        if (opened.Checkpoint is not { } checkpoint)
        {
            return new WeightLineageResult(null, diagnostics.ToImmutable());
        }

        using (checkpoint)
        {
            var map = ComponentMap.BuiltIn;
            var placed = new PlacedCheckpoint(checkpoint, map);
            long scanned;
            try
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"checking {checkpoint.Tensors.Length:N0} tensors of {model} for NaN and infinity"));
                scanned = ScanFinite(placed, policy);
            }
            catch (WeightDataException e)
            {
                diagnostics.Add(e.Diagnostic);
                return new WeightLineageResult(null, diagnostics.ToImmutable());
            }

            var comparisons = ImmutableArray.CreateBuilder<WeightComparison>();
            var runs = new List<(PlacedCheckpoint Reference, ComparisonRun Run)>();
            var failed = false;
            try
            {
                foreach (var (index, referencePath) in references.Index())
                {
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"comparing with {referencePath} ({index + 1}/{references.Count})"));
                    var openedReference = WeightCheckpoint.Open(referencePath, observer);
                    diagnostics.AddRange(openedReference.Diagnostics);
                    if (openedReference.Checkpoint is not { } referenceCheckpoint)
                    {
                        failed = true;
                        continue;
                    }

                    var reference = new PlacedCheckpoint(referenceCheckpoint, map);
                    var run = new ComparisonRun(placed, reference, referencePath, policy);
                    try
                    {
                        var referenceScan = ScanFinite(reference, policy);
                        var comparison = run.Run();
                        comparisons.Add(comparison with { BytesRead = comparison.BytesRead + referenceScan });
                        runs.Add((reference, run));
                    }
                    catch (WeightDataException e)
                    {
                        diagnostics.Add(e.Diagnostic);
                        reference.Checkpoint.Dispose();
                        failed = true;
                    }
                }

                if (failed && comparisons.Count == 0)
                {
                    return new WeightLineageResult(null, diagnostics.ToImmutable());
                }

                Merges(placed, runs, comparisons, policy);
            }
            finally
            {
                runs.ForEach(r => r.Reference.Checkpoint.Dispose());
            }

            var counts = Order.Select(c => KeyValuePair.Create(c, placed.In(c).Count())).Where(c => c.Value > 0).ToImmutableArray();
            var report = new WeightLineageReport(
                model, checkpoint.Format, counts, comparisons.ToImmutable(), NotComparedIn(placed), policy.Sampling.Seed, policy.Sampling.BudgetBytes,
                checkpoint.HeaderBytes + scanned + comparisons.Sum(c => c.BytesRead));
            return new WeightLineageResult(report, diagnostics.ToImmutable());
        }
    }

    /// <summary>
    /// NaN and infinite values are looked for in every value read, and beyond the samples in every
    /// tensor a small checkpoint holds (up to 256 MiB, or an eighth of the budget) or in the small
    /// tensors of a large one (up to 64 MiB, or a thirty-second of the budget).
    /// </summary>
    private static long ScanFinite(PlacedCheckpoint checkpoint, LineagePolicy policy) =>
        checkpoint.Checkpoint.ScanFinite(checkpoint.Tensors.Where(t => t.Comparable).Select(t => t.Tensor),
            Math.Min(256L << 20, policy.Sampling.BudgetBytes / 8), Math.Min(64L << 20, policy.Sampling.BudgetBytes / 32));

    /// <summary>
    /// Two references the decoder descends from may be the parents of a merge: fitted jointly on the
    /// same samples, both comparisons are marked as a merge when together they explain the weights.
    /// </summary>
    private static void Merges(PlacedCheckpoint model, List<(PlacedCheckpoint Reference, ComparisonRun Run)> runs, ImmutableArray<WeightComparison>.Builder comparisons, LineagePolicy policy)
    {
        for (var i = 0; i < runs.Count; i++)
        {
            for (var j = i + 1; j < runs.Count; j++)
            {
                if (comparisons[i][WeightComponent.Decoder]?.Relation != LineageRelation.Derived || comparisons[j][WeightComponent.Decoder]?.Relation != LineageRelation.Derived)
                {
                    continue;
                }

                var pairs = comparisons[i][WeightComponent.Decoder]!.Tests.First(t => t.Test == "elementwise").Tensors;
                var context = new LineageContext(policy, new ReadMeter(Math.Max(0, policy.Sampling.BudgetBytes - comparisons[i].BytesRead)));
                if (MergeFit.Fit(model, runs[i].Reference, runs[j].Reference, pairs, context) is { } fit && MergeFit.IsMerge(fit))
                {
                    var note = MergeFit.Note(policy, comparisons[i].Reference, comparisons[j].Reference, fit);
                    comparisons[i] = MergeFit.Mark(comparisons[i], note) with { BytesRead = comparisons[i].BytesRead + context.Meter.Read };
                    comparisons[j] = MergeFit.Mark(comparisons[j], note);
                }
            }
        }
    }

    internal static ImmutableArray<NotCompared> NotComparedIn(PlacedCheckpoint checkpoint) =>
        [.. checkpoint.Tensors.Where(t => !t.Comparable).Select(t => new NotCompared(t.Name, t.Tensor.DType.Name,
            t.Buffer ? "a fixed buffer (rotary table, mask, position ids), not a learned weight" : t.Tensor.Elements == 0 ? "an empty tensor" : t.Tensor.DType.NotComparedReason))];

    /// <summary>One comparison of the model with one reference.</summary>
    private sealed class ComparisonRun(PlacedCheckpoint model, PlacedCheckpoint reference, string referencePath, LineagePolicy policy)
    {
        private readonly LineageContext _context = new(policy, new ReadMeter(policy.Sampling.BudgetBytes));
        private readonly Dictionary<WeightComponent, (LineageTest Gram, LineageTest Alignment, ResidualMap? Map, int WidthA, int WidthB)> _anchors = [];
        private readonly List<LayerAlignment> _layers = [];
        private readonly Dictionary<WeightComponent, LineageTest> _elementwise = [];
        private readonly HashSet<string> _kinds = [];
        private (FrozenDictionary<string, int> Model, FrozenDictionary<string, int> Reference)? _tokens;

        public WeightComparison Run()
        {
            var tokenRows = TokenRows();
            foreach (var component in Order)
            {
                if (model.Anchor(component) is { } a && a.Place.Component == component && reference.Anchor(component) is { } b)
                {
                    var tests = new AnchorTests(_context);
                    if (tests.Read(a, b, tokenRows) is { } anchors)
                    {
                        var (alignment, map) = tests.Align(anchors);
                        _anchors[component] = (tests.Gram(anchors, ComponentMap.Name(component)), alignment, map, anchors.ColumnsA, anchors.ColumnsB);
                    }
                }
            }

            var components = Order
                .Where(c => model.Components.Contains(c) || reference.Components.Contains(c))
                .Select(c => model.Components.Contains(c) && reference.Components.Contains(c) ? Analyse(c, tokenRows) : Missing(c))
                .ToImmutableArray();
            var relation = Overall(components);
            var kinds = relation == LineageRelation.Derived ? Kinds(components) : [];
            var notes = ImmutableArray.CreateBuilder<LocalizedText>();
            notes.Add(policy.Say("raw-cosine"));
            var notCompared = NotComparedIn(reference);
            var skipped = NotComparedIn(model).Concat(notCompared).ToList();
            if (skipped.Count > 0)
            {
                notes.Add(policy.Say("not-compared", ("count", skipped.Count.ToString(CultureInfo.InvariantCulture)),
                    ("dtypes", string.Join(", ", skipped.Select(s => s.DType).Distinct().Order(StringComparer.Ordinal))), ("reason", skipped[0].Reason)));
            }

            if (_context.Constant.Count > 0)
            {
                notes.Add(policy.Say("constant", ("count", _context.Constant.Count.ToString(CultureInfo.InvariantCulture)),
                    ("tensors", string.Join(", ", _context.Constant.Take(3)) + (_context.Constant.Count > 3 ? ", …" : ""))));
            }

            if (_context.BudgetSpent)
            {
                notes.Add(policy.Say("budget", ("test", "a"), ("budget", ElementwiseTest.Bytes(_context.Meter.Budget))));
            }

            if (kinds.Contains("vocabulary-expansion") && Embedding(model) is { } ea && Embedding(reference) is { } eb)
            {
                var added = _tokens is { } tokens ? TokenIds.Added(tokens.Model, tokens.Reference) : ea.Tensor.Rows - eb.Tensor.Rows;
                notes.Add(policy.Say("vocabulary-expanded", ("reference_rows", eb.Tensor.Rows.ToString("N0", CultureInfo.InvariantCulture)),
                    ("added", added.ToString("N0", CultureInfo.InvariantCulture))));
            }

            if (kinds.Contains("merge") && _elementwise.TryGetValue(WeightComponent.Decoder, out var decoderTest))
            {
                var slopes = decoderTest.Tensors.Select(t => t.Slope).ToList();
                notes.Add(policy.Say("merge-slope", ("slope", ElementwiseTest.F(Statistics.Median(slopes))),
                    ("spread", ElementwiseTest.F(Statistics.Quantile(slopes, 0.75) - Statistics.Quantile(slopes, 0.25)))));
            }

            var summary = Summary(relation, components);
            return new WeightComparison(
                referencePath, reference.Checkpoint.Format, relation, kinds.FirstOrDefault(), kinds, summary, components, [.. _layers], notes.ToImmutable(),
                notCompared, reference.Checkpoint.HeaderBytes + _context.Meter.Read);
        }

        private ComponentLineage Missing(WeightComponent component) => new(
            component, LineageRelation.Inconclusive, policy.Say("missing-component"), model.In(component).Count(), reference.In(component).Count(), []);

        private ComponentLineage Analyse(WeightComponent component, IReadOnlyList<(int Model, int Reference)> tokenRows)
        {
            var tests = new List<LineageTest>();
            var layerPairs = LayerPairs(component);
            var elementwise = new ElementwiseTest(_context);
            var experts = new UnitMatching(_context).Experts(component, model);
            var pairs = new List<TensorComparison>();
            var candidates = 0;
            foreach (var a in model.In(component).Where(t => t.Comparable))
            {
                if (a.Place.Expert is { } e && !experts.Contains(e))
                {
                    continue;
                }

                IEnumerable<PlacedTensor?> counterparts = a.Place.Layer is { } layer
                    ? layerPairs.Where(p => p.Model == layer).Select(p => reference.At(component, p.Reference, a.Place.Role, a.Place.Expert))
                    : [reference.ByKey(a.Place.Key)];
                foreach (var b in counterparts.OfType<PlacedTensor>())
                {
                    candidates++;
                    var tokenIndexed = a.Place.Anchor == AnchorRows.Tokens && b.Place.Anchor == AnchorRows.Tokens;
                    if (elementwise.Compare(a, b, tokenIndexed ? tokenRows : null) is { } comparison)
                    {
                        pairs.Add(comparison);
                    }
                }
            }

            var elementwiseTest = elementwise.Judge(pairs, Math.Max(1, candidates));
            _elementwise[component] = elementwiseTest;
            tests.Add(elementwiseTest);
            if (_anchors.TryGetValue(component, out var own))
            {
                tests.Add(own.Gram);
                tests.Add(own.Alignment);
            }

            var served = Served(component);
            LineageTest? units = null;
            if (served is { Map: { } map } && component is WeightComponent.Decoder or WeightComponent.Mtp or WeightComponent.Vision or WeightComponent.Audio
                && (elementwiseTest.Outcome != TestOutcome.Derived || WidthsDiffer(component)))
            {
                var unitPairs = layerPairs.Count > 0 ? layerPairs : [];
                if (new UnitMatching(_context).Match(component, model, reference, map, unitPairs) is { } matched)
                {
                    units = matched.Test;
                    tests.Add(units);
                    if (matched.Subset)
                    {
                        _kinds.Add("pruning");
                    }
                }
            }

            return Verdict(component, [.. tests], elementwiseTest, units, served);
        }

        private ComponentLineage Verdict(
            WeightComponent component, ImmutableArray<LineageTest> tests, LineageTest elementwise, LineageTest? units,
            (LineageTest Gram, LineageTest Alignment, ResidualMap? Map, int WidthA, int WidthB)? served)
        {
            var countA = model.In(component).Count();
            var countB = reference.In(component).Count();
            if (tests.FirstOrDefault(t => t.Outcome == TestOutcome.Derived) is { } derived)
            {
                return new ComponentLineage(component, LineageRelation.Derived, derived.Summary, countA, countB, tests);
            }

            // Independent: at the null in place, and no permutation could hide a correspondence.
            var permutationChecked = component switch
            {
                WeightComponent.Embeddings => served is { } own && own.Gram.Outcome == TestOutcome.Null && own.Alignment.Outcome == TestOutcome.Null,
                WeightComponent.Decoder or WeightComponent.Mtp or WeightComponent.Vision or WeightComponent.Audio =>
                    units?.Outcome == TestOutcome.Null || served?.Alignment.Outcome == TestOutcome.Null,
                _ => !_anchors.Values.Any(a => a.Alignment.Outcome == TestOutcome.Derived && a.Map is { InPlace: false }),
            };
            var weak = tests.FirstOrDefault(t => t.Outcome == TestOutcome.Weak);
            if (elementwise.Outcome == TestOutcome.Null && permutationChecked && weak is null)
            {
                var reason = units is not null ? Join(elementwise.Summary, units.Summary)
                    : served is { } s && component != WeightComponent.Embeddings ? Join(elementwise.Summary, s.Alignment.Summary)
                    : component == WeightComponent.Embeddings && served is { } e ? Join(elementwise.Summary, e.Gram.Summary)
                    : elementwise.Summary;
                return new ComponentLineage(component, LineageRelation.Independent, reason, countA, countB, tests);
            }

            var why = weak ?? tests.FirstOrDefault(t => t.Outcome == TestOutcome.NotApplicable) ?? elementwise;
            var text = why == elementwise && elementwise.Outcome == TestOutcome.Null
                ? Join(elementwise.Summary, new LocalizedText(
                    "No test that survives permutations could run, so a permuted copy is not ruled out.",
                    "치환에도 남는 검정을 실행할 수 없어, 순서를 바꾼 복사본일 가능성을 배제하지 못합니다."))
                : why.Summary;
            return new ComponentLineage(component, LineageRelation.Inconclusive, text, countA, countB, tests);
        }

        /// <summary>The anchor tests of the residual stream <paramref name="component"/> lives in.</summary>
        private (LineageTest Gram, LineageTest Alignment, ResidualMap? Map, int WidthA, int WidthB)? Served(WeightComponent component)
        {
            foreach (var (owner, anchors) in _anchors)
            {
                if (owner == component || model.Anchor(owner) is { } anchor && anchor.Place.Serves.Contains(component))
                {
                    return anchors;
                }
            }

            return null;
        }

        private bool WidthsDiffer(WeightComponent component) =>
            model.In(component).Where(t => t.Place.WritesResidual && t.Place.Layer is not null).Any(a =>
                reference.In(component).FirstOrDefault(b => b.Place.Role == a.Place.Role && b.Place.Layer == a.Place.Layer) is { } b
                && !a.Tensor.Shape.SequenceEqual(b.Tensor.Shape));

        /// <summary>The block pairs the comparison uses: the alignment's matches, or block for block when nothing aligns.</summary>
        private List<(int Model, int Reference)> LayerPairs(WeightComponent component)
        {
            var layersA = model.Layers(component);
            var layersB = reference.Layers(component);
            if (layersA.IsEmpty || layersB.IsEmpty)
            {
                return [];
            }

            if (new BlockAlignment(_context).Align(component, model, reference) is { } aligned)
            {
                _layers.Add(aligned);
                var (duplicated, removed, inserted) = BlockAlignment.Shape(aligned, layersB);
                if (!duplicated.IsEmpty || !inserted.IsEmpty && layersA.Length > layersB.Length)
                {
                    _kinds.Add("depth-upscaling");
                }
                else if (!removed.IsEmpty && layersA.Length < layersB.Length)
                {
                    _kinds.Add("pruning");
                }

                var matched = aligned.Pairs.Where(p => p.Reference is not null).Select(p => (p.Model, p.Reference!.Value)).ToList();
                if (matched.Count > 0)
                {
                    return matched;
                }
            }

            return [.. layersA.Intersect(layersB).Select(l => (l, l))];
        }

        /// <summary>
        /// Rows of the token embeddings that hold the same token in both models: by token string when
        /// both folders have a tokenizer (tokenizer.json or vocab.txt), else by index over the shorter
        /// vocabulary.
        /// </summary>
        private List<(int Model, int Reference)> TokenRows()
        {
            var rowsA = Embedding(model)?.Tensor.Rows ?? 0;
            var rowsB = Embedding(reference)?.Tensor.Rows ?? 0;
            if (TokenIdsOf(model) is { } a && TokenIdsOf(reference) is { } b)
            {
                List<(int, int)> shared = [.. a.Where(t => t.Value < rowsA && b.TryGetValue(t.Key, out var id) && id < rowsB)
                    .Select(t => (t.Value, b[t.Key])).OrderBy(p => p.Item1).ThenBy(p => p.Item2)];
                if (shared.Count >= 16)
                {
                    _tokens = (a, b);
                    return shared;
                }
            }

            var rows = Math.Min(rowsA, rowsB);
            return [.. Enumerable.Range(0, (int)Math.Min(rows, int.MaxValue)).Select(i => (i, i))];
        }

        private static FrozenDictionary<string, int>? TokenIdsOf(PlacedCheckpoint checkpoint) =>
            Directory.Exists(checkpoint.Checkpoint.Folder) ? TokenIds.Read(checkpoint.Checkpoint.Folder) : null;

        private static PlacedTensor? Embedding(PlacedCheckpoint checkpoint) =>
            checkpoint.Tensors.Where(t => t.Place.Anchor == AnchorRows.Tokens && t.Comparable).OrderBy(t => t.Place.Key.Contains("lm_head", StringComparison.Ordinal) ? 1 : 0)
                .ThenBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault();

        private static LineageRelation Overall(ImmutableArray<ComponentLineage> components)
        {
            var both = components.Where(c => c.ModelTensors > 0 && c.ReferenceTensors > 0).ToList();
            if (both.Any(c => c.Relation == LineageRelation.Derived))
            {
                return LineageRelation.Derived;
            }

            if (both.Count == 0 || both.Any(c => c.Tests.Any(t => t.Outcome == TestOutcome.Weak)))
            {
                return LineageRelation.Inconclusive;
            }

            var main = both.FirstOrDefault(c => c.Component == WeightComponent.Decoder) ?? both.FirstOrDefault(c => c.Component != WeightComponent.Other) ?? both[0];
            return main.Relation == LineageRelation.Independent && both.All(c => c.Relation != LineageRelation.Derived)
                ? LineageRelation.Independent : LineageRelation.Inconclusive;
        }

        private ImmutableArray<string> Kinds(ImmutableArray<ComponentLineage> components)
        {
            var t = policy.Thresholds;
            var decoder = components.FirstOrDefault(c => c.Component == WeightComponent.Decoder);
            var decoderDerived = decoder?.Relation == LineageRelation.Derived;
            if (_anchors.TryGetValue(WeightComponent.Embeddings, out var text) && text.Alignment.Outcome == TestOutcome.Derived && text.WidthA < text.WidthB)
            {
                _kinds.Add("pruning");
            }

            var grown = Embedding(model) is { } ea && Embedding(reference) is { } eb && ea.Tensor.Rows > eb.Tensor.Rows
                && (_tokens is not { } tokens || TokenIds.Added(tokens.Model, tokens.Reference) > 0);
            if (grown && components.Any(c => c.Component == WeightComponent.Embeddings && c.Relation == LineageRelation.Derived))
            {
                _kinds.Add("vocabulary-expansion");
            }

            var decoderPairs = _elementwise.TryGetValue(WeightComponent.Decoder, out var d) ? d.Tensors.Where(p => p.Elements >= 64 && p.Shape.Contains(',', StringComparison.Ordinal)).ToList() : [];
            if (decoderDerived && decoderPairs.Count >= 4)
            {
                var slopes = decoderPairs.Select(p => p.Slope).ToList();
                var median = Statistics.Median(slopes);
                if (median <= t.MergeSlope && median > 0.1 && Statistics.Quantile(slopes, 0.75) - Statistics.Quantile(slopes, 0.25) <= t.MergeSpread)
                {
                    _kinds.Add("merge");
                }
            }

            if (decoder is not null && !decoderDerived && components.Any(c => c.Relation == LineageRelation.Derived))
            {
                _kinds.Add("component-reuse");
            }

            if (decoderDerived && !_kinds.Contains("merge"))
            {
                var all = _elementwise.Values.SelectMany(e => e.Tensors).ToList();
                var units = decoder!.Tests.FirstOrDefault(x => x.Test == "unit-matching" && x.Outcome == TestOutcome.Derived);
                var median = d?.Outcome == TestOutcome.Derived ? Statistics.Median(decoderPairs.Count > 0 ? decoderPairs.Select(p => p.Pearson) : d.Tensors.Select(p => p.Pearson))
                    : units is not null ? units.Figures.First(f => f.Key == "median_best_r").Value : 0;
                if (all.Count > 0 && all.All(p => p.RelativeDifference <= t.Identical) && _kinds.Count == 0
                    && model.Tensors.Length == reference.Tensors.Length)
                {
                    _kinds.Add("identical");
                }
                else
                {
                    _kinds.Add(median >= t.FineTune ? "fine-tune" : "continued-pretraining");
                }
            }

            return [.. KindOrder.Where(_kinds.Contains)];
        }

        private LocalizedText Summary(LineageRelation relation, ImmutableArray<ComponentLineage> components)
        {
            var name = new LocalizedText(referencePath, referencePath);
            LocalizedText List(IEnumerable<ComponentLineage> items) => new(
                string.Join("; ", items.Select(c => policy.Label("components", ComponentMap.Name(c.Component)).En + " — " + policy.Label("relations", Word(c.Relation)).En)),
                string.Join("; ", items.Select(c => policy.Label("components", ComponentMap.Name(c.Component)).Ko + " — " + policy.Label("relations", Word(c.Relation)).Ko)));
            return relation switch
            {
                LineageRelation.Derived => policy.SayEach("derived-overall", ("reference", name), ("components", List(components.Where(c => c.Relation == LineageRelation.Derived)))),
                LineageRelation.Independent => policy.SayEach("independent-overall", ("reference", name)),
                _ => policy.SayEach("inconclusive-overall", ("reference", name), ("components", List(components.Where(c => c.Relation != LineageRelation.Independent)))),
            };
        }

        private static LocalizedText Join(LocalizedText first, LocalizedText second) => new(first.En + " " + second.En, first.Ko + " " + second.Ko);
    }

    /// <summary>The word for a relation as reports and JSON write it.</summary>
    public static string Word(LineageRelation relation) => relation switch
    {
        LineageRelation.Derived => "derived",
        LineageRelation.Independent => "independent",
        _ => "inconclusive",
    };

    /// <summary>The word for a test outcome as reports and JSON write it.</summary>
    public static string Word(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Derived => "derived",
        TestOutcome.Null => "null",
        TestOutcome.Weak => "weak",
        _ => "not-applicable",
    };
}
