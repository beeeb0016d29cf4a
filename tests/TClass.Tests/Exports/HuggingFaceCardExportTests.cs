using TClass.Exports;
using TClass.Manifests;

namespace TClass.Tests.Exports;

/// <summary>
/// A card exported into a Hugging Face README: the Hub's lineage keys and the tclass: block are set,
/// every other line of the front matter and all of the prose stay as they were.
/// </summary>
public class HuggingFaceCardExportTests
{
    private const string Prose = "\n# My model\n\nIt speaks Korean.\n\n```yaml\nbase_model: not-front-matter\n```\n";

    private const string Readme = """
        ---
        license: apache-2.0
        # the languages it was tuned for
        language:
        - ko
        - en
        base_model: someone/older-base
        tags: [korean]
        ---
        """ + Prose;

    private static Manifest Card(string yaml) => ManifestReader.Parse(yaml, "card.yaml").Manifest!;

    private static readonly Manifest Derivative = Card("""
        tclass: 1
        model: { id: lab/ko-chat-8b }
        weights: { origin: open-derivative, base: [meta-llama/Meta-Llama-3-8B], adaptation: [cpt, sft] }
        tokenizer: { origin: reused, base: llama3 }
        """);

    [Fact]
    public void Merging_sets_the_lineage_keys_and_the_manifest_and_keeps_every_other_line()
    {
        var card = HuggingFaceCardExport.Merge(Derivative, Readme);

        Assert.Equal("""
            ---
            license: apache-2.0
            # the languages it was tuned for
            language:
            - ko
            - en
            tags: [korean]
            base_model: meta-llama/Meta-Llama-3-8B
            base_model_relation: finetune
            tclass:
              model:
                id: lab/ko-chat-8b
              weights:
                origin: open-derivative
                base: [meta-llama/Meta-Llama-3-8B]
                adaptation: [cpt, sft]
              tokenizer:
                origin: reused
                base: llama3
            ---
            """ + Prose, card.Text);
    }

    [Fact]
    public void The_merged_card_reads_back_as_the_same_manifest()
    {
        var card = HuggingFaceCardExport.Merge(Derivative, Readme);

        var reread = ManifestReader.Parse(card.Text!, "README.md");

        Assert.True(reread.Succeeded, string.Join("\n", reread.Diagnostics));
        Assert.Equal(ManifestWriter.ToYaml(Derivative), ManifestWriter.ToYaml(reread.Manifest!));
        Assert.Equal("apache-2.0", reread.Manifest!.Card?.License);
        Assert.Equal(["meta-llama/Meta-Llama-3-8B"], reread.Manifest.Card!.BaseModels.ToArray());
    }

    [Fact]
    public void Merging_twice_changes_nothing_more()
    {
        var once = HuggingFaceCardExport.Merge(Derivative, Readme).Text!;

        Assert.Equal(once, HuggingFaceCardExport.Merge(Derivative, once).Text);
    }

    [Theory]
    [InlineData("origin: open-derivative, base: [a/b], adaptation: [lora]", "adapter")]
    [InlineData("origin: open-derivative, base: [a/b, c/d], adaptation: [merge]", "merge")]
    [InlineData("origin: open-derivative, base: [a/b], adaptation: [depth-upscaling]", "finetune")]
    [InlineData("origin: own-checkpoint, base: [lab/v1]", "finetune")]
    public void The_relation_is_the_one_the_Hub_knows(string weights, string relation)
    {
        var card = HuggingFaceCardExport.Merge(Card($"tclass: 1\nmodel: {{ id: lab/m }}\nweights: {{ {weights} }}\n"), null);

        Assert.Contains($"base_model_relation: {relation}\n", card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_from_scratch_remove_a_base_model_and_say_so()
    {
        var card = HuggingFaceCardExport.Merge(Card("tclass: 1\nmodel: { id: lab/m }\nweights: { origin: scratch }\n"), Readme);

        Assert.DoesNotContain("base_model", card.Text!.Split("---")[1], StringComparison.Ordinal);
        Assert.Contains("removed base_model: the card declares the weights trained from scratch", card.Changes);
        Assert.EndsWith(Prose, card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_of_unknown_origin_leave_the_cards_base_model_alone()
    {
        var card = HuggingFaceCardExport.Merge(Card("tclass: 1\nmodel: { id: lab/m }\n"), Readme);

        Assert.Contains("base_model: someone/older-base\n", card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_card_is_front_matter_alone()
    {
        var card = HuggingFaceCardExport.Merge(Derivative, null);

        Assert.StartsWith("---\nbase_model: meta-llama/Meta-Llama-3-8B\n", card.Text, StringComparison.Ordinal);
        Assert.EndsWith("---\n", card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_README_without_front_matter_gets_one_above_its_prose()
    {
        var card = HuggingFaceCardExport.Merge(Derivative, Prose);

        Assert.EndsWith("---\n" + Prose, card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_above_a_replaced_key_goes_with_it_and_one_above_a_kept_key_stays()
    {
        var card = HuggingFaceCardExport.Merge(Derivative, "---\nlicense: mit\n# about the base\nbase_model: x/y\n# about the tags\ntags: [a]\n---\n");

        Assert.StartsWith("---\nlicense: mit\n# about the tags\ntags: [a]\nbase_model: meta-llama/Meta-Llama-3-8B\n", card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_with_CRLF_line_ends_keeps_them_and_ends_its_front_matter_as_the_Hub_does()
    {
        var card = HuggingFaceCardExport.Merge(Derivative, "---\r\nlicense: mit\r\n...\r\n# Prose\r\n").Text!;

        Assert.DoesNotContain("\n", card.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("\r\n---\r\n# Prose\r\n", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("---\n{license: mit, base_model: old/x}\n---\n", "flow-front-matter")]
    [InlineData("---\nlicense: mit\n", "unclosed-front-matter")]
    [InlineData("---\nbase: &a x\nother: *a\n---\n", "anchor")]
    [InlineData("---\n- a list\n---\n", "not-a-mapping")]
    public void A_front_matter_that_cannot_be_merged_into_is_a_located_error(string readme, string code)
    {
        var card = HuggingFaceCardExport.Merge(Derivative, readme);

        Assert.Null(card.Text);
        Assert.Contains(card.Diagnostics, d => d.Code.Contains(code, StringComparison.Ordinal) && d.Line >= 1);
    }
}
