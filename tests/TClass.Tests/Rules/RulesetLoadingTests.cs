using TClass.Manifests;
using TClass.Rules;

namespace TClass.Tests.Rules;

/// <summary>The rule language: a ruleset that loads has passed every load-time check.</summary>
public class RulesetLoadingTests
{
    private static readonly string Reference = BuiltInRulesets.Text(BuiltInRulesets.Reference);

    /// <summary>The reference ruleset with one text replaced (the replaced text must occur).</summary>
    private static RulesetReadResult Mutated(string find, string replace, int count = 1)
    {
        Assert.Contains(find, Reference, StringComparison.Ordinal);
        var index = -1;
        var text = Reference;
        for (var i = 0; i < count; i++)
        {
            index = text.IndexOf(find, index + 1, StringComparison.Ordinal);
        }

        text = text[..index] + replace + text[(index + find.Length)..];
        return RulesetReader.Parse(text, ManifestFacts.Schema, "mutated.yaml");
    }

    private static Diagnostics.Diagnostic Error(RulesetReadResult result, string code)
    {
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Every_built_in_ruleset_loads()
    {
        Assert.Equal(["msit-independent-fm", "tclass-2.0", "tclass-2.0-strict"], BuiltInRulesets.Ids);
        foreach (var id in BuiltInRulesets.Ids)
        {
            // Built-in rulesets are loaded without their load-time checks (BuiltInRulesets): they must
            // pass every one of them here, without a single diagnostic.
            var result = RulesetReader.Parse(BuiltInRulesets.Text(id), ManifestFacts.Schema, id);
            Assert.True(result.Succeeded && result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
            Assert.Equal(BuiltInRulesets.Get(id), result.Ruleset);
        }
    }

    [Fact]
    public void Outcomes_are_ordered_and_T4_means_T4_1()
    {
        var ruleset = BuiltInRulesets.Get(BuiltInRulesets.Reference);

        Assert.Equal(["T0", "T1", "T2", "T3", "T4-1", "T4-2", "T5", "T6"], ruleset.Outcomes.Select(o => o.Id));
        Assert.Equal("T4-1", ruleset.FindOutcome("T4")?.Id);
        Assert.Equal("T4-2", ruleset.FindOutcome("t4-2")?.Id);
    }

    [Fact]
    public void Every_question_reason_label_and_message_is_written_in_English_and_Korean()
    {
        foreach (var id in BuiltInRulesets.Ids)
        {
            var ruleset = BuiltInRulesets.Get(id);
            var texts = ruleset.Nodes.SelectMany(n => n.Branches.Select(b => b.Reason).Prepend(n.Question))
                .Concat(ruleset.Outcomes.Select(o => o.Label))
                .Concat(ruleset.Groups.Select(g => g.Label))
                .Concat(ruleset.Facts.Select(f => f.Label))
                .Concat(ruleset.Axes.SelectMany(a => a.Rules.Select(r => r.Reason).Prepend(a.Label)))
                .Concat(ruleset.Messages.Values);
            Assert.All(texts, t =>
            {
                Assert.False(string.IsNullOrWhiteSpace(t.En));
                Assert.Contains(t.Ko, c => c is >= '\uAC00' and <= '\uD7A3' || !char.IsLetter(c));
            });
        }
    }

    [Fact]
    public void A_fact_the_input_does_not_provide_is_rejected()
    {
        var result = Mutated("  - path: tokenizer.origin\n", "  - path: tokenizer.provenance\n");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Path == "facts.tokenizer.provenance" && d.Message.Contains("not a fact of the input", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Path == "nodes.native-tokenizer.switch" && d.Message.Contains("not a declared fact", StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_on_an_undeclared_fact_is_rejected_with_the_nearest_fact()
    {
        var error = Error(Mutated("if: { fact: tokenizer.origin, is: native }", "if: { fact: tokenizer.origins, is: native }"), "unknown-fact");

        Assert.Contains("Did you mean 'tokenizer.origin'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_outside_the_facts_domain_is_rejected()
    {
        var error = Error(Mutated("if: { fact: tokenizer.origin, is: native }", "if: { fact: tokenizer.origin, is: nativ }"), "value-outside-domain");

        Assert.Contains("Did you mean 'native'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_label_must_name_one_of_the_facts_values()
    {
        var error = Error(Mutated("      partial: { en: partial, ko: 일부 }\n", "      partail: { en: partial, ko: 일부 }\n"), "value-outside-domain");

        Assert.Equal("facts.data.distillation.value_labels.partail", error.Path);
        Assert.Contains("Did you mean 'partial'?", error.Fix, StringComparison.Ordinal);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void A_bool_fact_takes_no_value_labels()
    {
        var result = Mutated("    derive: { all: data.teachers, where: { field: origin, in: [own] } }\n",
            "    derive: { all: data.teachers, where: { field: origin, in: [own] } }\n    value_labels:\n      \"true\": { en: yes, ko: 예 }\n");

        Assert.Contains(result.Diagnostics, d => d.Path == "facts.data.teachers.own.value_labels" && d.Fix == "Remove 'value_labels'.");
    }

    [Fact]
    public void A_declared_domain_must_match_the_input()
    {
        var result = Mutated("values: [native, own-non-national, expanded, reused]", "values: [native, own-non-national, expanded]");

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("also give 'tokenizer.origin' the values reused", StringComparison.Ordinal));
    }

    [Fact]
    public void An_uncovered_switch_value_is_rejected()
    {
        var error = Error(Mutated("      - values: [own-checkpoint]\n", "      - values: [scratch]\n"), "uncovered-switch");

        Assert.Contains("own-checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_no_input_can_reach_is_rejected()
    {
        var error = Error(Mutated("      outcome: T6\n", "      outcome: T5\n"), "unreachable-outcome");

        Assert.Equal("outcomes.T6", error.Path);
    }

    [Fact]
    public void An_outcome_behind_contradictory_conditions_is_unreachable_too()
    {
        // T1 now sits behind "origin is closed-finetune" and then "origin is api": no input can reach it.
        var text = Reference
            .Replace("      - values: [closed-finetune]\n        outcome: T1\n", "      - values: [closed-finetune]\n        next: contradiction\n", StringComparison.Ordinal)
            .Replace("\nnodes:\n", """

                nodes:
                  - id: contradiction
                    question: { en: "Is it an API wrapper?", ko: "API 래퍼인가?" }
                    if: { fact: weights.origin, is: api }
                    then: { outcome: T1, reason: { en: "never", ko: "없음" } }
                    else: { outcome: T0, reason: { en: "always", ko: "항상" } }

                """, StringComparison.Ordinal);

        var error = Error(RulesetReader.Parse(text, ManifestFacts.Schema, "contradiction.yaml"), "unreachable-outcome");

        Assert.Equal("outcomes.T1", error.Path);
    }

    [Fact]
    public void Duplicate_node_ids_are_rejected()
    {
        Error(Mutated("  - id: own-knowledge\n", "  - id: native-tokenizer\n"), "duplicate-id");
    }

    [Fact]
    public void A_cycle_is_rejected()
    {
        var error = Error(Mutated("      next: own-knowledge\n", "      next: weights-origin\n"), "cycle");

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_a_missing_node_is_rejected()
    {
        Error(Mutated("      next: own-knowledge\n", "      next: own-knowledges\n"), "unknown-node");
    }

    [Fact]
    public void A_node_the_root_never_reaches_is_rejected()
    {
        var result = Mutated("      next: own-knowledge\n", "      outcome: T5\n");

        Assert.Contains(result.Diagnostics, d => d.Code == "unreachable" && d.Path == "nodes.own-knowledge");
    }

    [Fact]
    public void Every_message_the_explanations_need_must_be_present()
    {
        var error = Error(Mutated("  value.unknown:", "  value.unknowns:"), "missing-message");

        Assert.Equal("messages.value.unknown", error.Path);
    }

    [Fact]
    public void Placeholders_must_name_a_fact_or_a_parameter()
    {
        var error = Error(Mutated("({weights.base})", "({weights.bases})"), "unknown-placeholder");

        Assert.Contains("Did you mean 'weights.base'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_score_table_ends_with_an_otherwise_row()
    {
        var result = Mutated("      - score: 0\n        reason: { en: \"no weights held\"", "      - if: { fact: weights.origin, is: api }\n        score: 0\n        reason: { en: \"no weights held\"");

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("the last row needs no 'if'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_rejects_unknown_keys_with_their_position()
    {
        var result = Mutated("root: weights-origin", "roots: weights-origin");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Code == "unknown-key" && d.Fix!.Contains("'root'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_derived_fact_must_quantify_over_a_list_of_records()
    {
        var error = Error(Mutated("any: components\n", "any: weights.base\n"), "invalid-ruleset");

        Assert.Contains("not a list of records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_referenced_in_a_derivation_must_be_declared()
    {
        var result = Mutated("in: [$country] } }", "in: [$nation] } }");

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'$nation' names no parameter", StringComparison.Ordinal));
    }

    [Fact]
    public void Anchors_are_refused_in_rulesets_too()
    {
        var result = Mutated("root: weights-origin", "root: &r weights-origin");

        Assert.Contains(result.Diagnostics, d => d.Code == "yaml-anchor");
    }
}
