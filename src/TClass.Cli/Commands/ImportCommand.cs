using System.CommandLine;
using System.Globalization;
using System.Text;
using TClass.Evidence;
using TClass.Files;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary><c>tclass import</c>: draft a manifest from a local model folder.</summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var folder = new Argument<string>("model-dir|model-id")
        {
            Description = "A local Hugging Face model folder (config.json, README.md, tokenizer files…), or a model id (org/name) in the local Hugging Face cache. Nothing is downloaded.",
        };
        var revision = Options.Revision();
        var output = new Option<string?>("--output", "-o") { Description = "Write the draft manifest to this file instead of standard output (its folder is created if missing).", HelpName = "file" };
        var force = new Option<bool>("--force") { Description = "With --output: replace the file if it exists." };
        var against = new Option<string[]>("--against")
        {
            Description = "Test the model's weights against this reference model folder (tclass weights) and write what they show: an open derivative with its base and adaptation, or a third-party component. Repeatable.",
            HelpName = "reference-dir",
            AllowMultipleArgumentsPerToken = false,
        };
        var lang = Options.Lang();
        var command = new Command("import", """
            Draft a manifest from a model's files: config.json (class, model type, remote code,
            hyperparameters compared with the published configurations of its family, multimodal
            sub-configs, quantization), the model card's front matter (base_model, base_model_relation),
            adapter_config.json, mergekit_config.yml and the tokenizer files — and, with --against,
            the weights themselves compared with reference models. Every concluded fact gets an
            evidence entry naming its file and field (or the weight test and its numbers); what
            the files cannot decide is left out and listed for review.

            Examples:
              tclass import ./Meta-Llama-3-8B -o llama3.yaml
              tclass import ./my-model > draft.yaml
              tclass import ./my-vlm --against ./Qwen2.5-VL-7B-Instruct -o my-vlm.yaml
              tclass import ./my-model --lang ko > draft.yaml
              tclass import Qwen/Qwen2.5-7B-Instruct --revision main -o qwen.yaml

            A model id is read from the local Hugging Face cache (HF_HUB_CACHE, else HF_HOME/hub,
            else ~/.cache/huggingface/hub), offline.
            """)
        {
            folder, revision, output, force, against, lang,
        };
        command.SetAction(parse =>
        {
            var language = Options.Language(parse.GetValue(lang)!);
            if (parse.GetValue(output) is { } target && SafeWrite.CheckFile(target, parse.GetValue(force)) is { } refused)
            {
                console.Error.WriteLine($"{target}: error: {refused.Message} Fix: {refused.Fix}");
                return ExitCodes.InvalidInput;
            }

            if (Options.ModelPath(parse.GetValue(folder)!, parse.GetValue(revision), console, language) is not { } path)
            {
                return ExitCodes.InvalidInput;
            }

            console.Status?.Report("reading the files of " + path + (parse.GetValue(against) is { Length: > 0 } ? " and comparing its weights" : ""));
            var result = ModelImporter.Import(path, parse.GetValue(against) ?? []);
            console.Status?.Clear();
            foreach (var diagnostic in result.Diagnostics)
            {
                console.Error.WriteLine(DiagnosticReport.Line(diagnostic, language));
            }

            if (result.Diagnostics.Any(d => d.Severity == Diagnostics.DiagnosticSeverity.Error && d.Code == "not-found"))
            {
                return ExitCodes.InvalidInput;
            }

            var draft = Draft(result, language);
            if (parse.GetValue(output) is { } file)
            {
                if (SafeWrite.File(file, draft, parse.GetValue(force)) is { } failed)
                {
                    console.Error.WriteLine($"{file}: error: {failed.Message} Fix: {failed.Fix}");
                    return ExitCodes.InvalidInput;
                }

                console.Out.WriteLine(Placeholders.Fill(ReportText.Get("import.wrote", language),
                    ("file", file), ("count", result.Facts.Length.ToString(CultureInfo.InvariantCulture))));
                foreach (var item in result.Review)
                {
                    console.Out.WriteLine("  • " + item.In(language));
                }
            }
            else
            {
                console.Out.Write(draft);
            }

            return result.Diagnostics.Any(d => d.Severity == Diagnostics.DiagnosticSeverity.Error) ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The draft manifest, headed by what it is and followed by the review list as comments.</summary>
    internal static string Draft(ImportResult result, Language language = Language.English)
    {
        string L(string key, string name, string value) => Comment(Placeholders.Fill(ReportText.Get(key, language), (name, value)));
        var text = new StringBuilder();
        text.Append("# ").Append(L("import.head", "folder", result.Folder)).Append('\n');
        text.Append("# ").Append(ReportText.Get("import.evidence", language)).Append('\n');
        if (result.CopyOf is { } original)
        {
            text.Append("# ").Append(L("import.copy", "model", original)).Append('\n');
        }

        text.Append(ManifestWriter.ToYaml(result.Draft));
        text.Append("# ").Append(ReportText.Get("import.review", language)).Append('\n');
        foreach (var item in result.Review)
        {
            text.Append("#   - ").Append(Comment(item.In(language))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Text for one comment line: line breaks and other control characters made visible.</summary>
    private static string Comment(string text) => ControlCharacters.Escape(text, allowLineBreaks: false);
}
