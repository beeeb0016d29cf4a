using TClass.Evidence;
using TClass.Manifests;
using TClass.Tests.Cli;

namespace TClass.Tests.Weights;

/// <summary>What the weights show, written into a draft manifest and set against a card's claims.</summary>
[Collection(CliCollection.Name)]
public sealed class WeightEvidenceTests : IDisposable
{
    private static readonly ModelShape Vlm = new(Layers: 3, VisionLayers: 2);
    private readonly string _root = Directory.CreateTempSubdirectory("tclass-weight-evidence-").FullName;
    private readonly string _base;
    private readonly string _fineTune;
    private readonly string _ownVlm;

    public WeightEvidenceTests()
    {
        var parent = SyntheticModel.Random(Vlm, 1);
        _base = Path.Combine(_root, "Qwen2.5-VL-7B-Instruct");
        parent.Write(_base);
        _fineTune = Path.Combine(_root, "fine-tune");
        parent.ExpandVocabulary(64, 2).Train(0.05, 3).Write(_fineTune);
        _ownVlm = Path.Combine(_root, "own-vlm");
        SyntheticModel.Random(Vlm, 4).WithVisionOf(parent.Train(0.02, 5)).Write(_ownVlm);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_derived_decoder_is_drafted_as_an_open_derivative_with_its_adaptation()
    {
        var result = ModelImporter.Import(_fineTune, [_base]);

        Assert.Equal(WeightsOrigin.OpenDerivative, result.Draft.Weights.Origin);
        Assert.Equal(["Qwen2.5-VL-7B-Instruct"], result.Draft.Weights.Base.ToArray());
        Assert.Equal([Adaptation.Sft, Adaptation.VocabExpansion], result.Draft.Weights.Adaptation!.Value.ToArray());
        Assert.StartsWith("tclass weights against Qwen2.5-VL-7B-Instruct: decoder derived (vocabulary-expansion, fine-tune)", result.Draft.Evidence["weights.origin"], StringComparison.Ordinal);
        Assert.NotNull(result.Weights);
    }

    [Fact]
    public void A_borrowed_vision_tower_is_drafted_as_a_third_party_component()
    {
        var result = ModelImporter.Import(_ownVlm, [_base]);

        Assert.Null(result.Draft.Weights.Origin);
        var vision = Assert.Single(result.Draft.Components, c => c.Role == ComponentRole.VisionEncoder);
        Assert.Equal((ComponentOrigin.ThirdParty, "Qwen2.5-VL-7B-Instruct"), (vision.Origin, vision.Base));
        Assert.Contains(result.Review, r => r.En.StartsWith("weights.origin: the decoder's weights are independent of Qwen2.5-VL-7B-Instruct", StringComparison.Ordinal));
    }

    [Fact]
    public void The_drafts_are_valid_manifests()
    {
        foreach (var folder in new[] { _fineTune, _ownVlm })
        {
            var draft = ImportCommandDraft(folder);
            var read = ManifestReader.Parse(draft, "draft.yaml");
            Assert.True(read.Succeeded, draft + "\n" + string.Join("\n", read.Diagnostics));
        }
    }

    [Fact]
    public void A_card_that_claims_scratch_conflicts_with_derived_weights_and_the_evidence_decides_when_preferred()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model: { id: example/claims-scratch }
            weights: { origin: scratch }
            evidence: { weights.origin: "press release" }
            """);
        var files = ModelImporter.Import(_fineTune, [_base]);

        var declared = TClassifier.Create().Classify(card, files);
        var evidence = TClassifier.Create().Classify(card, files, EvidencePreference.Evidence);

        var warning = Assert.Single(declared.Warnings, w => w.Code == "evidence-conflict" && w.Path == "weights.origin");
        Assert.Contains("declared scratch (source: press release)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("open-derivative", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("T2", declared.Candidates.Select(c => c.Id));
        Assert.Equal("T2", evidence.Outcome?.Id);
    }

    [Fact]
    public void A_card_that_declares_no_components_conflicts_with_a_borrowed_vision_tower()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model: { id: example/own-vlm, modalities: [text, image] }
            weights: { origin: scratch }
            """);
        var files = ModelImporter.Import(_ownVlm, [_base]);

        var declared = TClassifier.Create().Classify(card, files);
        var evidence = TClassifier.Create().Classify(card, files, EvidencePreference.Evidence);

        Assert.Contains(declared.Warnings, w => w.Code == "evidence-conflict" && w.Path == "components");
        Assert.Equal("T3", evidence.Outcome?.Id);
    }

    [Fact]
    public void The_command_line_takes_the_references()
    {
        var import = CliRun.Of(["import", _ownVlm, "--against", _base]);
        Assert.Equal(0, import.Exit);
        Assert.Contains("role: vision-encoder", import.Out, StringComparison.Ordinal);

        var lonely = CliRun.Of(["classify", "docs/examples/t5-native-architecture.yaml", "--against", _base]);
        Assert.Equal(2, lonely.Exit);
        Assert.Contains("give --artifacts <model-dir> with it", lonely.Error, StringComparison.Ordinal);
    }

    private static string ImportCommandDraft(string folder) => TClass.Cli.Commands.ImportCommand.Draft(ModelImporter.Import(folder, [Path.Combine(Path.GetDirectoryName(folder)!, "Qwen2.5-VL-7B-Instruct")]));
}
