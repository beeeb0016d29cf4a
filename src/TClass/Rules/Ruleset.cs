using System.Collections.Immutable;
using TClass.Facts;
using TClass.Text;

namespace TClass.Rules;

/// <summary>
/// A classification policy as data: ordered outcomes, the facts it reads, a decision tree, score
/// tables and the texts of its explanations. Load one with <see cref="RulesetReader"/>; the built-in
/// ones are in <see cref="BuiltInRulesets"/>. Only the reader makes rulesets, so every ruleset has
/// passed every load-time check. Two rulesets are equal when their texts are (same SHA-256).
/// </summary>
public sealed record Ruleset
{
    private CompiledRuleset? _compiled;

    internal Ruleset()
    {
    }

    /// <summary>Identifier, e.g. <c>tclass-2.0</c>.</summary>
    public string Id { get; internal init; } = "";

    /// <summary>Version of the policy, e.g. <c>2.0.0</c>.</summary>
    public string Version { get; internal init; } = "";

    /// <summary>Title.</summary>
    public LocalizedText Title { get; internal init; } = new("", "");

    /// <summary>What the policy is and how it reads the standard.</summary>
    public LocalizedText? Description { get; internal init; }

    /// <summary>The standard or document the policy encodes.</summary>
    public string? Source { get; internal init; }

    /// <summary>Values given when classifying (e.g. the evaluation country).</summary>
    public ImmutableArray<RulesetParameter> Parameters { get; internal init; } = [];

    /// <summary>Groups of outcomes.</summary>
    public ImmutableArray<OutcomeGroup> Groups { get; internal init; } = [];

    /// <summary>The outcomes, lowest first.</summary>
    public ImmutableArray<Outcome> Outcomes { get; internal init; } = [];

    /// <summary>Every fact the tree and the score tables read.</summary>
    public ImmutableArray<FactDeclaration> Facts { get; internal init; } = [];

    /// <summary>Id of the first node asked.</summary>
    public string Root { get; internal init; } = "";

    /// <summary>The nodes of the decision tree.</summary>
    public ImmutableArray<RuleNode> Nodes { get; internal init; } = [];

    /// <summary>Score tables, one per axis.</summary>
    public ImmutableArray<ScoreAxis> Axes { get; internal init; } = [];

    /// <summary>Notes a result carries when their condition holds: what the policy set aside, and why.</summary>
    public ImmutableArray<RulesetNote> Notes { get; internal init; } = [];

    /// <summary>Texts of explanations by key (see docs/rule-language.md for the keys).</summary>
    public ImmutableDictionary<string, LocalizedText> Messages { get; internal init; } = ImmutableDictionary<string, LocalizedText>.Empty;

    /// <summary>SHA-256 of the ruleset file's text, lower-case hex: which exact policy produced a result.</summary>
    public string Sha256 { get; internal init; } = "";

    /// <summary>The outcome with <paramref name="idOrAlias"/> (case-insensitive, aliases allowed: <c>T4</c>), or <see langword="null"/>.</summary>
    public Outcome? FindOutcome(string idOrAlias) =>
        Outcomes.FirstOrDefault(o => string.Equals(o.Id, idOrAlias, StringComparison.OrdinalIgnoreCase))
        ?? Outcomes.FirstOrDefault(o => o.Aliases.Contains(idOrAlias, StringComparer.OrdinalIgnoreCase));

    /// <summary>The node with <paramref name="id"/>, or <see langword="null"/>.</summary>
    public RuleNode? FindNode(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>The declared fact at <paramref name="path"/>, or <see langword="null"/>.</summary>
    public FactDeclaration? FindFact(string path) => Facts.FirstOrDefault(f => f.Path == path);

    /// <summary>The text for message <paramref name="key"/>.</summary>
    public LocalizedText Message(string key) => Messages[key];

    /// <summary>The decision tree compiled for evaluation, built once on first use, for this very ruleset.</summary>
    internal CompiledRuleset Compiled =>
        _compiled is { } compiled && ReferenceEquals(compiled.Source, this) ? compiled : _compiled = CompiledRuleset.Compile(this);

    /// <inheritdoc/>
    public bool Equals(Ruleset? other) => other is not null && Sha256 == other.Sha256 && Id == other.Id;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sha256, Id);
}

/// <summary>A note a result carries when its condition holds, e.g. "a draft model's third-party weights were set aside".</summary>
/// <param name="Id">The note's id.</param>
/// <param name="When">The condition; the note is shown when it is known to hold.</param>
/// <param name="Text">The note, with <c>{fact}</c> placeholders.</param>
public sealed record RulesetNote(string Id, Condition When, LocalizedText Text);

/// <summary>A value given when classifying, referred to as <c>$name</c> in conditions and <c>{name}</c> in texts.</summary>
/// <param name="Name">The parameter's name, e.g. <c>country</c>.</param>
/// <param name="Default">Its value when none is given.</param>
/// <param name="Pattern">A regular expression its values must match, if any.</param>
/// <param name="Label">What it is.</param>
public sealed record RulesetParameter(string Name, string Default, string? Pattern, LocalizedText Label);

/// <summary>A group of outcomes, e.g. T-Class's "Group 3 — Sovereign standard".</summary>
/// <param name="Id">Identifier, e.g. <c>sovereign-standard</c>.</param>
/// <param name="Label">Name.</param>
public sealed record OutcomeGroup(string Id, LocalizedText Label);

/// <summary>A level a model can be placed at.</summary>
/// <param name="Id">Identifier, e.g. <c>T4-2</c>.</param>
/// <param name="Rank">Position in the order of outcomes, 0 for the lowest.</param>
/// <param name="Label">Name, e.g. "Architecture Scaler".</param>
/// <param name="Group">Id of its group, or <see langword="null"/>.</param>
/// <param name="Aliases">Other names accepted on command lines (T-Class: <c>T4</c> for T4-1).</param>
public sealed record Outcome(string Id, int Rank, LocalizedText Label, string? Group, ImmutableArray<string> Aliases);

/// <summary>The shape of a fact as a ruleset reads it.</summary>
public enum FactType
{
    /// <summary>One value out of <see cref="FactDeclaration.Values"/>.</summary>
    Enum,

    /// <summary>Yes or no.</summary>
    Bool,

    /// <summary>Any number of values out of <see cref="FactDeclaration.Values"/>.</summary>
    Set,
}

/// <summary>A fact a ruleset reads, with its domain and how to phrase it.</summary>
/// <param name="Path">The fact's path, e.g. <c>weights.origin</c>.</param>
/// <param name="Type">Its shape.</param>
/// <param name="Values">The domain of an enum or set fact.</param>
/// <param name="Other">Whether input values not in <paramref name="Values"/> read as a single "other" value.</param>
/// <param name="Label">What the fact is.</param>
public sealed record FactDeclaration(string Path, FactType Type, ImmutableArray<string> Values, bool Other, LocalizedText Label)
{
    /// <summary>How a derived fact is computed from the input, or <see langword="null"/> for a fact read as is.</summary>
    public Derivation? Derive { get; internal init; }

    /// <summary>For a bool fact: what it must be, phrased for next-level advice.</summary>
    public BoolPhrases? Requires { get; internal init; }

    /// <summary>
    /// Words for its values in prose (<c>value_labels</c> in the rule file): <c>partial</c> reads
    /// "일부" in a Korean reason. A value without a label is written as it is.
    /// </summary>
    public ImmutableDictionary<string, LocalizedText> ValueLabels { get; internal init; } = ImmutableDictionary<string, LocalizedText>.Empty;

    /// <summary>The input fact a person must declare to make this one known: the list a derived fact is computed from, else the fact itself.</summary>
    public string InputPath => Derive?.Over ?? Path;

    /// <summary>One of its values in words: its label in <paramref name="language"/>, else the value itself.</summary>
    public string Words(string value, Language language) =>
        ValueLabels.TryGetValue(value, out var label) ? label.In(language) : value;

    /// <summary>
    /// One of its values as written in a card, which Korean follows with its words —
    /// <c>partial(일부)</c> — where a person reads the value rather than prose about it.
    /// </summary>
    public string Glossed(string value, Language language) =>
        language == Language.Korean && Words(value, language) is var words && words != value ? value + "(" + words + ")" : value;

    /// <summary>A value of the fact in words (<see cref="Words(string, Language)"/>), each of a set's in turn; other values as they read.</summary>
    public string Words(FactValue value, Language language) => EachSymbol(value, symbol => Words(symbol, language));

    /// <summary>A value of the fact as written, glossed in Korean (<see cref="Glossed(string, Language)"/>), each of a set's in turn.</summary>
    public string Glossed(FactValue value, Language language) => EachSymbol(value, symbol => Glossed(symbol, language));

    private static string EachSymbol(FactValue value, Func<string, string> shown) => value switch
    {
        SymbolValue symbol => shown(symbol.Value),
        SymbolSetValue set => string.Join(", ", set.Values.Select(shown)),
        _ => value.Prose,
    };
}

/// <summary>Phrases for a bool fact being true and being false.</summary>
/// <param name="True">When the fact must be true.</param>
/// <param name="False">When the fact must be false.</param>
public sealed record BoolPhrases(LocalizedText True, LocalizedText False);

/// <summary>How many records of a list must match, or that a single value is tested.</summary>
public enum Quantifier
{
    /// <summary>At least one record.</summary>
    Any,

    /// <summary>Every record.</summary>
    All,

    /// <summary>Not one record.</summary>
    None,

    /// <summary>No list: the value of a single fact is tested (<c>derive: { value: model.country, in: [$country] }</c>).</summary>
    Value,
}

/// <summary>One test of a derivation: a record's field (or the single value) is one of <paramref name="Values"/>, or is not.</summary>
/// <param name="Field">The field of each record tested, e.g. <c>country</c>; null for a <see cref="Quantifier.Value"/> derivation.</param>
/// <param name="Values">The values listed; <c>$name</c> stands for a parameter.</param>
/// <param name="Negated">
/// <c>not_in</c>: the field must not be one of the values. An absent field is not one of them, so it
/// passes; with <c>in</c> an absent field leaves the match unknown.
/// </param>
public sealed record FieldTest(string? Field, ImmutableArray<string> Values, bool Negated);

/// <summary>
/// A yes/no fact computed from the input: over a list of records ("all serving chips are from KR
/// vendors", "any component from a third party that is not a draft model"), or from one value
/// ("the developer's country is the evaluation country").
/// </summary>
/// <param name="Quantifier">How many records must match, or <see cref="Quantifier.Value"/>.</param>
/// <param name="Over">The records fact (e.g. <c>infrastructure.serving.chips</c>) or the single fact (e.g. <c>model.country</c>).</param>
/// <param name="Where">The tests a record (or the value) must pass, all of them.</param>
public sealed record Derivation(Quantifier Quantifier, string Over, ImmutableArray<FieldTest> Where);
