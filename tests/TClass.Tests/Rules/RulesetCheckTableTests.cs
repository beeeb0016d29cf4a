using TClass.Rules;

namespace TClass.Tests.Rules;

/// <summary>
/// Every load-time check of the rule language, one row each: the smallest change to the toy ruleset
/// (<see cref="ToyRulesetTests.Policy"/>) that breaks that rule, and every diagnostic it gives, exactly
/// as a rule author reads it — file, line, column, code, field, message and fix.
/// </summary>
public sealed class RulesetCheckTableTests
{
    /// <summary>A row: what is broken, the edits (text to find → its replacement) that break it, and the diagnostics expected.</summary>
    public sealed record Row(string Rule, (string Find, string Replace)[] Edits, string[] Expected)
    {
        /// <summary>The code of each diagnostic, where a row states them (a program filters on codes).</summary>
        public string[]? Codes { get; init; }

        public override string ToString() => Rule;
    }

    private const string Scores = """
        scores:
          - axis: freshness
            label: { en: Freshness, ko: 신선도 }
            rules:
              - if: { fact: fruit.ripe, is: true }
                score: 10
                reason: { en: ripe, ko: 익음 }
              - score: 0
                reason: { en: not ripe, ko: 덜 익음 }
        messages:
        """;

    private static (string, string) WithScores(string rows) => ("messages:\n", Scores.Replace("""
              - if: { fact: fruit.ripe, is: true }
                score: 10
                reason: { en: ripe, ko: 익음 }
              - score: 0
                reason: { en: not ripe, ko: 덜 익음 }
        """, rows, StringComparison.Ordinal) + "\n");

    /// <summary>The rows by name: a name is serializable, so each row is a test case of its own that test tools can list and run alone.</summary>
    public static TheoryData<string> Rows => [.. Table.Select(r => r.Rule)];

    private static readonly Row[] Table =
    [
        new("an outcome alias repeats an outcome id",
            [("- { id: cook, label:", "- { id: cook, aliases: [EAT], label:")],
            ["toy.yaml:10:5: error: outcomes: the outcome id or alias 'eat' is declared twice. Fix: Give each outcome id or alias a unique name."]),
        new("a group id is used twice, in another case",
            [("outcomes:\n", "groups:\n  - { id: fresh, label: { en: Fresh, ko: 신선 } }\n  - { id: FRESH, label: { en: Fresh, ko: 신선 } }\noutcomes:\n")],
            ["toy.yaml:9:5: error: groups: the group id 'FRESH' is declared twice. Fix: Give each group id a unique name."]),
        new("more than 64 outcomes",
            [("outcomes:\n", "outcomes:\n" + string.Concat(Enumerable.Range(0, 62).Select(i => $"  - {{ id: extra-{i}, label: {{ en: x, ko: x }} }}\n")))],
            ["toy.yaml:72:5: error: outcomes: a ruleset may declare at most 64 outcomes. Fix: Merge outcomes or split the ruleset."]),
        new("more than 64 values, counting 'other'",
            [("facts:\n", "facts:\n  - { path: fruit.origin, type: enum, other: true, values: [" + string.Join(", ", Enumerable.Range(0, 64).Select(i => $"c{i}")) + "], label: { en: origin, ko: 원산지 } }\n")],
            ["toy.yaml:12:5: error: facts.fruit.origin: a fact may have at most 64 values. Fix: Group values, or use 'other: true' for the rest."]),
        new("an enum fact without values",
            [("path: fruit.kind, type: enum, values: [apple, pear, plum],", "path: fruit.kind, type: enum,")],
            [
                "toy.yaml:12:5: error: facts.fruit.kind: an enum fact needs its 'values'. Fix: List the fact's values.",
                "toy.yaml:12:5: error: facts.fruit.kind: the input can also give 'fruit.kind' the values apple, pear, plum, which the ruleset does not list. Fix: List every value, or add 'other: true' to read the rest as 'other'.",
            ]),
        new("a set fact without values",
            [("path: fruit.marks, type: set, values: [bruise, worm, sticker],", "path: fruit.marks, type: set,")],
            [
                "toy.yaml:14:5: error: facts.fruit.marks: a set fact needs its 'values'. Fix: List the fact's values.",
                "toy.yaml:14:5: error: facts.fruit.marks: the input can also give 'fruit.marks' the values bruise, worm, sticker, which the ruleset does not list. Fix: List every value, or add 'other: true' to read the rest as 'other'.",
            ]),
        new("a fact is declared twice",
            [("  - { path: fruit.ripe, type: bool, label: { en: ripe, ko: 익음 } }\n", "  - { path: fruit.ripe, type: bool, label: { en: ripe, ko: 익음 } }\n  - { path: fruit.ripe, type: bool, label: { en: ripe again, ko: 익음 } }\n")],
            ["toy.yaml:14:5: error: facts: the fact 'fruit.ripe' is declared twice. Fix: Give each fact a unique name."]),
        new("a parameter is declared twice",
            [("  - { name: home, default: KR", "  - { name: home, default: JP, label: { en: again, ko: 다시 } }\n  - { name: home, default: KR")],
            ["toy.yaml:7:5: error: parameters: the parameter 'home' is declared twice. Fix: Give each parameter a unique name."]),
        new("a note id is used twice",
            [("notes:\n", "notes:\n  - { id: foreign-basket, when: { fact: fruit.ripe, is: true }, text: { en: ripe, ko: 익음 } }\n")],
            ["toy.yaml:49:5: error: notes: the note id 'foreign-basket' is declared twice. Fix: Give each note id a unique name."]),
        new("a score axis is declared twice",
            [WithScores("""
                      - score: 0
                        reason: { en: any, ko: 모두 }
                  - axis: freshness
                    label: { en: Again, ko: 다시 }
                    rules:
                      - score: 1
                        reason: { en: any, ko: 모두 }
                """)],
            ["toy.yaml:57:5: error: scores: the score axis 'freshness' is declared twice. Fix: Give each score axis a unique name."]),
        new("a parameter's pattern is not a regular expression",
            [("pattern: \"^[A-Z]{2}$\"", "pattern: \"^[A-Z\"")],
            ["toy.yaml:6:5: error: parameters.home: the pattern '^[A-Z' is not a valid regular expression. Fix: Fix the pattern."]),
        new("a parameter's default does not match its pattern",
            [("default: KR", "default: kr")],
            ["toy.yaml:6:5: error: parameters.home: the default 'kr' does not match the pattern '^[A-Z]{2}$'. Fix: Change the default or the pattern."]),
        new("an outcome names an undeclared group",
            [("- { id: eat, label: { en: Eat, ko: 먹기 } }", "- { id: eat, group: fresh, label: { en: Eat, ko: 먹기 } }")],
            ["toy.yaml:10:5: error: outcomes.eat.group: the group 'fresh' is not declared. Fix: Declare it under 'groups:'."]),
        new("a bool fact lists values",
            [("path: fruit.ripe, type: bool,", "path: fruit.ripe, type: bool, values: [yes, no],")],
            ["toy.yaml:13:5: error: facts.fruit.ripe: a bool fact has the values true and false; 'values' does not apply. Fix: Remove 'values'."]),
        new("'other' on a set fact",
            [("path: fruit.marks, type: set,", "path: fruit.marks, type: set, other: true,")],
            ["toy.yaml:14:5: error: facts.fruit.marks: 'other' applies to enum facts only. Fix: Remove 'other'."]),
        new("value labels on a bool fact",
            [("path: fruit.ripe, type: bool,", "path: fruit.ripe, type: bool, value_labels: { \"true\": { en: ripe, ko: 익음 } },")],
            ["toy.yaml:13:53: error: facts.fruit.ripe.value_labels: a bool fact is answered yes or no in the ruleset's messages; 'value_labels' does not apply. Fix: Remove 'value_labels'."]),
        new("a value label for a value the fact lacks",
            [("path: fruit.kind, type: enum,", "path: fruit.kind, type: enum, value_labels: { kiwi: { en: kiwi, ko: 키위 } },")],
            ["toy.yaml:12:53: error: facts.fruit.kind.value_labels.kiwi: 'kiwi' is not one of the fact's values. Fix: Label the values listed under 'values'."]),
        new("a derived fact that is not bool",
            [("path: fruit.local\n    type: bool", "path: fruit.local\n    type: enum\n    values: [yes, no]")],
            [
                "toy.yaml:15:5: error: facts.fruit.local: a derived fact is yes or no, so its type must be bool. Fix: Write 'type: bool'.",
                "toy.yaml:45:49: error: nodes.ripe.if: 'true' is not a value of 'fruit.local'. Fix: Values: yes, no.",
            ]),
        new("a derived fact shadows an input fact",
            [("path: fruit.local\n", "path: fruit.origin\n"), ("{ fact: fruit.local, is: true }", "{ fact: fruit.origin, is: true }")],
            ["toy.yaml:15:5: error: facts.fruit.origin: 'fruit.origin' is a fact of the input (fruit format); a derived fact needs a name of its own. Fix: Rename the derived fact."]),
        new("a value derivation over a list",
            [("derive: { value: fruit.origin, in: [$home] }", "derive: { value: baskets, in: [$home] }")],
            ["toy.yaml:18:13: error: facts.fruit.local.derive.value: 'baskets' is not a single value in the input (fruit format). Fix: Test a single fact such as model.country."]),
        new("a quantified derivation over a single value",
            [("derive: { any: baskets,", "derive: { any: fruit.origin,")],
            ["toy.yaml:25:13: error: facts.baskets.foreign.derive: 'fruit.origin' is not a list of records in the input (fruit format). Fix: Derive from a list such as components."]),
        new("a derivation tests a field the records lack",
            [("{ field: owner, in: [market] }", "{ field: colour, in: [red] }")],
            ["toy.yaml:25:74: error: facts.baskets.foreign.derive.where.field: the records of 'baskets' have no field 'colour'. Fix: Fields: owner, country."]),
        new("a derivation names an undeclared parameter",
            [("{ field: country, not_in: [$home] }", "{ field: country, not_in: [$abroad] }")],
            ["toy.yaml:25:37: error: facts.baskets.foreign.derive.where.not_in: '$abroad' names no parameter of the ruleset. Fix: Declare the parameter under 'parameters:', or remove the '$'."]),
        new("a derived fact without 'requires'",
            [("""
                    derive: { value: fruit.origin, in: [$home] }
                    requires:
                      "true": { en: "must be {home}", ko: "{home}이어야 함" }
                      "false": { en: "must not be {home}", ko: "{home}이 아니어야 함" }
                """, "    derive: { value: fruit.origin, in: [$home] }\n")],
            ["toy.yaml:15:5: error: facts.fruit.local: a derived fact needs 'requires' phrases, used in next-level advice. Fix: Add 'requires: {true: {en, ko}, false: {en, ko}}'."]),
        new("a fact the input does not provide",
            [("path: fruit.ripe, type: bool,", "path: fruit.rip, type: bool,"), ("{ fact: fruit.ripe, is: true }", "{ fact: fruit.rip, is: true }")],
            ["toy.yaml:13:5: error: facts.fruit.rip: 'fruit.rip' is not a fact of the input (fruit format). Fix: Did you mean 'fruit.ripe'? Use a fact path of the manifest, or derive the fact with 'derive'."]),
        new("a fact declared with another shape than the input's",
            [("path: fruit.ripe, type: bool,", "path: fruit.ripe, type: enum, values: [yes, no],"), ("{ fact: fruit.ripe, is: true }", "{ fact: fruit.ripe, is: yes }")],
            ["toy.yaml:13:5: error: facts.fruit.ripe: 'fruit.ripe' is bool in the input, not enum. Fix: Declare it with the type that matches the input (bool)."]),
        new("a domain missing values the input can give",
            [("values: [apple, pear, plum], label", "values: [apple, plum], label")],
            ["toy.yaml:12:5: error: facts.fruit.kind: the input can also give 'fruit.kind' the values pear, which the ruleset does not list. Fix: List every value, or add 'other: true' to read the rest as 'other'."]),
        new("a switch on an undeclared fact",
            [("switch: fruit.kind", "switch: fruit.kin")],
            ["toy.yaml:31:5: error: nodes.kind.switch: 'fruit.kin' is not a declared fact. Fix: Did you mean 'fruit.kind'? Declare it under 'facts:'."]),
        new("a switch on a set fact",
            [("switch: fruit.kind", "switch: fruit.marks"), ("values: [plum], outcome: cook", "values: [worm], outcome: cook")],
            ["toy.yaml:31:5: error: nodes.kind.switch: 'fruit.marks' is a set; a switch needs a fact with one value. Fix: Use a condition node with 'contains', 'intersects' or 'empty'."]),
        new("a case value outside the fact's domain",
            [("values: [plum], outcome: cook", "values: [plum, kiwi], outcome: cook")],
            ["toy.yaml:35:9: error: nodes.kind.cases: 'kiwi' is not a value of 'fruit.kind'. Fix: Values: apple, pear, plum."]),
        new("a value in two cases",
            [("      - { values: [plum], outcome: cook,", "      - { values: [plum], outcome: cook, reason: { en: again, ko: 다시 } }\n      - { values: [plum], outcome: cook,")],
            ["toy.yaml:36:9: error: nodes.kind.cases: the value 'plum' is listed in two cases. Fix: List each value in one case only."]),
        new("a default no value reaches",
            [("      - { values: [plum], outcome: cook,", "      - { values: [apple, pear], next: worm, reason: { en: core, ko: 핵과 } }\n      - { values: [plum], outcome: cook,")],
            ["toy.yaml:37:14: error: nodes.kind.default: every value has a case, so the default is never taken. Fix: Remove the default."]),
        new("a condition on an undeclared fact",
            [("{ fact: fruit.marks, contains: worm }", "{ fact: fruit.mark, contains: worm }")],
            ["toy.yaml:39:9: error: nodes.worm.if: 'fruit.mark' is not a declared fact. Fix: Did you mean 'fruit.marks'? Declare it under 'facts:'."]),
        new("'contains' on an enum fact",
            [("{ fact: fruit.ripe, is: true }", "{ fact: fruit.kind, contains: apple }")],
            ["toy.yaml:44:17: error: nodes.ripe.if: 'fruit.kind' has one value; test it with is or in. Fix: Use an operator that fits the fact."]),
        new("'is' on a set fact",
            [("{ fact: fruit.marks, contains: worm }", "{ fact: fruit.marks, is: worm }")],
            ["toy.yaml:39:9: error: nodes.worm.if: 'fruit.marks' is a set; test it with contains, intersects or empty. Fix: Use an operator that fits the fact."]),
        new("'contains' with several values",
            [("{ fact: fruit.marks, contains: worm }", "{ fact: fruit.marks, contains: [worm, bruise] }")],
            ["toy.yaml:39:40: error: nodes[1].if.contains: expected text, found a list. Fix: Write text here."]),
        new("a condition value outside the fact's domain",
            [("{ fact: fruit.marks, contains: worm }", "{ fact: fruit.marks, contains: mould }")],
            ["toy.yaml:39:9: error: nodes.worm.if: 'mould' is not a value of 'fruit.marks'. Fix: Values: bruise, worm, sticker."]),
        new("a branch to a node that does not exist",
            [("else: { next: ripe,", "else: { next: rip,")],
            [
                "toy.yaml:41:11: error: nodes.worm: the node 'rip' does not exist. Fix: Did you mean 'ripe'? Point 'next' at a node id.",
                "toy.yaml:42:5: error: nodes.ripe: the node 'ripe' cannot be reached from the root 'kind'. Fix: Lead a branch to it, or remove it.",
            ]),
        new("a branch to an outcome that is not declared",
            [("then: { outcome: compost,", "then: { outcome: bin,")],
            ["toy.yaml:40:11: error: nodes.worm: the outcome 'bin' is not declared. Fix: Declare it under 'outcomes:'."]),
        new("a root that does not exist",
            [("root: kind", "root: type")],
            ["toy.yaml:1:1: error: root: the root node 'type' does not exist. Fix: Did you mean 'ripe'? Point 'root' at a node id."]),
        new("a cycle",
            [("else: { outcome: cook, reason: { en: \"Not ripe", "else: { next: worm, reason: { en: \"Not ripe")],
            ["toy.yaml:46:11: error: nodes.ripe: 'ripe' leads back to 'worm': the tree has a cycle. Fix: Point the branch at a node further down, or at an outcome."]),
        new("a node the root never reaches",
            [("root: kind", "root: worm")],
            ["toy.yaml:31:5: error: nodes.kind: the node 'kind' cannot be reached from the root 'worm'. Fix: Lead a branch to it, or remove it."]),
        new("an 'otherwise' row before the last",
            [WithScores("""
                      - score: 0
                        reason: { en: any, ko: 모두 }
                      - if: { fact: fruit.ripe, is: true }
                        score: 10
                        reason: { en: ripe, ko: 익음 }
                """)],
            [
                "toy.yaml:55:9: error: scores.freshness: a row without 'if' must be the last; the rows after it are never used. Fix: Move it to the end or give it a condition.",
                "toy.yaml:57:9: error: scores.freshness: the last row needs no 'if': it gives the score when no other row applies. Fix: Remove the 'if' of the last row, or add a final row without one.",
            ]) { Codes = ["unreachable", "invalid-ruleset"] },
        new("a last row with a condition",
            [WithScores("""
                      - if: { fact: fruit.ripe, is: true }
                        score: 10
                        reason: { en: ripe, ko: 익음 }
                """)],
            ["toy.yaml:55:9: error: scores.freshness: the last row needs no 'if': it gives the score when no other row applies. Fix: Remove the 'if' of the last row, or add a final row without one."]),
        new("a message the explanations need is missing",
            [("  list.or: { en: \" or \", ko: \" 또는 \" }\n", "")],
            ["toy.yaml:1:1: error: messages.list.or: the message 'list.or' is missing; explanations need it. Fix: Add 'list.or: {en: ..., ko: ...}' under 'messages:'."]),
        new("a placeholder names nothing",
            [("Plums are for jam.", "Plums are for {jam}.")],
            ["toy.yaml:35:9: error: nodes.kind: the placeholder '{jam}' names no fact or parameter. Fix: Use {fact.path} or {parameter}."]),
        // Where a placeholder names nothing: every kind of text says where it is.
        new("a placeholder in a question", [("{ en: Is there a worm?,", "{ en: \"Is there a {worm}?\",")], ["toy.yaml:37:5: error: nodes.worm.question: the placeholder '{worm}' names no fact or parameter. Fix: Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        new("a placeholder in a fact's label", [("label: { en: kind, ko: 종류 }", "label: { en: \"{kind}\", ko: 종류 }")], ["toy.yaml:12:5: error: facts.fruit.kind: the placeholder '{kind}' names no fact or parameter. Fix: Did you mean 'fruit.kind'? Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        new("a placeholder in a fact's 'requires' when true", [("\"true\": { en: \"must be {home}\"", "\"true\": { en: \"must be {homeland}\"")], ["toy.yaml:15:5: error: facts.fruit.local.requires: the placeholder '{homeland}' names no fact or parameter. Fix: Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        new("a placeholder in a fact's 'requires' when false", [("\"false\": { en: \"must not be {home}\"", "\"false\": { en: \"must not be {homeland}\"")], ["toy.yaml:15:5: error: facts.fruit.local.requires: the placeholder '{homeland}' names no fact or parameter. Fix: Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        new("a placeholder in a score reason", [WithScores("""
                      - score: 0
                        reason: { en: "{freshness}", ko: x }
            """)], ["toy.yaml:55:13: error: scores.freshness: the placeholder '{freshness}' names no fact or parameter. Fix: Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        new("a placeholder in a note", [("({baskets.foreign}).\", ko:", "({basket}).\", ko:")], ["toy.yaml:48:5: error: notes.foreign-basket: the placeholder '{basket}' names no fact or parameter. Fix: Did you mean 'baskets'? Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        new("a placeholder in a message", [("needs.be: { en: \"must be {values}\"", "needs.be: { en: \"must be {value}\"")], ["toy.yaml:59:3: error: messages.needs.be: the placeholder '{value}' names no fact or parameter. Fix: Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        new("a message's placeholder outside the messages", [("{ en: Is there a worm?,", "{ en: \"Is there a {values}?\",")], ["toy.yaml:37:5: error: nodes.worm.question: the placeholder '{values}' names no fact or parameter. Fix: Use {fact.path} or {parameter}."]) { Codes = ["unknown-placeholder"] },
        // Conditions are checked wherever they are written, inside any and not too.
        new("a note's condition on an undeclared fact", [("when: { fact: baskets.foreign, is: true }", "when: { fact: fruit.colour, is: true }")], ["toy.yaml:49:11: error: notes.foreign-basket: 'fruit.colour' is not a declared fact. Fix: Declare it under 'facts:'."]),
        new("a condition inside 'any' on an undeclared fact", [("if: { fact: fruit.marks, contains: worm }", "if: { any: [{ fact: fruit.marks, contains: worm }, { fact: fruit.colour, is: true }] }")], ["toy.yaml:39:56: error: nodes.worm.if: 'fruit.colour' is not a declared fact. Fix: Declare it under 'facts:'."]),
        new("a condition inside 'not' on an undeclared fact", [("if: { fact: fruit.marks, contains: worm }", "if: { not: { fact: fruit.colour, is: true } }")], ["toy.yaml:39:16: error: nodes.worm.if: 'fruit.colour' is not a declared fact. Fix: Declare it under 'facts:'."]),
        new("a wrong operator is the only complaint about its test", [("if: { fact: fruit.marks, contains: worm }", "if: { fact: fruit.kind, contains: kiwi }")], ["toy.yaml:39:9: error: nodes.worm.if: 'fruit.kind' has one value; test it with is or in. Fix: Use an operator that fits the fact."]),
        // Ids.
        new("an outcome alias repeats its own id", [("- { id: cook, label:", "- { id: cook, aliases: [COOK], label:")], ["toy.yaml:9:5: error: outcomes: the outcome id or alias 'COOK' is declared twice. Fix: Give each outcome id or alias a unique name."]),
        new("a node id is used twice", [("  - id: ripe\n", "  - id: worm\n")], ["toy.yaml:41:11: error: nodes.worm: the node 'ripe' does not exist. Fix: Point 'next' at a node id.", "toy.yaml:42:5: error: nodes: the node id 'worm' is declared twice. Fix: Give each node id a unique name."]),
        new("an outcome names an undeclared group among declared ones",
            [("outcomes:\n", "groups:\n  - { id: fresh, label: { en: Fresh, ko: 신선 } }\noutcomes:\n"),
             ("- { id: compost, label:", "- { id: compost, group: fresh, label:"),
             ("- { id: cook, label:", "- { id: cook, group: stale, label:")], ["toy.yaml:11:5: error: outcomes.cook.group: the group 'stale' is not declared. Fix: Declare it under 'groups:'."]),
        // Facts.
        new("value labels for values the fact lacks, reported in order", [("path: fruit.kind, type: enum,", "path: fruit.kind, type: enum, value_labels: { plum2: { en: p, ko: p }, apple2: { en: a, ko: a } },")], ["toy.yaml:12:53: error: facts.fruit.kind.value_labels.plum2: 'plum2' is not one of the fact's values. Fix: Did you mean 'plum'? Label the values listed under 'values'.", "toy.yaml:12:78: error: facts.fruit.kind.value_labels.apple2: 'apple2' is not one of the fact's values. Fix: Did you mean 'apple'? Label the values listed under 'values'."]),
        new("an enum over the input's free text without 'other'", [("facts:\n", "facts:\n  - { path: fruit.origin, type: enum, values: [KR], label: { en: origin, ko: 원산지 } }\n")], ["toy.yaml:12:5: error: facts.fruit.origin: 'fruit.origin' is text in the input, not enum. Fix: The input's value is free text: add 'other: true' so values not listed read as 'other'."]),
        new("a fact of another shape is not checked value by value", [("path: fruit.kind, type: enum, values: [apple, pear, plum]", "path: fruit.kind, type: set, values: [apple, pear, plum, kiwi]")], ["toy.yaml:12:5: error: facts.fruit.kind: 'fruit.kind' is enum in the input, not set. Fix: Declare it with the type that matches the input (enum).", "toy.yaml:31:5: error: nodes.kind.switch: 'fruit.kind' is a set; a switch needs a fact with one value. Fix: Use a condition node with 'contains', 'intersects' or 'empty'."]),
        new("a value the input cannot have, far from every value", [("path: fruit.kind, type: enum, values: [apple, pear, plum]", "path: fruit.kind, type: enum, values: [apple, pear, plum, zzzzzzzz]")], ["toy.yaml:12:5: error: facts.fruit.kind: 'zzzzzzzz' is not a value the input can have for 'fruit.kind'. Fix: Values: apple, pear, plum."]) { Codes = ["value-outside-domain"] },
        new("a value derivation over a misspelt fact", [("derive: { value: fruit.origin, in: [$home] }", "derive: { value: fruit.orign, in: [$nowhere] }")], ["toy.yaml:18:13: error: facts.fruit.local.derive.value: 'fruit.orign' is not a single value in the input (fruit format). Fix: Did you mean 'fruit.origin'? Test a single fact such as model.country."]),
        new("an undeclared parameter among several declared ones",
            [("  - { name: home, default: KR", "  - { name: season, default: summer, label: { en: season, ko: 계절 } }\n  - { name: home, default: KR"), ("{ field: country, not_in: [$home] }", "{ field: country, not_in: [$home, $abroad] }")],
            ["toy.yaml:26:37: error: facts.baskets.foreign.derive.where.not_in: '$abroad' names no parameter of the ruleset. Fix: Declare the parameter under 'parameters:', or remove the '$'."]),
        new("a switch on a fact far from every fact", [("switch: fruit.kind", "switch: zzzzzzzz")], ["toy.yaml:31:5: error: nodes.kind.switch: 'zzzzzzzz' is not a declared fact. Fix: Declare it under 'facts:'."]) { Codes = ["unknown-fact"] },
        new("a quantified derivation's 'in' names an undeclared parameter", [("{ field: owner, in: [market] }", "{ field: owner, in: [$market] }")], ["toy.yaml:25:74: error: facts.baskets.foreign.derive.where.in: '$market' names no parameter of the ruleset. Fix: Declare the parameter under 'parameters:', or remove the '$'."]),
        // Switches.
        new("a switch on a set fact is the only complaint about its cases", [("switch: fruit.kind", "switch: fruit.marks"), ("values: [plum], outcome: cook", "values: [rotten], outcome: cook")], ["toy.yaml:31:5: error: nodes.kind.switch: 'fruit.marks' is a set; a switch needs a fact with one value. Fix: Use a condition node with 'contains', 'intersects' or 'empty'."]),
        new("a case value far from every value", [("values: [plum], outcome: cook", "values: [zzzzzzzz], outcome: cook")], ["toy.yaml:35:9: error: nodes.kind.cases: 'zzzzzzzz' is not a value of 'fruit.kind'. Fix: Values: apple, pear, plum."]) { Codes = ["value-outside-domain"] },
        new("a switch without a default that leaves values out", [("      - { values: [plum], outcome: cook, reason: { en: \"Plums are for jam.\", ko: \"자두는 잼으로.\" } }", "      - { values: [apple], next: worm, reason: { en: apple, ko: 사과 } }"), ("    default: { next: worm, reason: { en: \"An apple or a pear ({fruit.kind}).\", ko: \"사과나 배({fruit.kind}).\" } }\n", "")], ["toy.yaml:31:5: error: nodes.kind: the switch on 'fruit.kind' has no case for pear, plum and no default. Fix: Add cases for them, or a 'default' branch."]) { Codes = ["uncovered-switch"] },
        new("a switch on an enum with 'other' must cover 'other'", [("facts:\n", "facts:\n  - { path: fruit.origin, type: enum, other: true, values: [KR], label: { en: origin, ko: 원산지 } }\n"), ("switch: fruit.kind\n    cases:\n      - { values: [plum], outcome: cook, reason: { en: \"Plums are for jam.\", ko: \"자두는 잼으로.\" } }\n    default: { next: worm, reason: { en: \"An apple or a pear ({fruit.kind}).\", ko: \"사과나 배({fruit.kind}).\" } }", "switch: fruit.origin\n    cases:\n      - { values: [KR], next: worm, reason: { en: home, ko: 국산 } }")], ["toy.yaml:32:5: error: nodes.kind: the switch on 'fruit.origin' has no case for (other) and no default. Fix: Add cases for them, or a 'default' branch."]) { Codes = ["uncovered-switch"] },
        new("a default no value reaches, by its code", [("      - { values: [plum], outcome: cook,", "      - { values: [apple, pear], next: worm, reason: { en: core, ko: 핵과 } }\n      - { values: [plum], outcome: cook,")], ["toy.yaml:37:14: error: nodes.kind.default: every value has a case, so the default is never taken. Fix: Remove the default."]) { Codes = ["unreachable"] },
        // Targets and root.
        new("a branch to an outcome far from every outcome", [("then: { outcome: compost,", "then: { outcome: zzzzzzzz,")], ["toy.yaml:40:11: error: nodes.worm: the outcome 'zzzzzzzz' is not declared. Fix: Declare it under 'outcomes:'."]) { Codes = ["unknown-outcome"] },
        new("a branch to a node far from every node", [("else: { next: ripe,", "else: { next: zzzzzzzz,")], ["toy.yaml:41:11: error: nodes.worm: the node 'zzzzzzzz' does not exist. Fix: Point 'next' at a node id.", "toy.yaml:42:5: error: nodes.ripe: the node 'ripe' cannot be reached from the root 'kind'. Fix: Lead a branch to it, or remove it."]) { Codes = ["unknown-node", "unreachable"] },
        new("a root far from every node", [("root: kind", "root: zzzzzzzz")], ["toy.yaml:1:1: error: root: the root node 'zzzzzzzz' does not exist. Fix: Point 'root' at a node id."]) { Codes = ["unknown-node"] },
        new("an outcome no leaf names",
            [("then: { outcome: compost, reason: { en: \"It has a worm.\"", "then: { outcome: cook, reason: { en: \"It has a worm.\"")],
            ["toy.yaml:8:5: error: outcomes.compost: no input can reach the outcome 'compost': no leaf names it, or the conditions on the way to its leaves contradict each other. Fix: Lead a reachable branch to it, or remove it."]),
    ];

    [Fact]
    public void Sixty_four_outcomes_are_allowed()
    {
        var text = ToyRulesetTests.Policy.Replace("outcomes:\n", "outcomes:\n" + string.Concat(Enumerable.Range(0, 61).Select(i => $"  - {{ id: extra-{i}, label: {{ en: x, ko: x }} }}\n")), StringComparison.Ordinal);

        var read = RulesetReader.Parse(text, ToyRulesetTests.Fruit, "toy.yaml");

        // The count is allowed; what is left is that no leaf names the 61 outcomes added.
        Assert.Equal(61, read.Diagnostics.Count(d => d.Code == "unreachable-outcome"));
        Assert.Equal(61, read.Diagnostics.Length);
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(63, true)]
    public void Sixty_four_values_are_allowed_counting_other(int values, bool other)
    {
        var codes = Enumerable.Range(0, 64).Select(i => $"c{i}").ToArray();
        var schema = new Facts.FactSchema("wide format", [.. ToyRulesetTests.Fruit.Facts, new Facts.FactDescriptor("fruit.code", other ? Facts.FactKind.Text : Facts.FactKind.Enum, other ? [] : [.. codes])]);
        var declaration = $"  - {{ path: fruit.code, type: enum, values: [{string.Join(", ", codes.Take(values))}]{(other ? ", other: true" : "")}, label: {{ en: code, ko: 코드 }} }}\n";

        var read = RulesetReader.Parse(ToyRulesetTests.Policy.Replace("facts:\n", "facts:\n" + declaration, StringComparison.Ordinal), schema, "toy.yaml");

        Assert.True(read.Succeeded && read.Diagnostics.IsEmpty, string.Join("\n", read.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_broken_rule_is_reported_where_it_is_written(string rule)
    {
        var row = Table.Single(r => r.Rule == rule);
        var text = ToyRulesetTests.Policy;
        foreach (var (find, replace) in row.Edits)
        {
            Assert.True(text.Contains(find, StringComparison.Ordinal), $"the toy ruleset has no '{find}'");
            text = text.Replace(find, replace, StringComparison.Ordinal);
        }

        var read = RulesetReader.Parse(text, ToyRulesetTests.Fruit, "toy.yaml");

        Assert.Null(read.Ruleset);
        Assert.Equal(row.Expected, read.Diagnostics.Select(d => d.ToString()));
        if (row.Codes is { } codes)
        {
            Assert.Equal(codes, read.Diagnostics.Select(d => d.Code));
        }
    }
}
