using static TClass.Tests.Standard.Cards;
using static TClass.Tests.TestData;

namespace TClass.Tests.Standard;

/// <summary>A model whose facts are not all declared is not guessed: the result is every level still possible.</summary>
public class UnknownFactsTests
{
    [Fact]
    public void With_nothing_declared_every_level_is_possible_and_the_weights_decide_most()
    {
        var result = Classify(Header);

        Assert.Null(result.Outcome);
        Assert.Equal(["T0", "T1", "T2", "T3", "T4-1", "T4-2", "T5", "T6"], result.Candidates());
        Assert.Equal("weights.origin", result.Missing[0]);
    }

    [Fact]
    public void A_derivative_with_undeclared_adaptation_is_T2_or_T3()
    {
        var result = Classify(Card("weights: { origin: open-derivative, base: Qwen/Qwen2.5-7B }"));

        Assert.Equal(["T2", "T3"], result.Candidates());
        Assert.Equal(["weights.adaptation"], result.Missing.ToArray());
    }

    [Fact]
    public void An_own_architecture_with_tokenizer_data_and_serving_undeclared_is_T4_2_T5_or_T6()
    {
        var result = Classify(Card("weights: { origin: scratch }", OwnArchitecture));

        Assert.Equal(["T4-2", "T5", "T6"], result.Candidates());
        Assert.Equal(
            ["tokenizer.origin", "data.distillation", "infrastructure.serving.chips", "infrastructure.serving.cloud", "data.teachers"],
            result.Missing.ToArray());
    }

    [Fact]
    public void Facts_that_cannot_change_the_result_are_not_reported_missing()
    {
        // The weights make this T2 whatever the architecture, tokenizer, data and serving are.
        var result = Classify(Card("weights: { origin: open-derivative, base: Qwen/Qwen2.5-7B, adaptation: [sft] }"));

        Assert.Equal("T2", result.Outcome?.Id);
        Assert.Empty(result.Missing);
    }

    [Fact]
    public void Absent_components_mean_none_but_an_absent_origin_is_unknown()
    {
        var result = Classify(Card(OwnArchitecture, NativeTokenizer, OwnData, DomesticServing));

        Assert.Contains("T6", result.Candidates());
        Assert.Contains("T0", result.Candidates());
        Assert.DoesNotContain("components", result.Missing);
    }

    [Fact]
    public void The_path_says_which_fact_was_unknown_and_which_branches_were_explored()
    {
        var result = Classify(Card("weights: { origin: scratch }", OwnArchitecture, OwnData, ForeignServing));

        var split = result.Path.Single(s => s.Answer is null);
        Assert.Equal("native-tokenizer", split.Node);
        Assert.Equal(["tokenizer.origin"], split.Unknown.ToArray());
        Assert.Collection(split.Explored,
            native => Assert.Equal(["T5"], native.Outcomes.Select(o => o.Id)),
            ownButNotNational => Assert.Equal(["T4-2"], ownButNotNational.Outcomes.Select(o => o.Id)),
            thirdParty => Assert.Equal(["T4-2"], thirdParty.Outcomes.Select(o => o.Id)));
        Assert.Equal("if tokenizer.origin is native", split.Explored[0].Assumption.En);
    }

    [Fact]
    public void A_question_asked_twice_about_an_unknown_fact_stays_consistent_with_the_first_assumption()
    {
        // Undeclared family: on the "own" branch the score table's own-family rows apply, on the other
        // branch the public-family rows; no scenario mixes the two.
        var result = Classify(Card("weights: { origin: scratch }", NativeTokenizer, OwnData, ForeignServing));

        Assert.Equal(["T4-1", "T4-2", "T5"], result.Candidates());
        Assert.Equal("architecture.family", result.Missing[0]);
    }

    [Fact]
    public void Undeclared_serving_leaves_T5_or_T6_and_scores_give_their_range()
    {
        var result = Classify(Card("weights: { origin: scratch }", OwnArchitecture, NativeTokenizer, OwnData));

        Assert.Equal(["T5", "T6"], result.Candidates());
        var infrastructure = result.Scores.Single(s => s.Axis == "infrastructure");
        Assert.Null(infrastructure.Score);
        Assert.Equal((0, 10), (infrastructure.Min, infrastructure.Max));
    }

    [Fact]
    public void The_explanation_of_an_undecided_result_names_the_candidates_and_the_missing_facts()
    {
        var result = Classify(Card("weights: { origin: open-derivative, base: x/y }"));

        Assert.Contains("T2, T3", result.Because(), StringComparison.Ordinal);
        Assert.Contains("weights.adaptation", result.Because(), StringComparison.Ordinal);
        Assert.Contains("weights.adaptation", result.Because(Text.Language.Korean), StringComparison.Ordinal);
    }

    [Fact]
    public void A_minimum_level_is_met_only_when_every_candidate_meets_it()
    {
        var undecided = Classify(Card("weights: { origin: scratch }", OwnArchitecture));

        Assert.True(undecided.Meets(Reference.FindOutcome("T4")!));
        Assert.False(undecided.Meets(Reference.FindOutcome("T5")!));
    }
}
