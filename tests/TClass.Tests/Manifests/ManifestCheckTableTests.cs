using TClass.Catalogs;
using TClass.Manifests;

namespace TClass.Tests.Manifests;

/// <summary>
/// Every rule of manifest format 1 beyond its schema, one row each: the smallest change to a valid
/// card that breaks it, and every diagnostic it gives — errors that refuse the card, and warnings
/// that ask a person to look at a valid one — exactly as they are printed.
/// </summary>
public sealed class ManifestCheckTableTests
{
    /// <summary>A row: what the card says, the edits (text to find → its replacement) that make it say so, and the diagnostics expected.</summary>
    public sealed record Row(string Case, (string Find, string Replace)[] Edits, string[] Expected)
    {
        public override string ToString() => Case;
    }

    private const string Card = """
        tclass: 1
        model:
          id: lab/model
          developer: Lab
          country: KR
          modalities: [text]
        weights:
          origin: scratch
        architecture:
          family: own
          topology: [attention]
        tokenizer:
          origin: native
        data:
          distillation: none
        infrastructure:
          training:
            chips: [nvidia-h100]
            cloud: [naver-cloud]
        """;

    private static (string, string) Derived(string origin, string extra = "") =>
        ("weights:\n  origin: scratch\narchitecture:\n  family: own\n  topology: [attention]\n",
         $"weights:\n  origin: {origin}\n{extra}architecture:\n  family: qwen2\n  config: identical\n");

    /// <summary>The rows by name: a name is serializable, so each row is a test case of its own that test tools can list and run alone.</summary>
    public static TheoryData<string> Errors => [.. ErrorTable.Select(r => r.Case)];

    public static TheoryData<string> Warnings => [.. WarningTable.Select(r => r.Case)];

    private static readonly Row[] ErrorTable =
    [
        new("a release date that is no day of the calendar",
            [("  modalities: [text]\n", "  modalities: [text]\n  released: 2026-02-30\n")],
            ["card.yaml:7:13: error: model.released: '2026-02-30' is not a calendar date. Fix: Write an existing date as YYYY-MM-DD."]),
        new("a well-formed release date",
            [("  modalities: [text]\n", "  modalities: [text]\n  released: 2024-02-29\n")],
            []),
        new("a fine-tune without its base",
            [Derived("closed-finetune")],
            ["card.yaml:8:3: error: weights.base: weights.origin is 'closed-finetune', which needs weights.base: the model the weights start from. Fix: Add 'base: <model id>' under 'weights:' (a list if there are several)."]),
        new("an open derivative without its base",
            [Derived("open-derivative")],
            ["card.yaml:8:3: error: weights.base: weights.origin is 'open-derivative', which needs weights.base: the model the weights start from. Fix: Add 'base: <model id>' under 'weights:' (a list if there are several)."]),
        new("an own checkpoint without its base",
            [Derived("own-checkpoint")],
            ["card.yaml:8:3: error: weights.base: weights.origin is 'own-checkpoint', which needs weights.base: the model the weights start from. Fix: Add 'base: <model id>' under 'weights:' (a list if there are several)."]),
        new("a model served through an API needs no base",
            [Derived("api")],
            []),
        new("adaptation on weights that are not an open derivative",
            [Derived("closed-finetune", "  base: [vendor/model]\n  adaptation: [sft]\n")],
            ["card.yaml:10:3: error: weights.adaptation: weights.adaptation describes what was done to third-party weights, but weights.origin is 'closed-finetune'. Fix: Remove 'adaptation', or set 'origin: open-derivative' if the weights start from a third party's."]),
        new("adaptation on an open derivative",
            [Derived("open-derivative", "  base: [Qwen/Qwen2.5-7B]\n  adaptation: [sft]\n")],
            []),
        new("an own architecture without its topology",
            [("  topology: [attention]\n", "")],
            ["card.yaml:10:11: error: architecture.topology: architecture.family is 'own', so architecture.topology must list what the developer redesigned. Fix: Add 'topology: [...]' with values such as attention, normalization, ffn, block-layout, parametrization."]),
        new("an own architecture with an empty topology",
            [("  topology: [attention]\n", "  topology: []\n")],
            ["card.yaml:11:3: error: architecture.topology: architecture.family is 'own', so architecture.topology must list what the developer redesigned. Fix: Add 'topology: [...]' with values such as attention, normalization, ffn, block-layout, parametrization."]),
        new("a family the catalog does not know",
            [("  family: own\n  topology: [attention]\n", "  family: qwen-2\n")],
            ["card.yaml:10:11: error: architecture.family: 'qwen-2' is not a family of the architecture catalog. Fix: Did you mean 'qwen2'? Use a key of the architecture catalog (tclass rules print catalog/architectures.yaml), or 'own' for the developer's own architecture."]),
        new("an expanded tokenizer without its base",
            [("  origin: native\n", "  origin: expanded\n")],
            ["card.yaml:13:3: error: tokenizer.base: tokenizer.origin is 'expanded', which needs tokenizer.base: the third-party tokenizer. Fix: Add 'base: <tokenizer or model id>' under 'tokenizer:'."]),
        new("a reused tokenizer without its base",
            [("  origin: native\n", "  origin: reused\n")],
            ["card.yaml:13:3: error: tokenizer.base: tokenizer.origin is 'reused', which needs tokenizer.base: the third-party tokenizer. Fix: Add 'base: <tokenizer or model id>' under 'tokenizer:'."]),
        new("a third-party component without its base",
            [("data:\n", "components:\n  - { name: vision encoder, role: vision-encoder, origin: third-party }\ndata:\n")],
            ["card.yaml:15:51: error: components[0].base: the component's origin is 'third-party', which needs base: the model its weights come from. Fix: Add 'base: <model id>' to the component."]),
        new("an own-checkpoint component without its base",
            [("data:\n", "components:\n  - { name: vision encoder, role: vision-encoder, origin: own-checkpoint }\ndata:\n")],
            ["card.yaml:15:51: error: components[0].base: the component's origin is 'own-checkpoint', which needs base: the model its weights come from. Fix: Add 'base: <model id>' to the component."]),
        new("a chip the catalog does not know",
            [("chips: [nvidia-h100]", "chips: [nvidia-h10]")],
            ["card.yaml:18:13: error: infrastructure.training.chips[0]: 'nvidia-h10' is not a chip of the infrastructure catalog. Fix: Did you mean 'nvidia-h20'? Use a key of the infrastructure catalog (tclass rules print catalog/infrastructure.yaml), or write {name, vendor, country} for a chip not in the catalog."]),
        new("a cloud written where a chip belongs",
            [("chips: [nvidia-h100]", "chips: [naver-cloud]")],
            ["card.yaml:18:13: error: infrastructure.training.chips[0]: 'naver-cloud' is not a chip of the infrastructure catalog. Fix: 'naver-cloud' is a cloud; move it to the cloud list."]),
        new("a cloud the catalog does not know",
            [("cloud: [naver-cloud]", "cloud: [naver-clod]")],
            ["card.yaml:19:13: error: infrastructure.training.cloud[0]: 'naver-clod' is not a cloud of the infrastructure catalog. Fix: Did you mean 'naver-cloud'? Use a key of the infrastructure catalog (tclass rules print catalog/infrastructure.yaml), or write {name, operator, country} for a cloud not in the catalog."]),
        new("a chip written where a cloud belongs",
            [("cloud: [naver-cloud]", "cloud: [nvidia-h100]")],
            ["card.yaml:19:13: error: infrastructure.training.cloud[0]: 'nvidia-h100' is not a cloud of the infrastructure catalog. Fix: 'nvidia-h100' is a chip; move it to the chips list."]),
        new("evidence for a field the format does not have",
            [("cloud: [naver-cloud]", "cloud: [naver-cloud]\nevidence:\n  weights.orign: report\n  components[0].origin: report\n  tokenizer: report")],
            ["card.yaml:21:3: error: evidence.weights.orign: 'weights.orign' is not a field or section of the manifest, so this evidence supports nothing. Fix: Did you mean 'weights.origin'? Evidence keys are field paths such as weights.origin or sections such as tokenizer."]),
    ];

    private static readonly Row[] WarningTable =
    [
        new("a valid card with nothing to look at", [], []),
        new("images and sound read, but no component declared",
            [("modalities: [text]", "modalities: [text, image, audio]")],
            ["card.yaml:6:3: warning: model.modalities: the model handles image, audio, but no components are declared; multimodal models usually have encoders with weights of their own. Fix: Declare the encoders under 'components:' with their origin, or write 'components: []' if the model has none."]),
        new("images read, with the components declared",
            [("modalities: [text]", "modalities: [text, image]"), ("data:\n", "components: []\ndata:\n")],
            []),
        new("weights from scratch that name a base",
            [("  origin: scratch\n", "  origin: scratch\n  base: [vendor/model, vendor/other]\n")],
            ["card.yaml:9:3: warning: weights.base: weights.base names vendor/model, vendor/other, but weights trained from scratch start from no model. Fix: Remove weights.base, or set origin to own-checkpoint or open-derivative."]),
        new("an own architecture with a configuration comparison",
            [("  topology: [attention]\n", "  topology: [attention]\n  config: identical\n")],
            ["card.yaml:12:3: warning: architecture.config: architecture.config and architecture.changes compare with a public family; they are not used when family is 'own'. Fix: Describe the redesign in architecture.topology instead."]),
        new("an own architecture with changes",
            [("  topology: [attention]\n", "  topology: [attention]\n  changes: [depth]\n")],
            ["card.yaml:12:3: warning: architecture.changes: architecture.config and architecture.changes compare with a public family; they are not used when family is 'own'. Fix: Describe the redesign in architecture.topology instead."]),
        new("an identical configuration with changes",
            [Derived("open-derivative", "  base: [Qwen/Qwen2.5-7B]\n"), ("  config: identical\n", "  config: identical\n  changes: [depth, width]\n")],
            ["card.yaml:13:3: warning: architecture.changes: architecture.config is 'identical', but architecture.changes lists depth, width. Fix: Set config: modified, or remove the changes."]),
        new("a family named by the model's own developer",
            [Derived("open-derivative", "  base: [Qwen/Qwen2.5-7B]\n"), ("  id: lab/model\n  developer: Lab\n", "  id: Qwen/my-model\n  developer: Alibaba Cloud (Qwen team)\n")],
            ["card.yaml:11:3: warning: architecture.family: the qwen2 family was created by Alibaba Cloud (Qwen team), the model's own developer; T-Class reads a developer's own family as 'own'. Fix: Write 'family: own' and list the redesigned parts of the computation graph in architecture.topology."]),
        new("an identical configuration whose class the family does not have",
            [Derived("open-derivative", "  base: [Qwen/Qwen2.5-7B]\n"), ("  config: identical\n", "  config: identical\n  class: LlamaForCausalLM\n")],
            ["card.yaml:13:3: warning: architecture.class: architecture.class is 'LlamaForCausalLM', not a class of the qwen2 family (Qwen2ForCausalLM), yet config is 'identical'. Fix: Check the family, or set config: modified and list the changes."]),
        new("an identical configuration whose class a family of two classes does not have",
            [Derived("open-derivative", "  base: [google/gemma-3-1b-pt]\n"), ("family: qwen2\n  config: identical\n", "family: gemma3\n  config: identical\n  class: LlamaForCausalLM\n")],
            ["card.yaml:13:3: warning: architecture.class: architecture.class is 'LlamaForCausalLM', not a class of the gemma3 family (Gemma3ForCausalLM, Gemma3ForConditionalGeneration), yet config is 'identical'. Fix: Check the family, or set config: modified and list the changes."]),
        new("an identical configuration with the family's class",
            [Derived("open-derivative", "  base: [Qwen/Qwen2.5-7B]\n"), ("  config: identical\n", "  config: identical\n  class: Qwen2ForCausalLM\n")],
            []),
        new("teachers named without distillation",
            [("  distillation: none\n", "  distillation: none\n  teachers: [vendor/teacher, vendor/other]\n")],
            ["card.yaml:16:3: warning: data.teachers: data.teachers lists vendor/teacher, vendor/other, but data.distillation is 'none'. Fix: Set distillation to partial or dominant, or remove the teachers."]),
        new("two things to look at in one card",
            [("modalities: [text]", "modalities: [text, image]"), ("  distillation: none\n", "  distillation: none\n  teachers: [vendor/teacher]\n")],
            [
                "card.yaml:6:3: warning: model.modalities: the model handles image, but no components are declared; multimodal models usually have encoders with weights of their own. Fix: Declare the encoders under 'components:' with their origin, or write 'components: []' if the model has none.",
                "card.yaml:16:3: warning: data.teachers: data.teachers lists vendor/teacher, but data.distillation is 'none'. Fix: Set distillation to partial or dominant, or remove the teachers.",
            ]),
        new("teachers named with distillation",
            [("  distillation: none\n", "  distillation: partial\n  teachers: [vendor/teacher]\n")],
            []),
    ];

    private static string Edited((string Find, string Replace)[] edits)
    {
        var text = Card;
        foreach (var (find, replace) in edits)
        {
            Assert.True(text.Contains(find, StringComparison.Ordinal), $"the card has no '{find}'");
            text = text.Replace(find, replace, StringComparison.Ordinal);
        }

        return text;
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_rule_beyond_the_schema_is_checked_where_it_is_written(string rule)
    {
        var row = ErrorTable.Single(r => r.Case == rule);
        var read = ManifestReader.Parse(Edited(row.Edits), "card.yaml");

        Assert.Equal(row.Expected, read.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(row.Expected.Length == 0, read.Manifest is not null);
    }

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Each_consistency_warning_points_at_the_field_to_look_at(string rule)
    {
        var row = WarningTable.Single(r => r.Case == rule);
        var read = ManifestReader.Parse(Edited(row.Edits), "card.yaml");

        Assert.True(read.Manifest is not null, string.Join("\n", read.Diagnostics));
        Assert.Equal(row.Expected, ManifestChecks.Warnings(read.Manifest!).Select(d => d.ToString()));
    }

    /// <summary>The card of the warning row "an identical configuration whose class the family does not have", read.</summary>
    private static Manifest ClassNotInFamily() =>
        ManifestReader.Parse(Edited(WarningTable.Single(r => r.Case == "an identical configuration whose class the family does not have").Edits), "card.yaml").Manifest!;

    [Fact]
    public void Checking_no_manifest_is_a_caller_error() =>
        Assert.Throws<ArgumentNullException>(() => ManifestChecks.Warnings(null!));

    [Fact]
    public void A_manifest_made_in_code_is_warned_about_with_no_file_and_no_position()
    {
        var card = ClassNotInFamily() with { Source = null };

        var warning = Assert.Single(ManifestChecks.Warnings(card));

        Assert.Equal(("", 0, 0, "architecture.class"), (warning.File, warning.Line, warning.Column, warning.Path));
    }

    [Fact]
    public void The_catalogs_given_are_the_ones_checked_against()
    {
        var card = ClassNotInFamily();
        var withoutFamilies = new CatalogSet(new ArchitectureCatalog([]), CatalogSet.BuiltIn.Infrastructure);

        Assert.Single(ManifestChecks.Warnings(card));
        Assert.Empty(ManifestChecks.Warnings(card, withoutFamilies));
    }

    [Theory]
    [InlineData("base_model_relation: finetune\n", "README.md:6:14: warning: weights.origin: the model card's front matter names base_model Qwen/Qwen2.5-7B, vendor/other (finetune), but weights.origin is 'scratch'.")]
    [InlineData("", "README.md:5:14: warning: weights.origin: the model card's front matter names base_model Qwen/Qwen2.5-7B, vendor/other, but weights.origin is 'scratch'.")]
    public void A_card_front_matter_that_names_base_models_of_weights_from_scratch_is_pointed_out(string relation, string expected)
    {
        var read = ManifestReader.Parse(
            "---\nbase_model: [Qwen/Qwen2.5-7B, vendor/other]\n" + relation + "tclass:\n  model: { id: t/m }\n  weights: { origin: scratch }\n---\n", "README.md");

        var warning = Assert.Single(ManifestChecks.Warnings(read.Manifest!));
        Assert.StartsWith(expected, warning.ToString(), StringComparison.Ordinal);
    }
}
