using System.CommandLine;
using TClass.Audits;
using TClass.Files;
using TClass.Reports;
using TClass.Resources;
using TClass.Rules;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary><c>tclass rules</c>: the rulesets and their trees.</summary>
internal static class RulesCommand
{
    public static Command Create(CliConsole console)
    {
        var listLang = Options.Lang();
        var list = new Command("list", """
            List the built-in rulesets.

            Example:
              tclass rules list --lang ko
            """)
        {
            listLang,
        };
        list.SetAction(parse =>
        {
            var language = Options.Language(parse.GetValue(listLang)!);
            foreach (var id in BuiltInRulesets.Ids)
            {
                var ruleset = BuiltInRulesets.Get(id);
                console.Out.WriteLine($"{ruleset.Id,-20} {ruleset.Version,-7} {ruleset.Title.In(language)}");
            }

            return ExitCodes.Ok;
        });

        var which = new Argument<string>("ruleset") { Description = "A built-in id or a ruleset file.", DefaultValueFactory = _ => BuiltInRulesets.Reference };
        var lang = Options.Lang();
        var country = Options.Country();
        var show = new Command("show", """
            Show a ruleset: its parameters, outcomes, the facts it reads, and its decision tree in
            plain words, with the evaluation country filled in.

            Examples:
              tclass rules show tclass-2.0
              tclass rules show my-policy.yaml --lang ko
              tclass rules show tclass-2.0 --country JP
            """)
        {
            which, lang, country,
        };
        show.SetAction(parse =>
        {
            var ruleset = Options.IsCountry(parse.GetValue(country)!, console) ? Rulesets.Resolve(parse.GetValue(which)!, console) : null;
            if (ruleset is null)
            {
                return ExitCodes.InvalidInput;
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["country"] = parse.GetValue(country)! };
            console.Out.Write(RulesetReport.Render(ruleset, new RulesetReportOptions(Options.Language(parse.GetValue(lang)!), console.Width, parameters)));
            return ExitCodes.Ok;
        });

        return new Command("rules", "Inspect and audit rulesets: the built-in ones or your own files.")
        {
            list, show, Print(console), Test(console), Table(console), Diff(console), CoverageCommand(console),
        };
    }

    /// <summary><c>tclass rules print</c>: the rule files built into the tool — catalogs, schemas, thresholds — as they are.</summary>
    private static Command Print(CliConsole console)
    {
        var file = new Argument<string?>("file") { Description = "A built-in rule file, e.g. catalog/architectures.yaml; none lists them.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("print", """
            Print a rule file built into the tool: the catalogs of architectures, chips and clouds,
            the schemas, the tokenizer and weight-lineage thresholds, the report words. Without a
            file, list them. An installed tool has no rules/ folder; this is how to read it.

            Examples:
              tclass rules print
              tclass rules print catalog/infrastructure.yaml
              tclass rules print weights/lineage
            """)
        {
            file,
        };
        command.SetAction(parse =>
        {
            var files = EmbeddedRules.TextFiles().ToList();
            if (parse.GetValue(file) is not { } name)
            {
                files.ForEach(console.Out.WriteLine);
                return ExitCodes.Ok;
            }

            var wanted = name.StartsWith("rules/", StringComparison.Ordinal) ? name["rules/".Length..] : name;
            var found = files.FirstOrDefault(f => f == wanted || Path.ChangeExtension(f, null) == wanted);
            if (found is null)
            {
                var nearest = Suggestions.Nearest(Path.ChangeExtension(wanted, null), files.Select(f => Path.ChangeExtension(f, null)));
                console.Error.WriteLine($"tclass: error: '{name}' is not a built-in rule file." + (nearest is null ? "" : $" Did you mean '{nearest}'?")
                    + " Fix: run tclass rules print to list them.");
                return ExitCodes.InvalidInput;
            }

            console.Out.Write(EmbeddedRules.Text(found));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test(CliConsole console)
    {
        var suites = new Argument<string[]>("suites") { Description = "Conformance suite files, or folders of them (tests/conformance).", Arity = ArgumentArity.OneOrMore };
        var rules = new Option<string?>("--rules") { Description = "Run every case against this ruleset (id or file) instead of the ones the cases name.", HelpName = "id|path" };
        var coverage = new Option<bool>("--coverage") { Description = "Also report which branches of the rulesets the cases exercise." };
        var command = new Command("test", """
            Run conformance suites like 'opa test': PASS, FAIL or ERROR per named case, and a non-zero
            exit code on any failure. Use --rules to check an edited ruleset against the suite.

            Examples:
              tclass rules test tests/conformance
              tclass rules test tests/conformance/*.yaml
              tclass rules test tests/conformance/tclass-2.0.yaml --rules my-policy.yaml --coverage
            """)
        {
            suites, rules, coverage,
        };
        command.SetAction(parse =>
        {
            Ruleset? only = null;
            if (parse.GetValue(rules) is { } chosen && (only = Rulesets.Resolve(chosen, console)) is null)
            {
                return ExitCodes.InvalidInput;
            }

            var all = new List<CaseResult>();
            foreach (var path in SuiteFiles(parse.GetValue(suites) ?? []))
            {
                var read = ConformanceReader.Read(path);
                foreach (var diagnostic in read.Diagnostics)
                {
                    console.Error.WriteLine(diagnostic.ToString());
                }

                if (read.Suite is not { } suite)
                {
                    return ExitCodes.InvalidInput;
                }

                foreach (var result in ConformanceRunner.Run(suite, id => Rulesets.Resolve(id, console), only))
                {
                    all.Add(result);
                    var status = result.Status.ToString().ToUpperInvariant();
                    console.Out.WriteLine($"{status,-5} {result.Ruleset}: {result.Case.Name}" + (result.Message.Length == 0 ? "" : $"\n      {result.Message}"));
                }
            }

            if (all.Count == 0)
            {
                console.Error.WriteLine("tclass: error: the suites hold no cases; an empty suite proves nothing.");
                return ExitCodes.InvalidInput;
            }

            var failed = all.Count(r => r.Status == CaseStatus.Fail);
            var errors = all.Count(r => r.Status == CaseStatus.Error);
            console.Out.WriteLine($"--------------------------------------------------------------------------------\n"
                + $"PASS: {all.Count - failed - errors}/{all.Count}" + (failed > 0 ? $"  FAIL: {failed}" : "") + (errors > 0 ? $"  ERROR: {errors}" : ""));
            if (parse.GetValue(coverage))
            {
                foreach (var ruleset in all.Where(r => r.Result is not null).Select(r => r.Result!.Ruleset).DistinctBy(r => r.Sha256))
                {
                    var report = Audits.Coverage.Measure(ruleset, all.Where(r => r.Result is not null).Select(r => r.Result!));
                    console.Out.WriteLine($"\ncoverage of {ruleset.Id}:");
                    console.Out.Write(report.Render());
                }
            }

            return failed + errors > 0 ? ExitCodes.BelowMinimum : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Table(CliConsole console)
    {
        var rules = Options.Rules();
        var lang = Options.Lang();
        var command = new Command("table", """
            Print every root-to-leaf path of a ruleset: its conditions in plain words and its outcome.

            Example:
              tclass rules table --rules tclass-2.0-strict
            """)
        {
            rules, lang,
        };
        command.SetAction(parse =>
        {
            var ruleset = Rulesets.Resolve(parse.GetValue(rules)!, console);
            if (ruleset is null)
            {
                return ExitCodes.InvalidInput;
            }

            console.Out.Write(PathTable.Render(ruleset, Options.Language(parse.GetValue(lang)!)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Diff(CliConsole console)
    {
        var first = new Argument<string>("first") { Description = "A ruleset id or file." };
        var second = new Argument<string>("second") { Description = "Another ruleset id or file." };
        var country = Options.Country();
        var lang = Options.Lang();
        var command = new Command("diff", """
            Compare two rulesets: for every path of both trees, build a witness that satisfies it,
            classify it under both, and list the witnesses whose levels differ, with the conditions
            that make them differ. Exits 0 when they agree on every witness, 1 when they disagree.

            Example:
              tclass rules diff tclass-2.0 tclass-2.0-strict
            """)
        {
            first, second, country, lang,
        };
        command.SetAction(parse =>
        {
            if (!Options.IsCountry(parse.GetValue(country)!, console))
            {
                return ExitCodes.InvalidInput;
            }

            var a = Rulesets.Resolve(parse.GetValue(first)!, console);
            var b = Rulesets.Resolve(parse.GetValue(second)!, console);
            if (a is null || b is null)
            {
                return ExitCodes.InvalidInput;
            }

            var language = Options.Language(parse.GetValue(lang)!);
            var differences = RulesetDiff.Compare(a, b, parse.GetValue(country)!, language);
            console.Out.Write(RulesetDiff.Render(a, b, differences, language));
            return differences.IsEmpty ? ExitCodes.Ok : ExitCodes.BelowMinimum;
        });
        return command;
    }

    private static Command CoverageCommand(CliConsole console)
    {
        var paths = new Argument<string[]>("cards") { Description = "Manifest files or directories.", Arity = ArgumentArity.OneOrMore };
        var rules = Options.Rules();
        var country = Options.Country();
        var command = new Command("coverage", """
            Show which nodes and branches of a ruleset the given cards exercise (like 'opa test --coverage').

            Example:
              tclass rules coverage docs/examples docs/registry/cards
            """)
        {
            paths, rules, country,
        };
        command.SetAction(parse =>
        {
            var classifier = Options.Classifier(parse.GetValue(rules)!, parse.GetValue(country)!, console);
            if (classifier is null)
            {
                return ExitCodes.InvalidInput;
            }

            var expansion = Inputs.Expand(parse.GetValue(paths) ?? [], console);
            foreach (var problem in expansion.Problems)
            {
                console.Error.WriteLine(problem.ToString());
            }

            var (read, skipped, invalid) = (0, 0, false);
            var results = new List<Classification>();
            foreach (var input in Inputs.ReadAll(expansion.Inputs, classifier.Classify))
            {
                foreach (var problem in input.Problems)
                {
                    console.Error.WriteLine(problem.ToString());
                }

                (read, skipped) = input.Skipped ? (read, skipped + 1) : (read + 1, skipped);
                invalid |= !input.Skipped && input.Value is null;
                if (input.Value is { } result)
                {
                    results.Add(result);
                }
            }

            if (expansion.NothingFound(read, skipped) is { } nothing)
            {
                console.Error.WriteLine(nothing.ToString());
                return ExitCodes.InvalidInput;
            }

            console.Out.Write(Audits.Coverage.Measure(classifier.Ruleset, results).Render());
            return expansion.HasErrors || invalid ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The suites named: files as given, and for a folder the .yaml files directly in it, in ordinal order.</summary>
    private static IEnumerable<string> SuiteFiles(IEnumerable<string> paths) =>
        paths.SelectMany<string, string>(path => FileKinds.Of(path) == FileKind.Directory
            ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Where(f => FileKinds.OfEntry(f) == FileKind.Regular).Order(StringComparer.Ordinal)
            : [path]);
}
