using TClass.Rules;

namespace TClass.Cli;

/// <summary>Resolves <c>--rules</c>: a built-in id, or a ruleset file.</summary>
internal static class Rulesets
{
    public static Ruleset? Resolve(string idOrPath, CliConsole console)
    {
        if (BuiltInRulesets.Find(idOrPath) is { } builtIn)
        {
            return builtIn;
        }

        if (!File.Exists(idOrPath))
        {
            console.Error.WriteLine($"tclass: error: '{idOrPath}' is neither a built-in ruleset ({string.Join(", ", BuiltInRulesets.Ids)}) nor a ruleset file.");
            return null;
        }

        var read = RulesetReader.Read(idOrPath, TClass.Manifests.ManifestFacts.Schema);
        foreach (var diagnostic in read.Diagnostics)
        {
            console.Error.WriteLine(diagnostic.ToString());
        }

        return read.Ruleset;
    }
}
