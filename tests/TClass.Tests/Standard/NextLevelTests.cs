using static TClass.Tests.Standard.Cards;
using static TClass.Tests.TestData;

namespace TClass.Tests.Standard;

/// <summary>What a model would need to reach the next level: "fact X must be Y (now: Z)".</summary>
public class NextLevelTests
{
    [Fact]
    public void An_architecture_adopter_needs_a_changed_configuration_either_way()
    {
        var result = Classify(Card(
            "weights: { origin: scratch }", "architecture: { family: llama, config: identical }", NativeTokenizer));

        var next = result.Next!;
        Assert.Equal("T4-2", next.Outcome.Id);
        var need = Assert.Single(next.Needs);
        Assert.Equal("architecture.config", need.Fact);
        Assert.Equal("identical", need.Now?.Display);
        Assert.Equal("must be modified", need.Needs.En);
        var alternative = Assert.Single(need.Or);
        Assert.Equal("architecture.changes", alternative.Fact);
        Assert.Equal("must list at least one value", alternative.Needs.En);
    }

    [Fact]
    public void A_borrowed_tokenizer_is_exactly_what_stands_between_T4_2_and_T5()
    {
        var result = Classify(Card(
            "weights: { origin: scratch }", OwnArchitecture, "tokenizer: { origin: expanded, base: llama3 }", OwnData, ForeignServing));

        var next = result.Next!;
        Assert.Equal("T5", next.Outcome.Id);
        var need = Assert.Single(next.Needs);
        Assert.Equal(("tokenizer.origin", "expanded", "must be native"), (need.Fact, need.Now?.Display, need.Needs.En));
    }

    [Fact]
    public void A_T5_model_needs_domestic_serving_chips_for_T6()
    {
        var result = Classify(Native("""
            infrastructure:
              serving: { chips: [nvidia-h100], cloud: [kt-cloud] }
            """));

        var need = Assert.Single(result.Next!.Needs);
        Assert.Equal("T6", result.Next.Outcome.Id);
        Assert.Equal("infrastructure.serving.chips", need.Fact);
        Assert.Equal("[nvidia-h100]", need.Now?.Display);
        Assert.Equal("must all be AI chips designed by KR vendors", need.Needs.En);
        Assert.Equal("모두 국내(KR) 업체가 설계한 AI 칩이어야 함", need.Needs.Ko);
    }

    [Fact]
    public void When_T5_would_need_foreign_serving_the_next_step_is_T6_directly()
    {
        // Borrowed tokenizer but already served on domestic NPUs: reaching T5 exactly would require
        // moving serving abroad, so the honest next level is T6, needing only the tokenizer.
        var result = Classify(Card(
            "weights: { origin: scratch }", OwnArchitecture, "tokenizer: { origin: reused, base: x/y }", OwnData, DomesticServing));

        Assert.Equal("T4-2", result.Outcome?.Id);
        Assert.Equal("T6", result.Next!.Outcome.Id);
        Assert.Equal(["tokenizer.origin"], result.Next.Needs.Select(n => n.Fact));
    }

    [Fact]
    public void Undeclared_facts_on_the_way_are_listed_as_needing_a_declaration()
    {
        var result = Classify(Card("weights: { origin: scratch }", "architecture: { family: llama, config: modified }"));

        Assert.Equal("T4-2", result.Outcome?.Id);
        Assert.Equal("T5", result.Next!.Outcome.Id);
        var family = result.Next.Needs.First();
        Assert.Equal("architecture.family", family.Fact);
        Assert.Contains(result.Next.Needs, n => n.Fact == "tokenizer.origin" && n.Now is null);
    }

    [Fact]
    public void The_top_level_has_no_next_level()
    {
        Assert.Null(Classify(Native(DomesticServing)).Next);
    }
}
