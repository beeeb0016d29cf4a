using TClass.Facts;
using TClass.Manifests;
using TClass.Rules;
using TClass.Text;

namespace TClass.Tests.Rules;

/// <summary>What a program using the library asks a loaded ruleset: its outcomes, nodes and facts by name, and values in words.</summary>
public class RulesetApiTests
{
    private static readonly Ruleset Reference = BuiltInRulesets.Get(BuiltInRulesets.Reference);

    [Theory]
    [InlineData("T4-2", "T4-2")]
    [InlineData("t4-2", "T4-2")]
    [InlineData("T4", "T4-1")]
    [InlineData("t4", "T4-1")]
    [InlineData("T0", "T0")]
    [InlineData("T6", "T6")]
    [InlineData("T7", null)]
    [InlineData("", null)]
    public void An_outcome_is_found_by_its_id_or_an_alias_in_any_case(string name, string? expected) =>
        Assert.Equal(expected, Reference.FindOutcome(name)?.Id);

    [Fact]
    public void Nodes_and_facts_are_found_by_their_exact_id_and_path()
    {
        Assert.Equal(Reference.Root, Reference.FindNode(Reference.Root)?.Id);
        Assert.Null(Reference.FindNode(Reference.Root.ToUpperInvariant()));
        Assert.Null(Reference.FindNode("no-such-node"));

        Assert.Equal(FactType.Set, Reference.FindFact("weights.adaptation")?.Type);
        Assert.Equal(FactType.Enum, Reference.FindFact("weights.origin")?.Type);
        Assert.Null(Reference.FindFact("weights"));
        Assert.Null(Reference.FindFact("Weights.Origin"));
    }

    [Fact]
    public void A_derived_fact_is_declared_through_the_list_it_is_computed_from()
    {
        Assert.Equal("data.teachers", Reference.FindFact("data.teachers.own")!.InputPath);
        Assert.Equal("weights.origin", Reference.FindFact("weights.origin")!.InputPath);
    }

    [Fact]
    public void A_value_reads_in_its_words_and_a_card_value_is_glossed_in_Korean_only()
    {
        var distillation = Reference.FindFact("data.distillation")!;

        Assert.Equal("일부", distillation.Words("partial", Language.Korean));
        Assert.Equal("partial", distillation.Words("partial", Language.English));
        Assert.Equal("unlisted", distillation.Words("unlisted", Language.Korean));
        Assert.Equal("partial(일부)", distillation.Glossed("partial", Language.Korean));
        Assert.Equal("partial", distillation.Glossed("partial", Language.English));
        Assert.Equal("unlisted", distillation.Glossed("unlisted", Language.Korean));

        var adaptation = Reference.FindFact("weights.adaptation")!;
        var set = new SymbolSetValue(["sft", "lora"]);
        Assert.Equal("supervised fine-tuning, LoRA adapters", adaptation.Words(set, Language.English));
        Assert.Equal("sft(지도 미세조정), lora(LoRA 어댑터)", adaptation.Glossed(set, Language.Korean));
        Assert.Equal("sft, lora", adaptation.Glossed(set, Language.English));
        Assert.Equal("지도 미세조정", adaptation.Words(new SymbolValue("sft"), Language.Korean));
        Assert.Equal(BoolValue.Of(true).Prose, adaptation.Words(BoolValue.Of(true), Language.Korean));
    }

    [Fact]
    public void Rulesets_are_equal_when_their_texts_are()
    {
        var text = BuiltInRulesets.Text(BuiltInRulesets.Reference);
        var again = RulesetReader.Parse(text, ManifestFacts.Schema, "again.yaml").Ruleset!;
        var edited = RulesetReader.Parse(text.Replace("version: 2.0.0", "version: 2.0.1", StringComparison.Ordinal), ManifestFacts.Schema, "edited.yaml").Ruleset!;

        Assert.Equal(Reference, again);
        Assert.Equal(Reference.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(Reference, edited);
        Assert.NotEqual(Reference.Sha256, edited.Sha256);
        Assert.False(Reference.Equals(null));
        Assert.NotEqual(Reference, BuiltInRulesets.Get("tclass-2.0-strict"));
    }

    [Fact]
    public void A_message_is_found_by_its_key()
    {
        Assert.Equal(Reference.Messages["needs.be"], Reference.Message("needs.be"));
        Assert.Throws<KeyNotFoundException>(() => Reference.Message("no.such.key"));
    }
}
