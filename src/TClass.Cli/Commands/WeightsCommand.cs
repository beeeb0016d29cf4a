using System.CommandLine;
using System.Globalization;
using TClass.Reports;
using TClass.Weights;

namespace TClass.Cli.Commands;

/// <summary><c>tclass weights</c>: test whether a model's weights descend from a reference's.</summary>
internal static class WeightsCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model-dir") { Description = "The model: a folder with *.safetensors (or model.safetensors.index.json and its shards) or *.onnx, or one such file." };
        var against = new Option<string[]>("--against")
        {
            Description = "A reference model to test the weights against (a folder or file like model-dir). Repeatable; required.",
            HelpName = "reference-dir",
            AllowMultipleArgumentsPerToken = false,
            Required = true,
        };
        var format = Options.Format("text", "text", "md", "json");
        var lang = Options.Lang();
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Exit with 1 when a comparison is derived (derived), or is not independent (inconclusive): a gate for CI.",
        };
        failOn.AcceptOnlyFromAmong("derived", "inconclusive");
        var budget = new Option<string?>("--budget") { Description = "Read at most this much from both checkpoints per comparison (e.g. 512MiB, 4GiB; default 2GiB).", HelpName = "size" };
        var seed = new Option<long?>("--seed") { Description = "The sampling seed (default: see tclass rules print weights/lineage).", HelpName = "number" };
        var command = new Command("weights", """
            Test whether a model's weights descend from each reference's, component by component
            (decoder, embeddings, vision, audio, projector, multi-token prediction): element-wise
            correlation against the null of independent weights, block alignment (depth up-scaling,
            pruning), the anchors' similarity structure and residual-dimension and unit matching that
            survive permutations and rotations. Every number comes with its control; raw cosine is
            shown but never decides. Reads deterministic samples under a budget, never whole files.

            Examples:
              tclass weights ./my-model --against ./Qwen2.5-7B
              tclass weights ./my-vlm --against ./Qwen2.5-VL-7B-Instruct --format json
              tclass weights ./candidate --against ./base-a --against ./base-b --fail-on derived
            """)
        {
            model, against, format, lang, failOn, budget, seed,
        };
        command.SetAction(parse =>
        {
            var policy = LineagePolicy.BuiltIn;
            if (parse.GetValue(budget) is { } size)
            {
                if (ParseSize(size) is not { } bytes)
                {
                    console.Error.WriteLine($"tclass: error: --budget {size}: write a size such as 512MiB, 2GiB or 1000000000. Fix: give a positive size.");
                    return ExitCodes.InvalidInput;
                }

                policy = policy.With(policy.Sampling with { BudgetBytes = bytes });
            }

            if (parse.GetValue(seed) is { } s)
            {
                policy = policy.With(policy.Sampling with { Seed = s });
            }

            var result = WeightLineage.Compare(parse.GetValue(model)!, parse.GetValue(against) ?? [], policy, console.Status);
            console.Status?.Clear();
            foreach (var diagnostic in result.Diagnostics)
            {
                console.Error.WriteLine(diagnostic.ToString());
            }

            if (result.Report is not { } report)
            {
                return ExitCodes.InvalidInput;
            }

            var language = Options.Language(parse.GetValue(lang)!);
            console.Out.Write(parse.GetValue(format) switch
            {
                "json" => WeightsReport.Json(report),
                "md" => WeightsReport.Markdown(report, language),
                _ => WeightsReport.Text(report, language, console.Width),
            });
            if (result.Diagnostics.Any(d => d.Severity == Diagnostics.DiagnosticSeverity.Error))
            {
                return ExitCodes.InvalidInput;
            }

            return parse.GetValue(failOn) switch
            {
                "derived" when report.Comparisons.Any(c => c.Relation == LineageRelation.Derived) => ExitCodes.BelowMinimum,
                "inconclusive" when report.Comparisons.Any(c => c.Relation != LineageRelation.Independent) => ExitCodes.BelowMinimum,
                _ => ExitCodes.Ok,
            };
        });
        return command;
    }

    /// <summary>A size such as <c>2GiB</c>, <c>512MiB</c>, <c>64KiB</c> or a plain byte count.</summary>
    internal static long? ParseSize(string text)
    {
        var units = new (string Suffix, long Factor)[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("B", 1), ("", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * factor < long.MaxValue)
            {
                return (long)(value * factor);
            }
        }

        return null;
    }
}
