using System.CommandLine;
using TClass.Reports;
using TClass.Rules;

namespace TClass.Cli.Commands;

/// <summary><c>tclass rules</c>: the rulesets and their trees.</summary>
internal static class RulesCommand
{
    public static Command Create(CliConsole console)
    {
        var list = new Command("list", """
            List the built-in rulesets.

            Example:
              tclass rules list
            """);
        list.SetAction(_ =>
        {
            foreach (var id in BuiltInRulesets.Ids)
            {
                var ruleset = BuiltInRulesets.Get(id);
                console.Out.WriteLine($"{ruleset.Id,-20} {ruleset.Version,-7} {ruleset.Title.En}");
            }

            return ExitCodes.Ok;
        });

        var which = new Argument<string>("ruleset") { Description = "A built-in id or a ruleset file.", DefaultValueFactory = _ => BuiltInRulesets.Reference };
        var lang = Options.Lang();
        var show = new Command("show", """
            Show a ruleset: its outcomes, the facts it reads, and its decision tree in plain words.

            Examples:
              tclass rules show tclass-2.0
              tclass rules show my-policy.yaml --lang ko
            """)
        {
            which, lang,
        };
        show.SetAction(parse =>
        {
            var ruleset = Rulesets.Resolve(parse.GetValue(which)!, console);
            if (ruleset is null)
            {
                return ExitCodes.InvalidInput;
            }

            console.Out.Write(RulesetReport.Render(ruleset, Options.Language(parse.GetValue(lang)!)));
            return ExitCodes.Ok;
        });

        return new Command("rules", "Inspect rulesets: the built-in ones or your own files.") { list, show };
    }
}
