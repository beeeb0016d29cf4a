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

        var conflict = Assert.Single(result.Provenance, p => p.Status == ProvenanceStatus.Conflicting && p.Fact == "architecture.config");
        Assert.Equal(("identical", "modified"), (conflict.Declared, conflict.Concluded));

        // An absent changes list claims no changes too (absent means none): the layers it does not mention conflict as well.
        var changes = Assert.Single(result.Provenance, p => p.Status == ProvenanceStatus.Conflicting && p.Fact == "architecture.changes");
        Assert.Equal(("none (absent means none)", "depth"), (changes.Declared, changes.Concluded));
        var warning = Assert.Single(result.Warnings, w => w.Code == "evidence-conflict" && w.Path == "architecture.config");
        Assert.Contains("press release", warning.Message, StringComparison.Ordinal);
        Assert.Contains("num_hidden_layers 48 (reference 32)", warning.Message, StringComparison.Ordinal);
        Assert.Equal("T4-1", result.Outcome?.Id);
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

/// <summary>The tokenizer a folder holds, against what a card claims of it.</summary>
[Collection(CliCollection.Name)]
public sealed class TokenizerClaimsTests(TClass.Tests.Tokenizers.ReferenceFilesFixture files) : IClassFixture<TClass.Tests.Tokenizers.ReferenceFilesFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tclass-tokenizer-claims-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private ImportResult Folder()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(files.PathOf("llama2"), Path.Combine(_folder, "tokenizer.json"));
        return ModelImporter.Import(_folder);
    }

    [Fact]
    public void Import_concludes_the_tokenizer_origin_and_base_with_their_evidence()
    {
        var result = Folder();

        Assert.Equal(TokenizerOrigin.Reused, result.Draft.Tokenizer.Origin);
        Assert.Equal("mistral", result.Draft.Tokenizer.Base);
        Assert.Contains("compared with 8 reference tokenizers", result.Fact("tokenizer.origin")!.Source, StringComparison.Ordinal);
        Assert.Contains(result.Review, r => r.En.StartsWith("tokenizer.origin: concluded reused from Mistral 7B", StringComparison.Ordinal));
    }

    [Fact]
    public void A_claim_of_a_native_tokenizer_over_a_reused_one_is_a_conflict()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model: { id: example/claims-native }
            weights: { origin: scratch }
            architecture: { family: mistral, config: identical }
            tokenizer: { origin: native }
            evidence: { tokenizer.origin: "technical report" }
            """);

        var result = TClassifier.Create().Classify(card, Folder());

        var conflict = Assert.Single(result.Provenance, p => p.Fact == "tokenizer.origin");
        Assert.Equal((ProvenanceStatus.Conflicting, "native", "reused"), (conflict.Status, conflict.Declared, conflict.Concluded));
        Assert.Contains(result.Warnings, w => w.Code == "evidence-conflict" && w.Path == "tokenizer.origin" && w.Message.Contains("technical report", StringComparison.Ordinal));
    }

    [Fact]
    public void A_declared_base_that_names_the_reference_agrees()
    {
        var card = TestData.Manifest("""
            tclass: 1
            model: { id: example/claims-reused }
            weights: { origin: open-derivative, base: [mistralai/Mistral-7B-v0.1], adaptation: [sft] }
            tokenizer: { origin: reused, base: mistralai/Mistral-7B-v0.1 }
            """);

        var result = TClassifier.Create().Classify(card, Folder());

        Assert.Equal(ProvenanceStatus.Agreeing, Assert.Single(result.Provenance, p => p.Fact == "tokenizer.base").Status);
    }
}
