using System.CommandLine;
using TClass.Files;
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
        var output = new Option<string?>("--out") { Description = "Where to write README.md, index.html, index.ko.html and radar/*.svg (default: the cards folder's parent).", HelpName = "dir" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the committed page or a radar image is not what the cards give." };
        var rules = Options.Rules();
        var country = Options.Country();
        var command = new Command("registry", """
            Classify a folder of model cards and write the registry: README.md (English and Korean, one
            table sorted by level and by the number of unknown facts, with a radar image per model) and
            the web pages index.html and index.ko.html (sortable, filterable, every card's sources).

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

            if (FileKinds.Of(folder) != FileKind.Directory)
            {
                console.Error.WriteLine($"{folder}: error: no such folder. Fix: Name the folder of cards, e.g. docs/registry/cards.");
                return ExitCodes.InvalidInput;
            }

            // The registry folder itself (holding cards/) names its cards folder.
            var cardsFolder = Path.Combine(folder, "cards");
            if (FileKinds.OfEntry(cardsFolder) == FileKind.Directory && !Directory.EnumerateFiles(folder).Any(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
            {
                console.Error.WriteLine($"tclass: note: {folder} holds a cards folder; reading the cards in {cardsFolder}.");
                folder = cardsFolder;
            }

            var expansion = Inputs.Expand([folder], console);
            var reads = Inputs.ReadAll(expansion.Inputs, _ => true).ToList();
            foreach (var problem in expansion.Problems.Concat(reads.SelectMany(r => r.Problems)))
            {
                console.Error.WriteLine(problem.ToString());
            }

            var found = reads.Count(r => !r.Skipped);
            if (expansion.NothingFound(found, reads.Count - found) is { } nothing)
            {
                console.Error.WriteLine(nothing.ToString());
                return ExitCodes.InvalidInput;
            }

            if (expansion.HasErrors || reads.Any(r => !r.Skipped && !r.Read.Succeeded))
            {
                return ExitCodes.InvalidInput;
            }

            var target = parse.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))!;
            if (SafeWrite.CheckFolder(target) is { } unusable)
            {
                console.Error.WriteLine($"{target}: error: --out: {unusable.Message} Fix: {unusable.Fix}");
                return ExitCodes.InvalidInput;
            }

            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<RegistryEntry>();
            foreach (var read in reads.Where(r => !r.Skipped).Select(r => r.Read))
            {
                var result = classifier.Classify(read.Manifest!);
                var stem = RadarName(Path.GetRelativePath(folder, read.File));
                var radar = $"radar/{stem}.svg";
                for (var n = 2; files.ContainsKey(radar); n++)
                {
                    radar = $"radar/{stem}-{n}.svg";
                }

                files[radar] = RadarSvg.Render(result, Language.English);
                entries.Add(new RegistryEntry(result, radar, read.Manifest!.Model.References, read.Manifest.Evidence));
            }

            files["README.md"] = RegistryReport.Render(entries);
            foreach (var language in new[] { Language.English, Language.Korean })
            {
                files[RegistryPage.FileName(language)] = RegistryPage.Render(entries, language);
            }
            if (parse.GetValue(check))
            {
                var stale = files.Where(f => !Committed(Path.Combine(target, f.Key), f.Value)).Select(f => f.Key).ToList();
                var rerun = parse.GetValue(output) is { } named ? $"tclass registry {folder} --out {named}" : $"tclass registry {folder}";
                foreach (var file in stale)
                {
                    console.Error.WriteLine($"{Path.Combine(target, file)}: error: out of date with the cards. Fix: run {rerun}");
                }

                console.Out.WriteLine(stale.Count == 0 ? $"registry up to date: {entries.Count} cards" : $"registry out of date: {stale.Count} file(s)");
                return stale.Count == 0 ? ExitCodes.Ok : ExitCodes.BelowMinimum;
            }

            // The images first and the pages last: a page never points at an image not yet written.
            foreach (var (name, text) in files.OrderBy(f => f.Key.StartsWith("radar/", StringComparison.Ordinal) ? 0 : 1).ThenBy(f => f.Key, StringComparer.Ordinal))
            {
                if (SafeWrite.Into(target, name, text) is { } failed)
                {
                    console.Error.WriteLine($"{Path.Combine(target, name)}: error: {failed.Message} Fix: {failed.Fix}");
                    return ExitCodes.InvalidInput;
                }
            }

            console.Out.WriteLine($"wrote {Path.Combine(target, "README.md")}, the web pages {RegistryPage.FileName(Language.English)} and {RegistryPage.FileName(Language.Korean)}, and {entries.Count} radar images for {entries.Count} cards");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Whether the file at <paramref name="path"/> is a regular file holding exactly <paramref name="expected"/>.</summary>
    private static bool Committed(string path, string expected) =>
        FileKinds.OfEntry(path) == FileKind.Regular && BoundedRead.File(path, 16L * 1024 * 1024).Bytes is { } bytes
        && System.Text.Encoding.UTF8.GetString(bytes) == expected;

    /// <summary>A card's radar name: its path in the cards folder without extension, folders joined by '--' (a number is added where two would still meet).</summary>
    private static string RadarName(string relative) =>
        string.Join("--", Path.ChangeExtension(relative, null).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
}
