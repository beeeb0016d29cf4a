using System.Globalization;
using System.Text;
using System.Text.Json;
using TClass.Text;
using TClass.Weights;

namespace TClass.Reports;

/// <summary>
/// Renders a weight-lineage report as text, Markdown or JSON. The text a journalist reads: one verdict
/// line per component, then the numbers, then the controls. Layout words come from
/// <c>rules/i18n/reports.yaml</c>, verdicts and reasons from <c>rules/weights/lineage.yaml</c>.
/// </summary>
public static class WeightsReport
{
    private const int LabelWidth = 13;

    /// <summary>The report as terminal text.</summary>
    public static string Text(WeightLineageReport report, Language language = Language.English, int width = 100)
    {
        ArgumentNullException.ThrowIfNull(report);
        string L(string key) => ReportText.Get(key, language);
        var policy = LineagePolicy.BuiltIn;
        var text = new StringBuilder();
        text.Append(report.Model).Append(" (").Append(report.ModelFormat).Append(", ")
            .Append(Placeholders.Fill(L("w.tensors"), ("count", Count(report.ModelTensors.Sum(c => c.Value))))).Append(")\n");
        foreach (var comparison in report.Comparisons)
        {
            text.Append('\n');
            Field(text, L("w.against"), comparison.Reference + " (" + comparison.ReferenceFormat + ")");
            Field(text, L("w.verdict"), Verdict(comparison, language) + "\n" + TextReport.Wrap(comparison.Summary.In(language), width - LabelWidth - 2));
            var componentWidth = comparison.Components.Max(c => TextReport.DisplayWidth(policy.Label("components", ComponentMap.Name(c.Component)).In(language)));
            foreach (var component in comparison.Components)
            {
                var name = policy.Label("components", ComponentMap.Name(component.Component)).In(language);
                var relation = policy.Label("relations", WeightLineage.Word(component.Relation)).In(language);
                var lead = "  " + name + new string(' ', componentWidth - TextReport.DisplayWidth(name) + 2) + relation;
                var indent = Math.Min(TextReport.DisplayWidth(lead) + 2, width / 2);
                text.Append(lead).Append(new string(' ', Math.Max(2, indent - TextReport.DisplayWidth(lead))));
                text.Append(TextReport.Wrap(component.Reason.In(language), width - indent).Replace("\n", "\n" + new string(' ', indent), StringComparison.Ordinal)).Append('\n');
            }

            foreach (var layers in comparison.Layers)
            {
                Field(text, L("w.blocks"), TextReport.Wrap(layers.Description.In(language), width - LabelWidth - 2));
            }

            text.Append("  ").Append(L("w.numbers")).Append('\n');
            var rows = new List<string[]> { new[] { L("w.test"), L("w.component"), L("w.outcome"), L("w.statistic") } };
            foreach (var component in comparison.Components)
            {
                foreach (var test in component.Tests)
                {
                    rows.Add([policy.Label("tests", test.Test).In(language), policy.Label("components", ComponentMap.Name(component.Component)).In(language),
                        policy.Label("outcomes", WeightLineage.Word(test.Outcome)).In(language), Statistic(test, language)]);
                }
            }

            Table(text, rows, width);
            text.Append("  ").Append(L("w.controls")).Append('\n');
            foreach (var line in Controls(comparison, language))
            {
                text.Append("    ").Append(TextReport.Wrap(line, width - 6).Replace("\n", "\n      ", StringComparison.Ordinal)).Append('\n');
            }

            if (comparison.Notes.Length > 1)
            {
                text.Append("  ").Append(L("w.notes")).Append('\n');
                foreach (var note in comparison.Notes.Skip(1))
                {
                    text.Append("    ").Append(TextReport.Wrap(note.In(language), width - 6).Replace("\n", "\n      ", StringComparison.Ordinal)).Append('\n');
                }
            }
        }

        text.Append('\n');
        Field(text, L("w.read"), Placeholders.Fill(L("w.read-value"), ("read", Bytes(report.BytesRead)), ("budget", Bytes(report.BudgetBytes)),
            ("seed", report.Seed.ToString(CultureInfo.InvariantCulture))));
        Field(text, L("tok.rules"), L("w.rules"));
        return text.ToString();
    }

    /// <summary>The report as a Markdown section.</summary>
    public static string Markdown(WeightLineageReport report, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(report);
        string L(string key) => ReportText.Get(key, language);
        var policy = LineagePolicy.BuiltIn;
        var text = new StringBuilder();
        text.Append("## ").Append(L("w.title")).Append(": `").Append(report.Model).Append("`\n\n");
        text.Append("- **").Append(L("w.model")).Append("**: ").Append(report.ModelFormat).Append(", ")
            .Append(Placeholders.Fill(L("w.tensors"), ("count", Count(report.ModelTensors.Sum(c => c.Value))))).Append('\n');
        text.Append("- **").Append(L("w.read")).Append("**: ").Append(Placeholders.Fill(L("w.read-value"), ("read", Bytes(report.BytesRead)),
            ("budget", Bytes(report.BudgetBytes)), ("seed", report.Seed.ToString(CultureInfo.InvariantCulture)))).Append("\n\n");
        foreach (var comparison in report.Comparisons)
        {
            text.Append("### ").Append(L("w.against")).Append(" `").Append(comparison.Reference).Append("`: **").Append(Verdict(comparison, language)).Append("**\n\n");
            text.Append(comparison.Summary.In(language)).Append("\n\n");
            text.Append("| ").Append(L("w.component")).Append(" | ").Append(L("w.verdict")).Append(" | ").Append(L("because")).Append(" |\n|---|---|---|\n");
            foreach (var component in comparison.Components)
            {
                text.Append("| ").Append(policy.Label("components", ComponentMap.Name(component.Component)).In(language)).Append(" | ")
                    .Append(policy.Label("relations", WeightLineage.Word(component.Relation)).In(language)).Append(" | ")
                    .Append(component.Reason.In(language).Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }

            text.Append('\n');
            foreach (var layers in comparison.Layers)
            {
                text.Append("- **").Append(L("w.blocks")).Append("**: ").Append(layers.Description.In(language)).Append('\n');
            }

            text.Append("\n| ").Append(L("w.test")).Append(" | ").Append(L("w.component")).Append(" | ").Append(L("w.outcome")).Append(" | ").Append(L("w.statistic"))
                .Append(" |\n|---|---|---|---|\n");
            foreach (var component in comparison.Components)
            {
                foreach (var test in component.Tests)
                {
                    text.Append("| ").Append(policy.Label("tests", test.Test).In(language)).Append(" | ").Append(policy.Label("components", ComponentMap.Name(component.Component)).In(language)).Append(" | ")
                        .Append(policy.Label("outcomes", WeightLineage.Word(test.Outcome)).In(language)).Append(" | ").Append(Statistic(test, language)).Append(" |\n");
                }
            }

            text.Append("\n**").Append(L("w.controls")).Append("**\n\n");
            foreach (var line in Controls(comparison, language))
            {
                text.Append("- ").Append(line).Append('\n');
            }

            foreach (var note in comparison.Notes.Skip(1))
            {
                text.Append("- ").Append(note.In(language)).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(L("w.rules")).Append('\n');
        return text.ToString();
    }

    /// <summary>The report as indented JSON (the contract in docs/weights.md).</summary>
    public static string Json(WeightLineageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonReport.Indent(w => Write(w, report)) + "\n";
    }

    private static void Write(Utf8JsonWriter w, WeightLineageReport report)
    {
        var policy = LineagePolicy.BuiltIn;
        w.WriteStartObject();
        w.WriteString("model", report.Model);
        w.WriteString("format", report.ModelFormat);
        w.WriteStartObject("tensors");
        foreach (var (component, count) in report.ModelTensors)
        {
            w.WriteNumber(ComponentMap.Name(component), count);
        }

        w.WriteEndObject();
        w.WriteStartArray("comparisons");
        foreach (var c in report.Comparisons)
        {
            w.WriteStartObject();
            w.WriteString("reference", c.Reference);
            w.WriteString("reference_format", c.ReferenceFormat);
            w.WriteString("relation", WeightLineage.Word(c.Relation));
            if (c.Kind is { } kind)
            {
                w.WriteString("kind", kind);
            }
            else
            {
                w.WriteNull("kind");
            }

            w.WriteStartArray("kinds");
            foreach (var k in c.Kinds)
            {
                w.WriteStringValue(k);
            }

            w.WriteEndArray();
            Localized(w, "summary", c.Summary);
            w.WriteStartArray("components");
            foreach (var component in c.Components)
            {
                w.WriteStartObject();
                w.WriteString("component", ComponentMap.Name(component.Component));
                w.WriteString("relation", WeightLineage.Word(component.Relation));
                Localized(w, "reason", component.Reason);
                w.WriteNumber("model_tensors", component.ModelTensors);
                w.WriteNumber("reference_tensors", component.ReferenceTensors);
                w.WriteStartArray("tests");
                foreach (var test in component.Tests)
                {
                    WriteTest(w, test);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("layers");
            foreach (var layers in c.Layers)
            {
                w.WriteStartObject();
                w.WriteString("component", ComponentMap.Name(layers.Component));
                w.WriteNumber("model_layers", layers.ModelLayers);
                w.WriteNumber("reference_layers", layers.ReferenceLayers);
                Number(w, "within_model_baseline", layers.WithinBaseline);
                Number(w, "cross_model_baseline", layers.CrossBaseline);
                Localized(w, "description", layers.Description);
                w.WriteStartArray("pairs");
                foreach (var (model, reference, r) in layers.Pairs)
                {
                    w.WriteStartObject();
                    w.WriteNumber("model", model);
                    if (reference is { } matched)
                    {
                        w.WriteNumber("reference", matched);
                    }
                    else
                    {
                        w.WriteNull("reference");
                    }

                    Number(w, "r", r);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var note in c.Notes)
            {
                w.WriteStartObject();
                w.WriteString("en", note.En);
                w.WriteString("ko", note.Ko);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteNotCompared(w, c.NotCompared);
            w.WriteNumber("bytes_read", c.BytesRead);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteNotCompared(w, report.NotCompared);
        w.WriteStartObject("sampling");
        w.WriteNumber("seed", report.Seed);
        w.WriteNumber("budget_bytes", report.BudgetBytes);
        w.WriteNumber("bytes_read", report.BytesRead);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTest(Utf8JsonWriter w, LineageTest test)
    {
        w.WriteStartObject();
        w.WriteString("test", test.Test);
        w.WriteString("outcome", WeightLineage.Word(test.Outcome));
        Localized(w, "summary", test.Summary);
        w.WriteStartObject("figures");
        foreach (var (name, value) in test.Figures)
        {
            Number(w, name, value);
        }

        w.WriteEndObject();
        if (!test.Tensors.IsEmpty)
        {
            w.WriteStartArray("tensors");
            foreach (var t in test.Tensors)
            {
                w.WriteStartObject();
                w.WriteString("tensor", t.Tensor);
                w.WriteString("reference", t.Reference);
                w.WriteString("shape", t.Shape);
                w.WriteNumber("elements", t.Elements);
                Number(w, "cosine", t.Cosine);
                Number(w, "pearson", t.Pearson);
                Number(w, "z", t.Z);
                Number(w, "slope", t.Slope);
                Number(w, "shuffled_cosine", t.ShuffledCosine);
                Number(w, "shuffled_pearson", t.ShuffledPearson);
                Number(w, "relative_difference", t.RelativeDifference);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteNotCompared(Utf8JsonWriter w, IEnumerable<NotCompared> tensors)
    {
        w.WriteStartArray("not_compared");
        foreach (var t in tensors)
        {
            w.WriteStartObject();
            w.WriteString("tensor", t.Tensor);
            w.WriteString("dtype", t.DType);
            w.WriteString("reason", t.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Localized(Utf8JsonWriter w, string name, LocalizedText text)
    {
        w.WriteStartObject(name);
        w.WriteString("en", text.En);
        w.WriteString("ko", text.Ko);
        w.WriteEndObject();
    }

    /// <summary>A number rounded to six decimals and written from its invariant text, so the bytes never depend on culture.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(double.IsFinite(value) ? Math.Round(value, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture) : "null");
    }

    private static string Verdict(WeightComparison comparison, Language language)
    {
        var policy = LineagePolicy.BuiltIn;
        var relation = policy.Label("relations", WeightLineage.Word(comparison.Relation)).In(language);
        return comparison.Kind is { } kind ? relation + " — " + string.Join(", ", comparison.Kinds.Select(k => policy.Label("kinds", k).In(language))) : relation;
    }

    /// <summary>The statistic of a test in one line, in <paramref name="language"/>.</summary>
    private static string Statistic(LineageTest test, Language language)
    {
        if (test.Figures.IsEmpty)
        {
            return "—";
        }

        double F(string name) => test.Figures.FirstOrDefault(f => f.Key == name).Value;
        string N(string name) => F(name).ToString("0.000", CultureInfo.InvariantCulture);
        string C(string name) => F(name).ToString("N0", CultureInfo.InvariantCulture);
        var values = test.Test switch
        {
            "elementwise" => new[]
            {
                ("r", N("median_pearson")), ("largest", N("largest_abs_pearson")), ("cosine", N("median_cosine")), ("matching", C("matching")),
                ("tensors", C("tensors")), ("sd", N("null_sd")), ("critical", F("critical_z").ToString("0.0", CultureInfo.InvariantCulture)), ("power", N("power")),
            },
            "anchor-gram" => [("r", N("mantel_r")), ("mean", N("null_mean")), ("sd", N("null_sd")), ("anchors", C("anchors"))],
            _ => [("matched", C("matched")), ("sampled", C("sampled")), ("in_place", C("in_place")), ("r", N("median_best_r")), ("chance", N("chance_max"))],
        };
        return Placeholders.Fill(ReportText.Get("w.stat." + test.Test, language), values);
    }

    private static IEnumerable<string> Controls(WeightComparison comparison, Language language)
    {
        var pairs = comparison.Components.SelectMany(c => c.Tests).Where(t => t.Test == "elementwise").SelectMany(t => t.Tensors).ToList();
        static string N(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        IEnumerable<(string, string)> Medians(List<TensorComparison> list) =>
        [
            ("cosine", N(Statistics.Median(list.Select(p => p.ShuffledCosine)))), ("pearson", N(Statistics.Median(list.Select(p => p.ShuffledPearson)))),
            ("raw", N(Statistics.Median(list.Select(p => p.Cosine)))), ("r", N(Statistics.Median(list.Select(p => p.Pearson)))),
            ("count", list.Count.ToString("N0", CultureInfo.InvariantCulture)),
        ];
        if (pairs.Count > 0)
        {
            yield return Placeholders.Fill(ReportText.Get("w.shuffled", language), [.. Medians(pairs)]);
        }

        // Values that share a mean (norm weights) keep a high raw cosine whatever they are compared with.
        var offset = pairs.Where(p => p.ShuffledCosine >= 0.5).ToList();
        if (offset.Count > 0)
        {
            yield return Placeholders.Fill(ReportText.Get("w.offset", language), [.. Medians(offset)]);
        }

        foreach (var layers in comparison.Layers)
        {
            yield return Placeholders.Fill(ReportText.Get("w.baseline", language), ("within", N(layers.WithinBaseline)), ("cross", N(layers.CrossBaseline)));
        }

        yield return comparison.Notes[0].In(language);
    }

    private static void Table(StringBuilder text, List<string[]> rows, int width)
    {
        var widths = Enumerable.Range(0, rows[0].Length - 1).Select(i => rows.Max(r => TextReport.DisplayWidth(r[i]))).ToArray();
        var lead = 4 + widths.Sum() + 2 * widths.Length;
        foreach (var row in rows)
        {
            text.Append("    ");
            for (var i = 0; i < widths.Length; i++)
            {
                text.Append(row[i]).Append(' ', widths[i] - TextReport.DisplayWidth(row[i]) + 2);
            }

            text.Append(TextReport.Wrap(row[^1], Math.Max(30, width - lead)).Replace("\n", "\n" + new string(' ', lead), StringComparison.Ordinal)).Append('\n');
        }
    }

    private static void Field(StringBuilder text, string label, string value)
    {
        text.Append("  ").Append(label).Append(' ', Math.Max(1, LabelWidth - TextReport.DisplayWidth(label)));
        text.Append(value.Replace("\n", "\n  " + new string(' ', LabelWidth), StringComparison.Ordinal)).Append('\n');
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
