using System.Collections.Frozen;
using TClass.Resources;
using TClass.Rules;

namespace TClass;

/// <summary>The rulesets shipped with the library, embedded from <c>rules/*.yaml</c>, bound against manifest format 1.</summary>
public static class BuiltInRulesets
{
    /// <summary>The id of the reference T-Class 2.0 ruleset (partial reuse is T3).</summary>
    public const string Reference = "tclass-2.0";

    /// <summary>The id of the strict ruleset (the author's evaluator: any inherited third-party weights cap at T2).</summary>
    public const string Strict = "tclass-2.0-strict";

    private static readonly FrozenDictionary<string, Lazy<Ruleset>> Loaded = EmbeddedRules.TopLevel(".yaml")
        .ToFrozenDictionary(
            name => name[..^".yaml".Length],
            name => new Lazy<Ruleset>(() => Load(name)),
            StringComparer.Ordinal);

    /// <summary>The ids of the built-in rulesets.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. Loaded.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The built-in ruleset with <paramref name="id"/>, or <see langword="null"/>.</summary>
    public static Ruleset? Find(string id) => Loaded.TryGetValue(id, out var ruleset) ? ruleset.Value : null;

    /// <summary>The built-in ruleset with <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">No built-in ruleset has that id.</exception>
    public static Ruleset Get(string id) =>
        Find(id) ?? throw new ArgumentException($"no built-in ruleset '{id}'; built-in: {string.Join(", ", Ids)}", nameof(id));

    /// <summary>The text of the built-in ruleset with <paramref name="id"/>, as embedded.</summary>
    public static string Text(string id) => EmbeddedRules.Text(id + ".yaml");

    private static Ruleset Load(string name)
    {
        var result = RulesetReader.ParseEmbedded(name);
        return result.Ruleset ?? throw new InvalidOperationException(
            "the built-in ruleset " + name + " does not load:\n" + string.Join("\n", result.Diagnostics));
    }
}
