using System.CommandLine;
using System.Text.RegularExpressions;
using TClass.Manifests;
using TClass.Rules;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary>Options several commands share. Each command gets its own instances.</summary>
internal static partial class Options
{
    public static Option<string> Rules() => new("--rules")
    {
        Description = $"Ruleset: a built-in id ({string.Join(", ", BuiltInRulesets.Ids)}) or a ruleset file.",
        DefaultValueFactory = _ => BuiltInRulesets.Reference,
        HelpName = "id|path",
    };

    public static Option<string> Country() => new("--country")
    {
        Description = "Evaluation country (ISO 3166-1 alpha-2): \"domestic\" chips and clouds are this country's.",
        DefaultValueFactory = _ => "KR",
        HelpName = "ISO2",
    };

    public static Option<string> Lang()
    {
        var option = new Option<string>("--lang")
        {
            Description = "Language of text and Markdown output: en or ko.",
            DefaultValueFactory = _ => "en",
        };
        option.AcceptOnlyFromAmong("en", "ko");
        return option;
    }

    public static Option<string> Format(string defaultFormat, params string[] formats)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", formats) + ".",
            DefaultValueFactory = _ => defaultFormat,
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<string?> Revision() => new("--revision")
    {
        Description = "With a model id from the local Hugging Face cache: the branch, tag or commit to read (default: main).",
        HelpName = "branch|tag|commit",
    };

    /// <summary>
    /// The path a command reads: <paramref name="argument"/> itself when anything is there, otherwise
    /// — when it has the shape of a Hub id, <c>org/name</c> — the snapshot of that model in the local
    /// Hugging Face cache (offline). Null when it cannot be found, after saying where it looked.
    /// </summary>
    public static string? ModelPath(string argument, string? revision, CliConsole console, Language language)
    {
        if (ModelFiles.ModelFolder.Exists(argument) || !ModelFiles.HuggingFaceCache.IsModelId(argument))
        {
            if (revision is null)
            {
                return argument;
            }

            console.Error.WriteLine($"tclass: error: --revision applies to a model id read from the Hugging Face cache, and '{ControlCharacters.Escape(argument, allowLineBreaks: false)}' is a path. Fix: drop --revision, or pass the model's id (org/name).");
            return null;
        }

        var lookup = ModelFiles.HuggingFaceCache.Find(argument, revision, console.Variables);
        foreach (var problem in lookup.Diagnostics)
        {
            console.Error.WriteLine(Reports.DiagnosticReport.Line(problem, language));
        }

        return lookup.Model?.Folder;
    }

    public static Language Language(string code) => Languages.TryParse(code, out var language) ? language : Text.Language.English;

    /// <summary>
    /// Builds a classifier for the command line's ruleset and country, or reports why it cannot.
    /// Start-up work that does not depend on it — loading the manifest schema — runs meanwhile on
    /// another thread.
    /// </summary>
    public static TClassifier? Classifier(string rules, string country, CliConsole console)
    {
        var prepare = Task.Run(ManifestReader.Prepare);
        try
        {
            return CreateClassifier(rules, country, console);
        }
        finally
        {
            prepare.Wait();
        }
    }

    private static TClassifier? CreateClassifier(string rules, string country, CliConsole console)
    {
        if (!IsCountry(country, console))
        {
            return null;
        }

        var ruleset = Rulesets.Resolve(rules, console);
        return ruleset is null ? null : TClassifier.Create(new ClassifierOptions { Ruleset = ruleset, Country = country });
    }

    /// <summary>Whether <paramref name="country"/> is an ISO 3166-1 alpha-2 code; if not, says so.</summary>
    public static bool IsCountry(string country, CliConsole console)
    {
        if (CountryPattern().IsMatch(country))
        {
            return true;
        }

        console.Error.WriteLine($"tclass: error: --country '{country}' is not an ISO 3166-1 alpha-2 code such as KR or US.");
        return false;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
