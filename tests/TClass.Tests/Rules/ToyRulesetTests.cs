using TClass.Facts;
using TClass.Rules;

namespace TClass.Tests.Rules;

/// <summary>
/// The engine knows nothing of T-Class: a toy input format (a piece of fruit and the baskets it may
/// go in) and a toy policy (eat, cook or compost it) go through the same loader, load-time checks,
/// three-valued evaluation, explanation and next-level advice.
/// </summary>
public sealed class ToyRulesetTests
{
    internal static readonly FactSchema Fruit = new("fruit format", [
        new FactDescriptor("fruit.kind", FactKind.Enum, ["apple", "pear", "plum"]),
        new FactDescriptor("fruit.ripe", FactKind.Bool, []),
        new FactDescriptor("fruit.marks", FactKind.Set, ["bruise", "worm", "sticker"]),
        new FactDescriptor("fruit.origin", FactKind.Text, []),
        new FactDescriptor("baskets", FactKind.Records, ["owner", "country"]),
    ]);

    internal const string Policy = """
        ruleset: 1
        id: fruit-policy
        version: 0.1.0
        title: { en: What to do with a piece of fruit, ko: 과일 처리 }
        parameters:
          - { name: home, default: KR, pattern: "^[A-Z]{2}$", label: { en: home country, ko: 본국 } }
        outcomes:
          - { id: compost, label: { en: Compost, ko: 퇴비 } }
          - { id: cook, label: { en: Cook, ko: 요리 } }
          - { id: eat, label: { en: Eat, ko: 먹기 } }
        facts:
          - { path: fruit.kind, type: enum, values: [apple, pear, plum], label: { en: kind, ko: 종류 } }
          - { path: fruit.ripe, type: bool, label: { en: ripe, ko: 익음 } }
          - { path: fruit.marks, type: set, values: [bruise, worm, sticker], label: { en: marks, ko: 흠 } }
          - path: fruit.local
            type: bool
            label: { en: grown at home, ko: 국산 }
            derive: { value: fruit.origin, in: [$home] }
            requires:
              "true": { en: "must be {home}", ko: "{home}이어야 함" }
              "false": { en: "must not be {home}", ko: "{home}이 아니어야 함" }
          - path: baskets.foreign
            type: bool
            label: { en: a basket from abroad, ko: 외국 바구니 }
            derive: { any: baskets, where: [{ field: country, not_in: [$home] }, { field: owner, in: [market] }] }
            requires:
              "true": { en: "must include a market basket from abroad", ko: "외국 시장 바구니가 있어야 함" }
              "false": { en: "must have no market basket from abroad", ko: "외국 시장 바구니가 없어야 함" }
        root: kind
        nodes:
          - id: kind
            question: { en: Which fruit is it?, ko: 어떤 과일인가? }
            switch: fruit.kind
            cases:
              - { values: [plum], outcome: cook, reason: { en: "Plums are for jam.", ko: "자두는 잼으로." } }
            default: { next: worm, reason: { en: "An apple or a pear ({fruit.kind}).", ko: "사과나 배({fruit.kind})." } }
          - id: worm
            question: { en: Is there a worm?, ko: 벌레가 있는가? }
            if: { fact: fruit.marks, contains: worm }
            then: { outcome: compost, reason: { en: "It has a worm.", ko: "벌레가 있다." } }
            else: { next: ripe, reason: { en: "No worm.", ko: "벌레가 없다." } }
          - id: ripe
            question: { en: Is it ripe and local?, ko: 익었고 국산인가? }
            if: { all: [{ fact: fruit.ripe, is: true }, { fact: fruit.local, is: true }] }
            then: { outcome: eat, reason: { en: "Ripe, and from {home}.", ko: "익었고 {home}산." } }
            else: { outcome: cook, reason: { en: "Not ripe, or not from {home}.", ko: "덜 익었거나 {home}산이 아님." } }
        notes:
          - id: foreign-basket
            when: { fact: baskets.foreign, is: true }
            text: { en: "Return the market basket ({baskets.foreign}).", ko: "시장 바구니({baskets.foreign})를 돌려줄 것." }
        messages:
          because.decided: { en: "{steps} So: {tier} — {label}.", ko: "{steps} 결론: {tier} — {label}." }
          because.undecided: { en: "{steps} Still open: {candidates}; {missing} would decide.", ko: "{steps} 미정: {candidates}; {missing}." }
          answer.yes: { en: "yes", ko: "예" }
          answer.no: { en: "no", ko: "아니요" }
          answer.other: { en: "another value", ko: "다른 값" }
          value.unknown: { en: "not declared", ko: "선언되지 않음" }
          list.or: { en: " or ", ko: " 또는 " }
          needs.be: { en: "must be {values}", ko: "{values}이어야 함" }
          needs.not-be: { en: "must not be {values}", ko: "{values}이 아니어야 함" }
          needs.include: { en: "must include {values}", ko: "{values} 포함" }
          needs.exclude: { en: "must include none of {values}", ko: "{values} 미포함" }
          needs.empty: { en: "must be empty", ko: "비어 있음" }
          needs.not-empty: { en: "must list at least one value", ko: "하나 이상" }
          assume.be: { en: "if {fact} is {values}", ko: "{fact} = {values}" }
          assume.not-be: { en: "if {fact} is not {values}", ko: "{fact} ≠ {values}" }
          assume.include: { en: "if {fact} includes {values}", ko: "{fact} ∋ {values}" }
          assume.exclude: { en: "if {fact} includes none of {values}", ko: "{fact} ∌ {values}" }
          assume.empty: { en: "if {fact} is empty", ko: "{fact} 비어 있음" }
          assume.not-empty: { en: "if {fact} lists at least one value", ko: "{fact} 하나 이상" }
        """;

    private static readonly Ruleset Toy = Load(Policy);

    private static Ruleset Load(string text)
    {
        var read = RulesetReader.Parse(text, Fruit, "fruit-policy.yaml");
        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        return read.Ruleset!;
    }

    private sealed record Basket(string Owner, string? Country) : IFactRecord
    {
        public string Label => Owner;

        public string? Field(string name) => name == "owner" ? Owner : name == "country" ? Country : null;
    }

    /// <summary>A piece of fruit's facts, every one tasted; counts how often each path is read.</summary>
    internal sealed class Facts(Dictionary<string, FactValue> values) : IFactSource
    {
        public Dictionary<string, int> Reads { get; } = [];

        public FactValue? Read(string path)
        {
            Reads[path] = Reads.GetValueOrDefault(path) + 1;
            return values.GetValueOrDefault(path);
        }

        public string? Evidence(string path) => "tasted";
    }

    internal static Classification Classify(Ruleset ruleset, Facts facts, string home = "KR") =>
        TClassifier.Create(new ClassifierOptions { Ruleset = ruleset, Parameters = new Dictionary<string, string> { ["home"] = home } })
            .Classify(facts, "a piece of fruit");

    private static Classification Classify(Dictionary<string, FactValue> values, string home = "KR") => Classify(Toy, new Facts(values), home);

    [Fact]
    public void A_fully_known_fruit_gets_one_outcome_with_its_walk_and_reasons()
    {
        var result = Classify(new()
        {
            ["fruit.kind"] = new SymbolValue("apple"),
            ["fruit.ripe"] = BoolValue.True,
            ["fruit.marks"] = new SymbolSetValue(["sticker"]),
            ["fruit.origin"] = new SymbolValue("KR"),
        });

        Assert.Equal("eat", result.Outcome?.Id);
        Assert.Equal(["kind", "worm", "ripe"], result.Path.Select(p => p.Node));
        Assert.Equal("An apple or a pear (apple). No worm. Ripe, and from KR. So: eat — Eat.", result.Because());
        Assert.Empty(result.Scores);
    }

    /// <summary>A step as a line: node / answer / answer in English / in Korean / outcome / each fact read = English | Korean | evidence.</summary>
    private static string Told(PathStep step) => string.Join(" / ", [
        step.Node, step.Answer ?? "-", step.AnswerText?.En ?? "-", step.AnswerText?.Ko ?? "-", step.Outcome ?? "-",
        .. step.Facts.Select(f => $"{f.Path}={f.ValueText?.En}|{f.ValueText?.Ko}|{f.Evidence}")]);

    [Theory]
    [InlineData("apple", true, "sticker", "KR",
        "kind / apple / apple / apple / - / fruit.kind=apple|apple|tasted",
        "worm / no / no / 아니요 / - / fruit.marks=sticker|sticker|tasted",
        "ripe / yes / yes / 예 / eat / fruit.ripe=true|예|tasted / fruit.local=true|예|tasted",
        "An apple or a pear (apple). No worm. Ripe, and from KR. So: eat — Eat.")]
    [InlineData("pear", false, "bruise", "JP",
        "kind / pear / pear / pear / - / fruit.kind=pear|pear|tasted",
        "worm / no / no / 아니요 / - / fruit.marks=bruise|bruise|tasted",
        "ripe / no / no / 아니요 / cook / fruit.ripe=false|아니요|tasted / fruit.local=false|아니요|tasted",
        "An apple or a pear (pear). No worm. Not ripe, or not from KR. So: cook — Cook.")]
    public void Each_step_is_told_in_the_rulesets_words_the_answers_and_the_values_read(string kind, bool ripe, string marks, string origin,
        string first, string second, string third, string because)
    {
        var result = Classify(new()
        {
            ["fruit.kind"] = new SymbolValue(kind),
            ["fruit.ripe"] = BoolValue.Of(ripe),
            ["fruit.marks"] = new SymbolSetValue([marks]),
            ["fruit.origin"] = new SymbolValue(origin),
        });

        Assert.Equal([first, second, third], result.Path.Select(Told));
        Assert.Equal(because, result.Because());
    }

    [Fact]
    public void A_parameter_changes_what_a_derived_fact_says()
    {
        var values = new Dictionary<string, FactValue>
        {
            ["fruit.kind"] = new SymbolValue("pear"),
            ["fruit.ripe"] = BoolValue.True,
            ["fruit.marks"] = new SymbolSetValue([]),
            ["fruit.origin"] = new SymbolValue("JP"),
        };

        Assert.Equal("cook", Classify(values).Outcome?.Id);
        Assert.Equal("eat", Classify(values, home: "JP").Outcome?.Id);
    }

    [Fact]
    public void Unknown_facts_give_every_outcome_still_possible_and_the_facts_that_decide()
    {
        var result = Classify(new() { ["fruit.kind"] = new SymbolValue("apple"), ["fruit.marks"] = new SymbolSetValue([]) });

        Assert.Null(result.Outcome);
        Assert.Equal(["cook", "eat"], result.Candidates.Select(c => c.Id));
        Assert.Equal(["fruit.ripe", "fruit.origin"], result.Missing.ToArray());
        Assert.Equal("An apple or a pear (apple). No worm. Still open: cook, eat; fruit.ripe, fruit.origin would decide.", result.Because());
    }

    [Fact]
    public void The_lowest_outcome_is_a_decided_result_like_any_other()
    {
        var result = Classify(new() { ["fruit.kind"] = new SymbolValue("pear"), ["fruit.marks"] = new SymbolSetValue(["worm", "bruise"]) });

        Assert.Equal("compost", result.Outcome?.Id);
        Assert.Equal("An apple or a pear (pear). It has a worm. So: compost — Compost.", result.Because());
    }

    [Fact]
    public void A_value_a_set_lists_twice_is_included_once()
    {
        var result = Classify(new() { ["fruit.kind"] = new SymbolValue("apple"), ["fruit.marks"] = new SymbolSetValue(["worm", "worm"]) });

        Assert.Equal("compost", result.Outcome?.Id);
    }

    [Fact]
    public void A_kind_the_ruleset_does_not_list_and_has_no_other_value_for_is_unknown()
    {
        var result = Classify(new() { ["fruit.kind"] = new SymbolValue("kiwi"), ["fruit.marks"] = new SymbolSetValue(["worm"]) });

        Assert.Null(result.Outcome);
        Assert.Equal(["compost", "cook"], result.Candidates.Select(c => c.Id));
        Assert.Equal(["fruit.kind"], result.Missing.ToArray());
    }

    [Fact]
    public void With_nothing_known_every_outcome_is_possible()
    {
        var result = Classify([]);

        Assert.Equal(["compost", "cook", "eat"], result.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Next_level_advice_names_the_facts_to_change()
    {
        var result = Classify(new()
        {
            ["fruit.kind"] = new SymbolValue("apple"),
            ["fruit.ripe"] = BoolValue.False,
            ["fruit.marks"] = new SymbolSetValue([]),
            ["fruit.origin"] = new SymbolValue("KR"),
        });

        Assert.Equal("cook", result.Outcome?.Id);
        var need = Assert.Single(result.Next!.Needs);
        Assert.Equal("fruit.ripe", need.Fact);
    }

    [Fact]
    public void Records_with_several_field_tests_and_notes_work_on_any_list()
    {
        var result = Classify(new()
        {
            ["fruit.kind"] = new SymbolValue("plum"),
            ["baskets"] = new RecordListValue([new Basket("market", "FR"), new Basket("grandma", "FR"), new Basket("market", "KR")]),
        });

        Assert.Equal("cook", result.Outcome?.Id);
        var note = Assert.Single(result.Notes);
        Assert.Equal(("foreign-basket", "Return the market basket (market)."), (note.Id, note.Text.En));
    }

    [Fact]
    public void The_load_time_checks_hold_for_any_input_format()
    {
        var read = RulesetReader.Parse(Policy.Replace("path: fruit.kind, type: enum, values: [apple, pear, plum]", "path: fruit.kind, type: enum, values: [apple, pear, plum, kiwi]", StringComparison.Ordinal), Fruit, "toy.yaml");

        Assert.False(read.Succeeded);
        Assert.Contains(read.Diagnostics, d => d.Message.Contains("kiwi", StringComparison.Ordinal));
    }

    /// <summary>
    /// The toy policy with more facts derived from the baskets (all from home; none from the market)
    /// and from single values (the ripeness again), each named in a note that shows when it holds or fails.
    /// </summary>
    private static readonly Ruleset Baskets = Load(Policy
        .Replace("root: kind", """
              - path: baskets.home
                type: bool
                label: { en: every basket from home, ko: 모든 바구니 국산 }
                derive: { all: baskets, where: [{ field: country, in: [$home] }] }
                requires: { "true": { en: must hold, ko: 참 }, "false": { en: must fail, ko: 거짓 } }
              - path: baskets.no-market
                type: bool
                label: { en: no market basket, ko: 시장 바구니 없음 }
                derive: { none: baskets, where: [{ field: owner, in: [market] }] }
                requires: { "true": { en: must hold, ko: 참 }, "false": { en: must fail, ko: 거짓 } }
              - path: fruit.ready
                type: bool
                label: { en: ready, ko: 준비됨 }
                derive: { value: fruit.ripe, in: ["true"] }
                requires: { "true": { en: must hold, ko: 참 }, "false": { en: must fail, ko: 거짓 } }
            root: kind
            """, StringComparison.Ordinal)
        .Replace("messages:", """
              - { id: abroad, when: { fact: baskets.home, is: false }, text: { en: "From abroad: {baskets.home}.", ko: "외국: {baskets.home}." } }
              - { id: market, when: { fact: baskets.no-market, is: false }, text: { en: "From the market: {baskets.no-market}.", ko: "시장: {baskets.no-market}." } }
              - { id: ready, when: { fact: fruit.ready, is: true }, text: { en: "Ready: {fruit.ready}, grown at home: {fruit.local}.", ko: "준비: {fruit.ready}, 국산: {fruit.local}." } }
            messages:
            """, StringComparison.Ordinal));

    [Fact]
    public void A_note_names_the_records_that_make_a_derived_fact_hold_or_fail()
    {
        var result = Classify(Baskets, new Facts(new()
        {
            ["fruit.kind"] = new SymbolValue("plum"),
            ["baskets"] = new RecordListValue([new Basket("market", "FR"), new Basket("grandma", "KR"), new Basket("school", "JP"), new Basket("market", "KR")]),
        }));

        Assert.Equal(
            [
                ("foreign-basket", "Return the market basket (market)."),
                ("abroad", "From abroad: market, school."),
                ("market", "From the market: market, market."),
            ],
            result.Notes.Select(n => (n.Id, n.Text.En)));
    }

    [Fact]
    public void A_note_shows_a_fact_derived_from_a_single_value_as_its_value()
    {
        var result = Classify(Baskets, new Facts(new() { ["fruit.kind"] = new SymbolValue("plum"), ["fruit.ripe"] = BoolValue.True, ["fruit.origin"] = new SymbolValue("KR") }));

        var note = Assert.Single(result.Notes);
        Assert.Equal(("Ready: true, grown at home: true.", "준비: true, 국산: true."), (note.Text.En, note.Text.Ko));

        var unripe = Classify(Baskets, new Facts(new() { ["fruit.kind"] = new SymbolValue("plum"), ["fruit.ripe"] = BoolValue.False, ["fruit.origin"] = new SymbolValue("KR") }));
        Assert.Empty(unripe.Notes);
    }

    [Fact]
    public void A_list_that_several_derived_facts_read_is_read_from_the_input_once()
    {
        var facts = new Facts(new()
        {
            ["fruit.kind"] = new SymbolValue("plum"),
            ["baskets"] = new RecordListValue([new Basket("grandma", "KR")]),
        });

        Assert.Equal("cook", Classify(Baskets, facts).Outcome?.Id);
        Assert.Equal(1, facts.Reads["baskets"]);
    }

    /// <summary>The toy policy cut to one question, its answer yes leading to <paramref name="yes"/>.</summary>
    internal static Ruleset OneQuestion(string condition, string yes, string no)
    {
        var tree = Policy[Policy.IndexOf("root: kind", StringComparison.Ordinal)..Policy.IndexOf("notes:", StringComparison.Ordinal)];
        return Load(Policy.Replace(tree, $$"""
            root: q
            nodes:
              - id: q
                question: { en: Q?, ko: Q? }
                if: {{condition}}
                then: { outcome: {{yes}}, reason: { en: y, ko: y } }
                else: { outcome: {{no}}, reason: { en: n, ko: n } }

            """, StringComparison.Ordinal).Replace("  - { id: cook, label: { en: Cook, ko: 요리 } }\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_rulesets_are_compared_on_the_least_input_that_takes_each_path()
    {
        // "Marks a bruise or a worm, and a worm": the least set of marks is the worm alone.
        const string Condition = "{ all: [{ fact: fruit.marks, intersects: [bruise, worm] }, { fact: fruit.marks, contains: worm }] }";

        var entries = TClass.Audits.RulesetDiff.Compare(OneQuestion(Condition, "eat", "compost"), OneQuestion(Condition, "compost", "eat"));

        Assert.Contains(entries, e => e.Facts.SequenceEqual(["fruit.marks = [worm]"]));
    }
}
