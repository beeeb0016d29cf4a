using System.Security.Cryptography;
using TClass.Manifests;
using TClass.Rules;
using TClass.Tests.Cli;

namespace TClass.Tests.Audits;

/// <summary>The registry of real models (docs/registry): sourced facts, the models it must cover, a page that is never stale.</summary>
[Collection(CliCollection.Name)]
public class RegistryTests
{
    private static readonly string CardsDir = Path.Combine(TestData.RepoRoot, "docs", "registry", "cards");

    private static IEnumerable<Manifest> Cards() =>
        Directory.GetFiles(CardsDir).Order(StringComparer.Ordinal).Select(f => ManifestReader.Read(f).Manifest!);

    [Fact]
    public void Every_card_is_a_valid_manifest()
    {
        Assert.All(Directory.GetFiles(CardsDir), f => Assert.True(ManifestReader.Read(f).Succeeded, f));
    }

    [Fact]
    public void The_registry_covers_the_standards_registry_the_national_programme_other_Korean_and_global_models()
    {
        string[] required =
        [
            "LGAI-EXAONE/EXAONE-4.0-32B", "naver/hyperclova-x-think", "skt/A.X-3.1", "upstage/solar-pro-2", "skt/A.X-4.0", "worksai/aiworks",
            "LGAI-EXAONE/K-EXAONE-236B-A23B", "skt/A.X-K1", "upstage/Solar-Open-100B", "naver-hyperclovax/HyperCLOVAX-SEED-Think-32B", "NC-AI-consortium-VAETKI/VAETKI",
            "kakaocorp/kanana-nano-2.1b-base", "K-intelligence/Midm-2.0-Base-Instruct", "Motif-Technologies/Motif-2.6B", "trillionlabs/Tri-21B",
            "yanolja/EEVE-Korean-10.8B-v1.0", "beomi/Llama-3-Open-Ko-8B", "upstage/SOLAR-10.7B-v1.0", "LGAI-EXAONE/EXAONE-3.5-32B-Instruct",
            "tiiuae/falcon-40b", "mistralai/Mistral-7B-v0.1", "meta-llama/Meta-Llama-3-8B", "Qwen/Qwen2.5-72B", "deepseek-ai/DeepSeek-V3", "zai-org/GLM-4.5-Air",
        ];
        var ids = Cards().Select(c => c.Model.Id).ToHashSet(StringComparer.Ordinal);

        Assert.True(ids.Count >= 25);
        Assert.All(required, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Every_declared_fact_has_its_public_source()
    {
        foreach (var card in Cards())
        {
            var facts = new ManifestFacts(card);
            var declared = card.Source!.Positions.Keys
                .Where(p => !p.StartsWith("model", StringComparison.Ordinal) && !p.StartsWith("evidence", StringComparison.Ordinal) && p != "tclass")
                .Where(p => !card.Source.Positions.Keys.Any(child => child.StartsWith(p + ".", StringComparison.Ordinal) || child.StartsWith(p + "[", StringComparison.Ordinal)))
                .Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\[\d+\].*$", ""));
            Assert.All(declared, path => Assert.True(facts.Evidence(path) is not null, $"{card.Model.Id}: {path} has no evidence"));
        }
    }

    [Fact]
    public void The_registry_page_is_up_to_date()
    {
        var run = CliRun.Of("registry docs/registry/cards --check");

        Assert.True(run.Exit == 0, run.Error + run.Out);
    }

    [Fact]
    public void The_standards_registry_entries_that_the_sources_decide_agree_with_it()
    {
        var classifier = TClassifier.Create();
        var tiers = Cards().ToDictionary(c => c.Model.Id, c => classifier.Classify(c).Outcome?.Id, StringComparer.Ordinal);

        Assert.Equal("T4-2", tiers["skt/A.X-3.1"]);
        Assert.Equal("T2", tiers["skt/A.X-4.0"]);
        Assert.Equal("T0", tiers["worksai/aiworks"]);
        Assert.Equal("T3", tiers["upstage/SOLAR-10.7B-v1.0"]);
    }

    [Fact]
    public void A_result_records_the_hashes_that_reproduce_it()
    {
        var file = Path.Combine(CardsDir, "skt-ax-3.1.yaml");
        var result = TClassifier.Create().Classify(ManifestReader.Read(file).Manifest!);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), result.ManifestSha256);
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(BuiltInRulesets.Text(BuiltInRulesets.Reference)))),
            result.Ruleset.Sha256);
    }
}
