using TClass.Facts;
using TClass.Rules;

namespace TClass.Tests.Rules;

/// <summary>
/// How next-level advice and explored branches are phrased, from the ruleset's <c>needs.*</c> and
/// <c>assume.*</c> messages (or a fact's own <c>requires</c> phrases): one row per kind of condition,
/// wanted true or false. The fruit policy of <see cref="ToyRulesetTests"/> is cut to one question
/// whose wanted answer leads up (to <c>eat</c>; the other to <c>compost</c>).
/// </summary>
public sealed class AdvicePhrasingTests
{
    /// <summary>The toy policy with its tree replaced by one question: <paramref name="condition"/>, whose answer <paramref name="wanted"/> leads to <c>eat</c>.</summary>
    private static Ruleset OneQuestion(string condition, bool wanted) =>
        wanted ? ToyRulesetTests.OneQuestion(condition, "eat", "compost") : ToyRulesetTests.OneQuestion(condition, "compost", "eat");

    private static readonly Dictionary<string, FactValue> Pear = new()
    {
        ["fruit.kind"] = new SymbolValue("pear"),
        ["fruit.ripe"] = BoolValue.False,
        ["fruit.marks"] = new SymbolSetValue(["bruise"]),
        ["fruit.origin"] = new SymbolValue("JP"),
    };

    private static Classification Classify(Ruleset ruleset, Dictionary<string, FactValue> values) =>
        ToyRulesetTests.Classify(ruleset, new ToyRulesetTests.Facts(values));

    /// <summary>Each requirement as <c>fact: needs (ko) [or …]</c>.</summary>
    private static string Advice(Classification result) =>
        string.Join("; ", result.Next!.Needs.Select(Line));

    private static string Line(Requirement need) =>
        $"{need.Fact}: {need.Needs.En} ({need.Needs.Ko})" + (need.Or.IsEmpty ? "" : " or " + string.Join(" or ", need.Or.Select(Line)));

    public static TheoryData<string, bool, string> Requirements => new()
    {
        // A value, one of several values, and not that value.
        { "{ fact: fruit.kind, is: apple }", true, "fruit.kind: must be apple (apple이어야 함)" },
        { "{ fact: fruit.kind, in: [apple, plum] }", true, "fruit.kind: must be apple or plum (apple 또는 plum이어야 함)" },
        { "{ fact: fruit.kind, is: pear }", false, "fruit.kind: must not be pear (pear이 아니어야 함)" },
        { "{ not: { fact: fruit.kind, is: pear } }", true, "fruit.kind: must not be pear (pear이 아니어야 함)" },
        // Sets: include, include none of, empty, not empty.
        { "{ fact: fruit.marks, contains: worm }", true, "fruit.marks: must include worm (worm 포함)" },
        { "{ fact: fruit.marks, intersects: [bruise, worm] }", false, "fruit.marks: must include none of bruise or worm (bruise 또는 worm 미포함)" },
        { "{ fact: fruit.marks, empty: true }", true, "fruit.marks: must be empty (비어 있음)" },
        { "{ fact: fruit.marks, empty: false }", false, "fruit.marks: must be empty (비어 있음)" },
        { "{ fact: fruit.marks, empty: true }", false, "" },
        // A derived fact says what it needs in its own words; it is declared through its input.
        { "{ fact: fruit.local, is: true }", true, "fruit.origin: must be KR (KR이어야 함)" },
        { "{ fact: fruit.local, is: false }", false, "fruit.origin: must be KR (KR이어야 함)" },
        { "{ not: { fact: fruit.local, is: false } }", true, "fruit.origin: must be KR (KR이어야 함)" },
        // All: only the parts not met; any: the first part, the others as alternatives.
        { "{ all: [{ fact: fruit.ripe, is: true }, { fact: fruit.kind, is: pear }, { fact: fruit.local, is: true }] }", true,
            "fruit.ripe: must be true (true이어야 함); fruit.origin: must be KR (KR이어야 함)" },
        { "{ any: [{ fact: fruit.ripe, is: true }, { fact: fruit.kind, is: apple }] }", true,
            "fruit.ripe: must be true (true이어야 함) or fruit.kind: must be apple (apple이어야 함)" },
        // Wanted false: every part of an any must fail; one part of an all is enough.
        { "{ any: [{ fact: fruit.kind, is: pear }, { fact: fruit.ripe, is: true }, { fact: fruit.marks, contains: bruise }] }", false,
            "fruit.kind: must not be pear (pear이 아니어야 함); fruit.marks: must include none of bruise (bruise 미포함)" },
        { "{ all: [{ fact: fruit.kind, is: pear }, { fact: fruit.marks, contains: bruise }] }", false,
            "fruit.kind: must not be pear (pear이 아니어야 함) or fruit.marks: must include none of bruise (bruise 미포함)" },
    };

    [Theory]
    [MemberData(nameof(Requirements))]
    public void Advice_says_what_each_unmet_condition_needs(string condition, bool wanted, string expected)
    {
        var result = Classify(OneQuestion(condition, wanted), Pear);

        if (expected.Length == 0)
        {
            Assert.Equal("eat", result.Outcome?.Id);
            Assert.Null(result.Next);
            return;
        }

        Assert.Equal("compost", result.Outcome?.Id);
        Assert.Equal("eat", result.Next!.Outcome.Id);
        Assert.Equal(expected, Advice(result));
    }

    [Fact]
    public void A_requirement_shows_the_value_declared_now_and_nothing_for_an_undeclared_fact()
    {
        var declared = Assert.Single(Classify(OneQuestion("{ fact: fruit.kind, is: apple }", true), Pear).Next!.Needs);
        Assert.Equal(new SymbolValue("pear"), declared.Now);

        var needs = Classify(OneQuestion("{ all: [{ fact: fruit.kind, is: apple }, { fact: fruit.ripe, is: true }] }", true), new() { ["fruit.ripe"] = BoolValue.False }).Next!.Needs;
        Assert.Equal([("fruit.kind", null), ("fruit.ripe", BoolValue.False)], needs.Select(n => (n.Fact, n.Now)));
    }

    public static TheoryData<string, string> Assumptions => new()
    {
        // A value and the values that remain (not "is not pear": "is apple or plum").
        { "{ fact: fruit.kind, is: pear }", "if fruit.kind is pear → eat | if fruit.kind is apple or plum → compost" },
        { "{ fact: fruit.marks, contains: worm }", "if fruit.marks includes worm → eat | if fruit.marks includes none of worm → compost" },
        { "{ fact: fruit.marks, intersects: [worm, sticker] }", "if fruit.marks includes worm or sticker → eat | if fruit.marks includes none of worm or sticker → compost" },
        { "{ fact: fruit.marks, empty: true }", "if fruit.marks lists at least one value → compost | if fruit.marks is empty → eat" },
        { "{ fact: fruit.ripe, is: true }", "if fruit.ripe is true → eat | if fruit.ripe is false → compost" },
    };

    [Theory]
    [MemberData(nameof(Assumptions))]
    public void An_open_question_is_explored_under_each_assumption_named_in_the_ruleset_words(string condition, string expected)
    {
        var result = Classify(OneQuestion(condition, wanted: true), []);

        var explored = result.Path[0].Explored;
        Assert.Equal(expected, string.Join(" | ", explored.Select(b => b.Assumption.En + " → " + string.Join(", ", b.Outcomes.Select(o => o.Id)))));
    }

    [Fact]
    public void A_yes_or_no_assumption_reads_in_korean_as_the_rulesets_yes_and_no()
    {
        var result = Classify(OneQuestion("{ fact: fruit.ripe, is: true }", wanted: true), []);

        Assert.Equal(["fruit.ripe = 예", "fruit.ripe = 아니요"], result.Path[0].Explored.Select(b => b.Assumption.Ko));
    }

    [Fact]
    public void A_derived_fact_wanted_false_is_asked_for_in_its_own_words_for_false()
    {
        var local = new Dictionary<string, FactValue>(Pear) { ["fruit.origin"] = new SymbolValue("KR") };

        var result = Classify(OneQuestion("{ fact: fruit.local, is: true }", wanted: false), local);

        Assert.Equal("compost", result.Outcome?.Id);
        Assert.Equal("fruit.origin: must not be KR (KR이 아니어야 함)", Advice(result));
    }

    /// <summary>
    /// The toy policy with <c>fruit.kind</c> listing apple and pear only, any other kind read as
    /// "another value", and a tree that switches on it twice: a ripe apple is eaten, an unripe one
    /// composted; any other kind is asked again (where an apple could no longer be), and cooked.
    /// </summary>
    private static Ruleset AnotherKind()
    {
        var policy = ToyRulesetTests.Policy.Replace(
            "{ path: fruit.kind, type: enum, values: [apple, pear, plum], label:",
            "{ path: fruit.kind, type: enum, values: [apple, pear], other: true, label:", StringComparison.Ordinal);
        var tree = policy[policy.IndexOf("root: kind", StringComparison.Ordinal)..policy.IndexOf("notes:", StringComparison.Ordinal)];
        var switches = """
            root: first
            nodes:
              - id: first
                question: { en: Which fruit?, ko: 어떤 과일? }
                switch: fruit.kind
                cases:
                  - { values: [apple], next: ripe, reason: { en: a, ko: a } }
                default: { next: again, reason: { en: b, ko: b } }
              - id: again
                question: { en: "Which fruit, again?", ko: "다시, 어떤 과일?" }
                switch: fruit.kind
                cases:
                  - { values: [apple], outcome: compost, reason: { en: c, ko: c } }
                default: { outcome: cook, reason: { en: d, ko: d } }
              - id: ripe
                question: { en: Ripe?, ko: 익었나? }
                if: { fact: fruit.ripe, is: true }
                then: { outcome: eat, reason: { en: e, ko: e } }
                else: { outcome: compost, reason: { en: f, ko: f } }

            """;
        var read = RulesetReader.Parse(policy.Replace(tree, switches, StringComparison.Ordinal), ToyRulesetTests.Fruit, "another-kind.yaml");
        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        return read.Ruleset!;
    }

    [Fact]
    public void A_value_the_ruleset_does_not_list_is_another_value_in_answers_assumptions_and_advice()
    {
        var ruleset = AnotherKind();

        var plum = Classify(ruleset, new() { ["fruit.kind"] = new SymbolValue("plum") });
        Assert.Equal("cook", plum.Outcome?.Id);
        Assert.Equal(("plum", "plum"), (plum.Path[0].Answer, plum.Path[0].AnswerText?.En));

        var apple = Classify(ruleset, new() { ["fruit.kind"] = new SymbolValue("apple"), ["fruit.ripe"] = BoolValue.False });
        Assert.Equal(("compost", "cook"), (apple.Outcome?.Id, apple.Next?.Outcome.Id));
        Assert.Equal("fruit.kind: must be pear or another value (pear 또는 다른 값이어야 함)", Advice(apple));

        var unknown = Classify(ruleset, []);
        var explored = unknown.Path.Single().Explored;
        Assert.Equal(["if fruit.kind is apple", "if fruit.kind is pear or another value"], explored.Select(b => b.Assumption.En));
        Assert.Equal(["fruit.kind = apple", "fruit.kind = pear 또는 다른 값"], explored.Select(b => b.Assumption.Ko));

        // Under that assumption the walk goes on: both questions are answered by pear or another kind.
        Assert.Equal(["first", "again"], explored[1].Path.Select(p => p.Node));
        var again = explored[1].Path[1];
        Assert.Equal(("pear | (other)", "pear | another value", "pear | 다른 값", "cook"), (again.Answer, again.AnswerText?.En, again.AnswerText?.Ko, again.Outcome));
    }
}
