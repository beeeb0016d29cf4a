using TClass.Diagnostics;
using TClass.Manifests;

namespace TClass.Tests.Manifests;

/// <summary>Manifest format 1, "Validation": errors, never guesses — each with position, field and fix.</summary>
public class ValidationTests
{
    private static Diagnostic Single(string yaml, string code)
    {
        var read = ManifestReader.Parse(yaml, "card.yaml");
        Assert.False(read.Succeeded);
        return Assert.Single(read.Diagnostics, d => d.Code == code);
    }

    private const string Valid = "tclass: 1\nmodel: { id: t/m }\n";

    [Fact]
    public void A_minimal_manifest_is_the_format_number_and_a_model_id()
    {
        Assert.True(ManifestReader.Parse(Valid).Succeeded);
    }

    [Fact]
    public void Unknown_keys_are_rejected_with_the_nearest_known_key()
    {
        var error = Single("tclass: 1\nmodel: { id: t/m }\nweights: { orign: scratch }\n", "unknown-key");

        Assert.Equal(("weights.orign", 3, 12), (error.Path, error.Line, error.Column));
        Assert.Contains("Did you mean 'origin'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_are_rejected()
    {
        var error = Single(Valid + "architecture: { remote_code: maybe }\n", "wrong-type");

        Assert.Equal("architecture.remote_code", error.Path);
        Assert.Contains("expected true or false, found 'maybe'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weights: { origin: scrach }", "weights.origin", "scratch")]
    [InlineData("weights: { origin: open-derivative, base: x/y, adaptation: [depth-upscale] }", "weights.adaptation[0]", "depth-upscaling")]
    [InlineData("tokenizer: { origin: nativ }", "tokenizer.origin", "native")]
    [InlineData("architecture: { family: llama, changes: [gqa, kv_heads] }", "architecture.changes[1]", "kv-heads")]
    [InlineData("data: { distillation: dominate }", "data.distillation", "dominant")]
    public void Enum_values_outside_the_tables_are_rejected_with_the_nearest_value(string section, string path, string nearest)
    {
        var error = Single(Valid + section + "\n", "not-allowed");

        Assert.Equal(path, error.Path);
        Assert.Contains($"Did you mean '{nearest}'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_format_1_is_read()
    {
        var error = Single("tclass: 2\nmodel: { id: t/m }\n", "not-allowed");

        Assert.Equal("tclass", error.Path);
        Assert.Contains("tclass: 1", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_id_is_required()
    {
        var error = Single("tclass: 1\nmodel: { name: Nameless }\n", "missing-key");

        Assert.Equal("model.id", error.Path);
    }

    [Theory]
    [InlineData("closed-finetune")]
    [InlineData("open-derivative")]
    [InlineData("own-checkpoint")]
    public void Origins_that_start_from_a_model_must_name_it(string origin)
    {
        var error = Single(Valid + $"weights: {{ origin: {origin} }}\n", "base-required");

        Assert.Equal("weights.base", error.Path);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("scratch")]
    [InlineData("api")]
    [InlineData("own-checkpoint, base: t/earlier")]
    public void Adaptation_is_only_for_open_derivatives(string origin)
    {
        var error = Single(Valid + $"weights: {{ origin: {origin}, adaptation: [sft] }}\n", "adaptation-not-allowed");

        Assert.Equal("weights.adaptation", error.Path);
    }

    [Theory]
    [InlineData("architecture: { family: own }")]
    [InlineData("architecture: { family: own, topology: [] }")]
    public void An_own_architecture_must_list_its_redesigned_topology(string section)
    {
        var error = Single(Valid + section + "\n", "topology-required");

        Assert.Equal("architecture.topology", error.Path);
    }

    [Theory]
    [InlineData("expanded")]
    [InlineData("reused")]
    public void A_borrowed_tokenizer_must_name_its_base(string origin)
    {
        var error = Single(Valid + $"tokenizer: {{ origin: {origin} }}\n", "tokenizer-base-required");

        Assert.Equal("tokenizer.base", error.Path);
    }

    [Fact]
    public void A_component_needs_an_origin()
    {
        var error = Single(Valid + "components:\n  - { name: vision encoder }\n", "missing-key");

        Assert.Equal("components[0].origin", error.Path);
    }

    [Fact]
    public void A_component_from_another_model_must_name_it()
    {
        var error = Single(Valid + "components:\n  - { name: vision encoder, origin: third-party }\n", "component-base-required");

        Assert.Equal("components[0].base", error.Path);
    }

    [Fact]
    public void An_unknown_family_is_rejected_with_the_nearest_catalog_key()
    {
        var error = Single(Valid + "architecture: { family: qwen-3 }\n", "unknown-family");

        Assert.Contains("Did you mean 'qwen3'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_chip_and_cloud_keys_are_rejected_with_a_suggestion()
    {
        var read = ManifestReader.Parse(Valid + "infrastructure:\n  serving: { chips: [rebellion-atom], cloud: [naver] }\n");

        var chip = Assert.Single(read.Diagnostics, d => d.Code == "unknown-chip");
        var cloud = Assert.Single(read.Diagnostics, d => d.Code == "unknown-cloud");
        Assert.Contains("'rebellions-atom'", chip.Fix, StringComparison.Ordinal);
        Assert.Contains("'naver-cloud'", cloud.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chip_written_in_the_cloud_list_is_pointed_out()
    {
        var error = Single(Valid + "infrastructure:\n  serving: { cloud: [nvidia-h100] }\n", "unknown-cloud");

        Assert.Contains("is a chip", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Chips_and_clouds_outside_the_catalog_are_accepted_with_their_country()
    {
        var read = ManifestReader.Parse(Valid + """
            infrastructure:
              serving:
                chips: [{ name: X1, vendor: Example Silicon, country: KR }]
                cloud: [{ name: Example Cloud, operator: Example Corp, country: JP }]
            """);

        Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
        var chip = read.Manifest!.Infrastructure.Serving.Chips!.Value.Single();
        Assert.Equal(("X1", "KR"), (chip.Name, chip.Country));
    }

    [Fact]
    public void A_chip_outside_the_catalog_needs_its_country()
    {
        var error = Single(Valid + "infrastructure:\n  serving: { chips: [{ name: X1 }] }\n", "missing-key");

        Assert.Equal("infrastructure.serving.chips[0].country", error.Path);
    }

    [Fact]
    public void Evidence_keys_must_name_a_field_or_section()
    {
        var error = Single(Valid + "evidence: { weights.orgin: report }\n", "unknown-evidence-key");

        Assert.Contains("Did you mean 'weights.origin'?", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_dates_must_exist()
    {
        var error = Single("tclass: 1\nmodel: { id: t/m, released: 2025-02-30 }\n", "invalid-date");

        Assert.Equal("model.released", error.Path);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_together_in_source_order()
    {
        var read = ManifestReader.Parse("""
            tclass: 1
            model: { id: t/m, country: korea }
            weights: { origin: open-derivative }
            architecture: { family: lama }
            tokenizer: { origin: reused }
            infrastructure:
              serving: { chips: [nvidia-h1000] }
            """, "card.yaml");

        Assert.Equal(
            ["invalid-value", "base-required", "unknown-family", "tokenizer-base-required", "unknown-chip"],
            read.Diagnostics.Select(d => d.Code).ToArray());
        Assert.Equal([2, 3, 4, 5, 7], read.Diagnostics.Select(d => d.Line).ToArray());
    }

    [Fact]
    public void Diagnostics_read_as_file_line_column_error_message_and_fix()
    {
        var error = Single(Valid + "weights: { origin: scrach }\n", "not-allowed");

        Assert.Equal(
            "card.yaml:3:20: error: weights.origin: 'scrach' is not an allowed value. Fix: Did you mean 'scratch'? Allowed: api, closed-finetune, open-derivative, scratch, own-checkpoint.",
            error.ToString());
    }
}
