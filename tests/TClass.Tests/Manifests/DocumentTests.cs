using System.Text;
using TClass.Manifests;

namespace TClass.Tests.Manifests;

/// <summary>Manifests are plain data of bounded size, read from YAML, JSON or a Markdown model card.</summary>
public class DocumentTests
{
    private static string[] Codes(string text, string name = "card.yaml") =>
        [.. ManifestReader.Parse(text, name).Diagnostics.Select(d => d.Code)];

    [Fact]
    public void YAML_anchors_and_aliases_are_refused()
    {
        var codes = Codes("tclass: 1\nmodel: &m { id: t/m }\nweights: *m\n");

        Assert.Contains("yaml-anchor", codes);
        Assert.Contains("yaml-alias", codes);
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_without_expanding_it()
    {
        var text = new StringBuilder("tclass: 1\nmodel: { id: t/m }\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 0; i < 20; i++)
        {
            text.Append(CultureInfo($"l{i}: &l{i} [*{(i == 0 ? "a" : "l" + (i - 1))}, *{(i == 0 ? "a" : "l" + (i - 1))}, *{(i == 0 ? "a" : "l" + (i - 1))}]\n"));
        }

        var read = ManifestReader.Parse(text.ToString());

        Assert.False(read.Succeeded);
        Assert.Contains(read.Diagnostics, d => d.Code == "yaml-alias");
    }

    [Fact]
    public void Custom_tags_are_refused()
    {
        Assert.Contains("yaml-tag", Codes("tclass: 1\nmodel: { id: !!python/object t/m }\n"));
    }

    [Fact]
    public void A_file_holds_exactly_one_document()
    {
        Assert.Contains("multiple-documents", Codes("tclass: 1\nmodel: { id: t/m }\n---\ntclass: 1\n"));
    }

    [Fact]
    public void Duplicate_keys_are_refused_and_both_places_are_named()
    {
        var read = ManifestReader.Parse("tclass: 1\nmodel: { id: t/m }\nweights: { origin: scratch }\nweights: { origin: api }\n");

        var error = Assert.Single(read.Diagnostics, d => d.Code == "duplicate-key");
        Assert.Equal((4, "weights"), (error.Line, error.Path));
        Assert.Contains("first at line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_over_one_mebibyte_are_refused()
    {
        var text = "tclass: 1\nmodel: { id: t/m }\n# " + new string('x', 1024 * 1024) + "\n";

        Assert.Equal(["too-large"], Codes(text));
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_refused()
    {
        var text = "tclass: 1\nmodel: { id: t/m }\nevidence: " + new string('[', 200) + new string(']', 200) + "\n";

        Assert.Contains("too-deep", Codes(text));
    }

    [Fact]
    public void A_YAML_syntax_error_names_its_position()
    {
        var read = ManifestReader.Parse("tclass: 1\nmodel: { id: t/m\nweights: x\n", "card.yaml");

        var error = Assert.Single(read.Diagnostics);
        Assert.Equal("yaml-syntax", error.Code);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void Text_that_is_not_UTF8_is_refused()
    {
        var read = ManifestReader.Read(new MemoryStream([0x74, 0x3A, 0xFF, 0xFE, 0x0A]), "card.yaml");

        Assert.Equal("not-utf8", Assert.Single(read.Diagnostics).Code);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("# only a comment\n", "empty")]
    [InlineData("- a list\n", "not-a-mapping")]
    [InlineData("just text\n", "not-a-mapping")]
    public void A_manifest_is_a_mapping(string text, string code)
    {
        Assert.Equal([code], Codes(text));
    }

    [Fact]
    public void JSON_manifests_are_read_with_positions()
    {
        var read = ManifestReader.Parse("{\n  \"tclass\": 1,\n  \"model\": { \"id\": \"t/m\" },\n  \"weights\": { \"origin\": \"scrach\" }\n}\n", "card.json");

        var error = Assert.Single(read.Diagnostics);
        Assert.Equal((4, "weights.origin"), (error.Line, error.Path));
    }

    [Fact]
    public void A_Markdown_model_card_carries_the_manifest_under_tclass_in_its_front_matter()
    {
        var read = ManifestReader.Read(TestData.Example("t3-partial-reuse.md"));

        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        Assert.Equal("example-lab/nuri-omni-14b", read.Manifest!.Model.Id);
        Assert.Equal("other", read.Manifest.Card?.License);
    }

    [Fact]
    public void Errors_in_front_matter_point_at_lines_of_the_Markdown_file()
    {
        var read = ManifestReader.Parse("---\nlicense: mit\ntclass:\n  model: { id: t/m }\n  weights: { origin: scrach }\n---\n# Card\n", "README.md");

        var error = Assert.Single(read.Diagnostics);
        Assert.Equal((5, "weights.origin"), (error.Line, error.Path));
    }

    [Fact]
    public void A_Markdown_file_without_a_manifest_says_so()
    {
        Assert.Equal(["no-front-matter"], Codes("# Just a readme\n", "README.md"));
        Assert.Equal(["no-manifest"], Codes("---\nlicense: mit\n---\n# Card\n", "README.md"));
        Assert.Equal(["unclosed-front-matter"], Codes("---\nlicense: mit\n", "README.md"));
    }

    [Fact]
    public void The_card_front_matter_is_supporting_evidence_and_a_contradiction_is_a_warning()
    {
        var read = ManifestReader.Parse(
            "---\nbase_model: Qwen/Qwen2.5-7B\nbase_model_relation: finetune\ntclass:\n  model: { id: t/m }\n  weights: { origin: scratch }\n---\n", "README.md");

        var result = TClassifier.Create().Classify(read.Manifest!);

        Assert.Contains(result.Warnings, w => w.Code == "card-base-model" && w.Message.Contains("Qwen/Qwen2.5-7B", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic_not_an_exception()
    {
        var read = ManifestReader.Read(Path.Combine(TestData.RepoRoot, "no-such-card.yaml"));

        Assert.Equal("not-found", Assert.Single(read.Diagnostics).Code);
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);
}
