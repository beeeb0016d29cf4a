using System.CommandLine;
using TClass.Diagnostics;
using TClass.Reports;
using TClass.Tokenizers;

namespace TClass.Cli.Commands;

/// <summary><c>tclass tokenizer</c>: measure a tokenizer's Korean efficiency and where it comes from.</summary>
internal static class TokenizerCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("file-or-dir|model-id")
        {
            Description = "A tokenizer.json, a SentencePiece tokenizer.model, a vocab.json beside its merges.txt, a tiktoken file, a model folder holding one, or a model id (org/name) in the local Hugging Face cache.",
        };
        var revision = Options.Revision();
        var against = new Option<string[]>("--against")
        {
            Description = "Compare only with these: reference ids (" + string.Join(", ", ReferenceTokenizers.Ids) + ") or other tokenizer files. Repeatable.",
            HelpName = "reference|file",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = Options.Format("text", "text", "md", "json");
        var lang = Options.Lang();
        var command = new Command("tokenizer", """
            Analyse a tokenizer: its vocabulary (real size against config.json's vocab_size, Hangul
            share), its efficiency on the bundled Korean evaluation text (characters per token,
            tokens per eojeol, cost against cl100k_base and o200k_base), how much of each reference
            tokenizer's vocabulary it shares and whether its merges were learned in the same order —
            and the tokenizer.origin this supports: native, expanded or reused.

            Examples:
              tclass tokenizer ./my-model
              tclass tokenizer tokenizer.json --against llama3 --format json
              tclass tokenizer ours/tokenizer.json --against theirs/tokenizer.json
              tclass tokenizer Qwen/Qwen2.5-7B --against llama3
            """)
        {
            path, revision, against, format, lang,
        };
        command.SetAction(parse =>
        {
            var language = Options.Language(parse.GetValue(lang)!);
            if (Options.ModelPath(parse.GetValue(path)!, parse.GetValue(revision), console, language) is not { } target)
            {
                return ExitCodes.InvalidInput;
            }

            console.Status?.Report("reading and analysing the tokenizer in " + target);
            var result = TokenizerAnalysis.Analyse(target, parse.GetValue(against) ?? []);
            console.Status?.Clear();
            foreach (var diagnostic in result.Diagnostics)
            {
                console.Error.WriteLine(diagnostic.ToString());
            }

            if (result.Analysis is not { } analysis)
            {
                return ExitCodes.InvalidInput;
            }

            console.Out.Write(parse.GetValue(format) switch
            {
                "json" => TokenizerReport.Json(analysis),
                "md" => TokenizerReport.Markdown(analysis, language),
                _ => TokenizerReport.Text(analysis, language, console.Width),
            });
            return result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }
}
