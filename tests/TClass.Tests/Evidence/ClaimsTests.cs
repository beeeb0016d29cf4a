using TClass.Evidence;
using TClass.Manifests;
using TClass.Tests.Cli;

namespace TClass.Tests.Evidence;

/// <summary>Claims against evidence: what a card declares, set against what the model's files show.</summary>
[Collection(CliCollection.Name)]
public class ClaimsTests
{
    private static ImportResult Files(string fixture) =>
        ModelImporter.Import(Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models", fixture));

    [Fact]
    public void A_false_claim_of_an_unchanged_configuration_is_a_conflict_that_shows_both_sides()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model: { id: upstage/SOLAR-10.7B-v1.0 }
            weights: { origin: scratch }
            architecture: { family: llama, config: identical }
            evidence: { architecture: "press release" }
            """);

        var result = TClassifier.Create().Classify(card, Files("solar-10.7b-v1.0"));

        var conflict = Assert.Single(result.Provenance, p => p.Status == ProvenanceStatus.Conflicting);
        Assert.Equal(("architecture.config", "identical", "modified"), (conflict.Fact, conflict.Declared, conflict.Concluded));
        var warning = Assert.Single(result.Warnings, w => w.Code == "evidence-conflict" && w.Path == "architecture.config");
        Assert.Contains("press release", warning.Message, StringComparison.Ordinal);
        Assert.Contains("num_hidden_layers 48 (reference 32)", warning.Message, StringComparison.Ordinal);
        Assert.Equal("T4-1", result.Tier?.Id);
    }

    [Fact]
    public void Preferring_evidence_classifies_on_what_the_files_show()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model: { id: yanolja/EEVE-Korean-10.8B-v1.0 }
            weights: { origin: scratch }
            """);

        var declared = TClassifier.Create().Classify(card, Files("eeve-korean-10.8b-v1.0"));
        var evidence = TClassifier.Create().Classify(card, Files("eeve-korean-10.8b-v1.0"), EvidencePreference.Evidence);

        Assert.Contains(declared.Provenance, p => p.Fact == "weights.origin" && p.Status == ProvenanceStatus.Conflicting);
        Assert.DoesNotContain("T2", declared.Candidates.Select(c => c.Id));
        Assert.Equal(["T2", "T3"], evidence.Candidates.Select(c => c.Id).ToArray());
    }

    [Fact]
    public void Facts_are_marked_declared_concluded_agreeing_or_conflicting()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model: { id: meta-llama/Meta-Llama-3-8B }
            weights: { origin: scratch }
            architecture: { family: llama, class: LlamaForCausalLM, config: identical }
            tokenizer: { vocab_size: 128000 }
            """);

        var provenance = TClassifier.Create().Classify(card, Files("meta-llama-3-8b")).Provenance.ToDictionary(p => p.Fact, p => p.Status);

        Assert.Equal(ProvenanceStatus.Declared, provenance["weights.origin"]);
        Assert.Equal(ProvenanceStatus.Agreeing, provenance["architecture.family"]);
        Assert.Equal(ProvenanceStatus.Agreeing, provenance["architecture.config"]);
        Assert.Equal(ProvenanceStatus.Concluded, provenance["architecture.remote_code"]);
        Assert.Equal(ProvenanceStatus.Conflicting, provenance["tokenizer.vocab_size"]);
    }

    [Fact]
    public void The_runner_reports_provenance_in_JSON_and_the_import_writes_a_draft()
    {
        var draft = Path.Combine(Path.GetTempPath(), "tclass-draft-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            var import = CliRun.Of(["import", "tests/fixtures/models/mixtral-8x7b-v0.1", "-o", draft]);
            Assert.Equal(0, import.Exit);
            Assert.Contains("to review:", import.Out, StringComparison.Ordinal);

            var run = CliRun.Of(["classify", draft, "--artifacts", "tests/fixtures/models/mixtral-8x7b-v0.1", "--format", "json"]);
            Assert.Equal(0, run.Exit);
            Assert.Contains("\"provenance\": [", run.Out, StringComparison.Ordinal);
            Assert.Contains("\"status\": \"agreeing\"", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(draft);
        }
    }

    [Fact]
    public void Artifacts_describe_one_model()
    {
        var run = CliRun.Of("classify docs/examples --artifacts tests/fixtures/models/gpt2");

        Assert.Equal(2, run.Exit);
        Assert.Contains("give exactly one manifest", run.Error, StringComparison.Ordinal);
    }
}
