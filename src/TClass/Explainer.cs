using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using TClass.Engine;
using TClass.Facts;
using TClass.Rules;
using TClass.Text;

namespace TClass;

/// <summary>
/// Turns an <see cref="Evaluation"/> into what people read: the path with facts, evidence and
/// reasons, the requirements of the next level, the explanation paragraph. Every word comes from the
/// ruleset's texts; the model's facts and the parameters are filled into their placeholders.
/// </summary>
internal sealed partial class Explainer(Evaluation evaluation)
{
    private Ruleset Ruleset => evaluation.Ruleset.Source;

    public ImmutableArray<PathStep> Path() => Steps(evaluation.Exploration.Steps);

    public string Because(Language language)
    {
        var steps = string.Join(" ", evaluation.Exploration.Steps.OfType<AnsweredStep>()
            .Select(step => Fill(evaluation.Ruleset.Nodes[step.Node].Branches[step.Branch].Source.Reason, language)));

        if (evaluation.Outcome >= 0)
        {
            var tier = Ruleset.Outcomes[evaluation.Outcome];
            return Fill(Ruleset.Message(MessageKeys.BecauseDecided), language,
                ("steps", steps), ("tier", tier.Id), ("label", tier.Label.In(language))).Trim();
        }

        return Fill(Ruleset.Message(MessageKeys.BecauseUndecided), language,
            ("steps", steps),
            ("candidates", string.Join(", ", Outcomes(evaluation.Candidates).Select(o => o.Id))),
            ("missing", string.Join(", ", evaluation.Missing.Select(f => f.Declaration.InputPath).Distinct()))).Trim();
    }

    public NextLevel? Next()
    {
        if (evaluation.Next is not { } next)
        {
            return null;
        }

        // A path may ask the same of a fact twice (a switch on it, then again further on): say it once.
        var needs = next.Unmet.SelectMany(c => Requirements(c.Condition, c.Holds))
            .DistinctBy(r => (r.Fact, r.Needs, string.Join("\n", r.Or.Select(o => o.Fact + " " + o.Needs.En))))
            .ToImmutableArray();
        return new NextLevel(Ruleset.Outcomes[next.Outcome], needs);
    }

    public ImmutableArray<Outcome> Outcomes(ulong mask) =>
        [.. Ruleset.Outcomes.Where(o => (mask & (1UL << o.Rank)) != 0)];

    public LocalizedText Localize(LocalizedText text) => new(Fill(text, Language.English), Fill(text, Language.Korean));

    private ImmutableArray<PathStep> Steps(ImmutableArray<TraceStep> steps) => [.. steps.Select(Step)];

    private PathStep Step(TraceStep step)
    {
        var node = evaluation.Ruleset.Nodes[step.Node];
        var facts = node.FactsRead
            .Select(f =>
            {
                var value = evaluation.ValueOf(f);
                return new FactReading(f.Path, Localize(f.Declaration.Label), value, evaluation.Source.Evidence(f.Declaration.InputPath))
                {
                    ValueText = value is null ? null : Localized(language => Shown(f, value, language)),
                };
            })
            .ToImmutableArray();
        if (step is SplitStep split)
        {
            var explored = split.Scenarios
                .Select(s => new ExploredBranch(Assumption(s.Assumption, s.Holds), Outcomes(s.Outcomes), Steps(s.Steps)))
                .ToImmutableArray();
            return new PathStep(node.Source.Id, Localize(node.Source.Question), facts, null, null, null,
                [split.Atom.Fact.Declaration.InputPath], explored);
        }

        var answered = (AnsweredStep)step;
        var branch = node.Branches[answered.Branch];
        var answer = Answer(node, answered.Branch);
        return new PathStep(node.Source.Id, Localize(node.Source.Question), facts, answer, Localize(branch.Source.Reason),
            branch.IsLeaf ? Ruleset.Outcomes[branch.Outcome].Id : null, [], [])
        {
            AnswerText = node.SwitchFact is not { } fact
                ? Ruleset.Message(answered.Branch == 0 ? MessageKeys.AnswerYes : MessageKeys.AnswerNo)
                : evaluation.ValueOf(fact) is { } value
                    ? Localized(language => fact.Declaration.Words(value, language))
                    : Localized(language => string.Join(" | ", fact.SymbolsOf(node.CaseMasks[answered.Branch]).Select(s => Words(fact, s, language)))),
        };
    }

    private static LocalizedText Localized(Func<Language, string> text) => new(text(Language.English), text(Language.Korean));

    /// <summary>
    /// A value where it is read or assumed (<c>weights.origin = scratch</c>): the value a person
    /// writes in a card, which Korean follows with its words, <c>scratch(처음부터 학습)</c>, and
    /// yes-or-no facts answered 예 / 아니요.
    /// </summary>
    private string Shown(CompiledFact fact, FactValue value, Language language) =>
        value is BoolValue truth ? Shown(fact, truth.Value ? "true" : "false", language) : fact.Declaration.Glossed(value, language);

    private string Shown(CompiledFact fact, string symbol, Language language)
    {
        if (symbol == CompiledFact.OtherSymbol)
        {
            return Words(fact, symbol, language);
        }

        if (language == Language.Korean && fact.Declaration.Type == FactType.Bool)
        {
            return Ruleset.Message(symbol == "true" ? MessageKeys.AnswerYes : MessageKeys.AnswerNo).In(language);
        }

        return fact.Declaration.Glossed(symbol, language);
    }

    private string Words(CompiledFact fact, string symbol, Language language) =>
        symbol == CompiledFact.OtherSymbol ? Ruleset.Message(MessageKeys.AnswerOther).In(language) : fact.Declaration.Words(symbol, language);

    private string Answer(CompiledNode node, int branch)
    {
        if (node.SwitchFact is not { } fact)
        {
            return branch == 0 ? "yes" : "no";
        }

        return evaluation.ValueOf(fact) is { } value
            ? value.Display
            : string.Join(" | ", fact.SymbolsOf(node.CaseMasks[branch]));
    }

    private LocalizedText Assumption(Atom atom, bool holds)
    {
        var fact = atom.Fact;
        if (atom.Kind == AtomKind.In && !holds)
        {
            // "is not none or partial" reads better as "is dominant": name the values that remain.
            return Assumption(new Atom(fact, AtomKind.In, fact.Universe & ~atom.Mask), holds: true);
        }

        var key = atom.Kind == AtomKind.In
            ? (holds ? MessageKeys.AssumeBe : MessageKeys.AssumeNotBe)
            : atom.Mask == fact.Universe
                ? (holds ? MessageKeys.AssumeNotEmpty : MessageKeys.AssumeEmpty)
                : (holds ? MessageKeys.AssumeInclude : MessageKeys.AssumeExclude);
        return Phrase(key, atom, shown: true, ("fact", fact.Path));
    }

    /// <summary>What must be true of the input for <paramref name="condition"/> to be <paramref name="holds"/>.</summary>
    private IEnumerable<Requirement> Requirements(CompiledCondition condition, bool holds)
    {
        var wanted = holds ? Tri.True : Tri.False;
        switch (condition)
        {
            case Atom atom:
                return [Requirement(atom, holds)];
            case NotCondition not:
                return Requirements(not.Condition, !holds);
            case AllCondition all when holds:
                return all.Conditions.Where(c => c.Evaluate(evaluation.States) != wanted).SelectMany(c => Requirements(c, true));
            case AnyCondition any when !holds:
                return any.Conditions.Where(c => c.Evaluate(evaluation.States) != wanted).SelectMany(c => Requirements(c, false));
            default:
                // "any of these would do": the first is the requirement, the rest its alternatives. A
                // condition not met has a requirement (each part of it is not met either), so there is a first.
                var parts = ((JunctionCondition)condition).Conditions;
                var options = parts.SelectMany(c => Requirements(c, holds)).ToList();
                return [options[0] with { Or = [.. options.Skip(1)] }];
        }
    }

    private Requirement Requirement(Atom atom, bool holds)
    {
        var fact = atom.Fact;
        var path = fact.Declaration.InputPath;
        LocalizedText needs;
        if (fact.Declaration.Requires is { } phrases)
        {
            var wantsTrue = (atom.Mask == 1UL << fact.Bits["true"]) == holds;
            needs = Localize(wantsTrue ? phrases.True : phrases.False);
        }
        else
        {
            var key = atom.Kind == AtomKind.In
                ? (holds ? MessageKeys.NeedsBe : MessageKeys.NeedsNotBe)
                : atom.Mask == fact.Universe
                    ? (holds ? MessageKeys.NeedsNotEmpty : MessageKeys.NeedsEmpty)
                    : (holds ? MessageKeys.NeedsInclude : MessageKeys.NeedsExclude);
            needs = Phrase(key, atom, shown: false);
        }

        return new Requirement(path, evaluation.Source.Read(path), needs, []);
    }

    /// <summary>
    /// A requirement or an assumption about <paramref name="atom"/>'s values: a requirement keeps
    /// the values a person writes in a card; an assumption shows them as a fact line does.
    /// </summary>
    private LocalizedText Phrase(string key, Atom atom, bool shown, params (string Name, string Value)[] extra)
    {
        var message = Ruleset.Message(key);
        return Localized(language => Fill(message, language, [("values", Values(atom, shown, language)), .. extra]));
    }

    private string Values(Atom atom, bool shown, Language language) =>
        string.Join(Ruleset.Message(MessageKeys.ListOr).In(language),
            atom.Fact.SymbolsOf(atom.Mask).Select(s =>
                shown ? Shown(atom.Fact, s, language)
                : s == CompiledFact.OtherSymbol ? Ruleset.Message(MessageKeys.AnswerOther).In(language) : s));

    /// <summary>Fills <c>{name}</c> placeholders: the given values first, then parameters, then facts.</summary>
    private string Fill(LocalizedText text, Language language, params (string Name, string Value)[] values)
    {
        var template = text.In(language);
        StringBuilder? filled = null;
        var copied = 0;
        foreach (var match in Placeholder().EnumerateMatches(template))
        {
            filled ??= new StringBuilder(template.Length + 32);
            filled.Append(template, copied, match.Index - copied).Append(Value(template.Substring(match.Index + 1, match.Length - 2), language, values));
            copied = match.Index + match.Length;
        }

        return filled is null ? template : filled.Append(template, copied, template.Length - copied).ToString();
    }

    /// <summary>What the placeholder <c>{name}</c> stands for.</summary>
    private string Value(string name, Language language, (string Name, string Value)[] values)
    {
        foreach (var (key, given) in values)
        {
            if (key == name)
            {
                return given;
            }
        }

        if (evaluation.Parameters.TryGetValue(name, out var parameter))
        {
            return parameter;
        }

        if (evaluation.Ruleset.FactsByPath.TryGetValue(name, out var derived) && derived.Derive is { Quantifier: not Quantifier.Value } derive
            && evaluation.ValueOf(derived) is BoolValue truth && evaluation.Source.Read(derive.Over) is RecordListValue list)
        {
            // A derived fact names the records that make it so: "vision encoder", "nvidia-h100".
            return string.Join(", ", derive.Witnesses(list.Records, evaluation.Parameters, truth.Value).Select(r => r.Label));
        }

        var declared = evaluation.Ruleset.FactsByPath.GetValueOrDefault(name);
        var value = declared is null ? evaluation.Source.Read(name) : evaluation.ValueOf(declared);
        return value is null ? Ruleset.Message(MessageKeys.ValueUnknown).In(language) : declared?.Declaration.Words(value, language) ?? value.Prose;
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();
}
