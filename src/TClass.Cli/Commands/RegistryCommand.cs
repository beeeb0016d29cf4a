using System.CommandLine;
using TClass.Reports;
using TClass.Text;

namespace TClass.Cli.Commands;

/// <summary><c>tclass registry</c>: the registry page of a folder of cards.</summary>
internal static class RegistryCommand
{
    public static Command Create(CliConsole console)
    {
        var cards = new Argument<string>("cards") { Description = "The folder of model cards, e.g. docs/registry/cards." };
        var format = Options.Format("md", "md");
        var output = new Option<string?>("--out") { Description = "Where to write README.md and radar/*.svg (default: the cards folder's parent).", HelpName = "dir" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the committed page or a radar image is not what the cards give." };
        var rules = Options.Rules();
        var country = Options.Country();
        var command = new Command("registry", """
            Classify a folder of model cards and write the registry page (English and Korean): one
            table sorted by level and by the number of unknown facts, with a radar image per model.

            Examples:
              tclass registry docs/registry/cards --format md
              tclass registry docs/registry/cards --check
            """)
        {
            cards, format, output, check, rules, country,
        };
        command.SetAction(parse =>
        {
            var classifier = Options.Classifier(parse.GetValue(rules)!, parse.GetValue(country)!, console);
            var folder = parse.GetValue(cards)!;
            if (classifier is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (!Directory.Exists(folder))
            {
                console.Error.WriteLine($"{folder}:0:0: error: no such folder. Fix: Check the path.");
                return ExitCodes.InvalidInput;
            }

            var (inputs, _) = Inputs.Expand([folder], console);
            var reads = inputs.Select(i => i.Read()).ToList();
            foreach (var diagnostic in reads.SelectMany(r => r.Errors))
            {
                console.Error.WriteLine(diagnostic.ToString());
            }

            if (reads.Any(r => !r.Succeeded))
            {
                return ExitCodes.InvalidInput;
            }

            var target = parse.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))!;
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<RegistryEntry>();
            foreach (var read in reads)
            {
                var result = classifier.Classify(read.Manifest!);
                var radar = "radar/" + Path.GetFileNameWithoutExtension(read.File) + ".svg";
                files[radar] = RadarSvg.Render(result, Language.English);
                entries.Add(new RegistryEntry(result, radar, read.Manifest!.Model.References.FirstOrDefault()));
            }

            files["README.md"] = RegistryReport.Render(entries);
            if (parse.GetValue(check))
            {
                var stale = files.Where(f => !File.Exists(Path.Combine(target, f.Key)) || File.ReadAllText(Path.Combine(target, f.Key)) != f.Value)
                    .Select(f => f.Key)
                    .ToList();
                foreach (var file in stale)
                {
                    console.Error.WriteLine($"{Path.Combine(target, file)}:0:0: error: out of date with the cards. Fix: run tclass registry {folder} --format md");
                }

                console.Out.WriteLine(stale.Count == 0 ? $"registry up to date: {entries.Count} cards" : $"registry out of date: {stale.Count} file(s)");
                return stale.Count == 0 ? ExitCodes.Ok : ExitCodes.BelowMinimum;
            }

            foreach (var (name, text) in files)
            {
                var path = Path.Combine(target, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            console.Out.WriteLine($"wrote {Path.Combine(target, "README.md")} and {files.Count - 1} radar images for {entries.Count} cards");
            return ExitCodes.Ok;
        });
        return command;
    }
}
