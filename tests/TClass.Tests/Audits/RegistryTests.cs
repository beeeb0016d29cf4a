using System.Security.Cryptography;
using TClass.Manifests;
using TClass.Rules;
using TClass.Tests.Cli;

namespace TClass.Tests.Audits;

/// <summary>The registry of real models (docs/registry): sourced facts, the models it must cover, a page that is never stale.</summary>
[Collection(CliCollection.Name)]
public partial class RegistryTests
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
            "LGAI-EXAONE/EXAONE-4.0-32B", "naver/hyperclova-x-think", "skt/A.X-3.1", "upstage/solar-pro-2", "skt/A.X-4.0", "t-class-registry:worksai",
            "LGAI-EXAONE/K-EXAONE-236B-A23B", "skt/A.X-K1", "upstage/Solar-Open-100B", "naver-hyperclovax/HyperCLOVAX-SEED-Think-32B", "NC-AI-consortium-VAETKI/VAETKI",
            "kakaocorp/kanana-nano-2.1b-base", "K-intelligence/Midm-2.0-Base-Instruct", "Motif-Technologies/Motif-2.6B", "trillionlabs/Tri-21B",
            "yanolja/EEVE-Korean-10.8B-v1.0", "beomi/Llama-3-Open-Ko-8B", "upstage/SOLAR-10.7B-v1.0", "LGAI-EXAONE/EXAONE-3.5-32B-Instruct",
            "tiiuae/falcon-40b", "mistralai/Mistral-7B-v0.1", "meta-llama/Meta-Llama-3-8B", "Qwen/Qwen2.5-72B", "deepseek-ai/DeepSeek-V3", "zai-org/GLM-4.5-Air",
            "upstage/solar-pro-preview-instruct", "PrimeIntellect/INTELLECT-3",
        ];
        var ids = Cards().Select(c => c.Model.Id).ToHashSet(StringComparer.Ordinal);

        Assert.True(ids.Count >= 45, $"{ids.Count} models");
        Assert.All(required, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Every_declared_fact_has_its_public_source()
    {
        var unsourced = new List<string>();
        foreach (var card in Cards())
        {
            var facts = new ManifestFacts(card);
            var declared = card.Source!.Positions.Keys
                .Where(p => !p.StartsWith("model", StringComparison.Ordinal) && !p.StartsWith("evidence", StringComparison.Ordinal) && p != "tclass")
                .Where(p => !card.Source.Positions.Keys.Any(child => child.StartsWith(p + ".", StringComparison.Ordinal) || child.StartsWith(p + "[", StringComparison.Ordinal)))
                .Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\[\d+\].*$", ""))
                .Distinct(StringComparer.Ordinal);
            foreach (var path in declared)
            {
                var evidence = facts.Evidence(path);
                if (evidence is null || !NamesASource(evidence))
                {
                    unsourced.Add($"{card.Model.Id}: {path}: " + (evidence is null ? "no evidence" : "names no source: " + evidence));
                }
            }
        }

        Assert.True(unsourced.Count == 0, string.Join("\n", unsourced));
    }

    /// <summary>
    /// Whether evidence says where a fact was read: an address (huggingface.co/…, arXiv 2502.18934), a
    /// file (config.json, modeling_x.py) or a named document (model card, technical report, paper,
    /// announcement, documentation, a news article…). "Trained from scratch" alone is a claim, not a source.
    /// </summary>
    private static bool NamesASource(string evidence) => SourceNamed().IsMatch(evidence);

    [System.Text.RegularExpressions.GeneratedRegex(
        @"([a-z0-9-]+\.)+[a-z]{2,}/|arXiv \d{4}\.\d{4,5}|\b[\w.-]+\.(json|py|md|yaml|txt|model)\b|\b(card|report|paper|announcement|documentation|docs|blog|README|registry|page|article|statement|press release|pull request|repository|interview|news|transformers|Biz|Herald|Yonhap|ZDNet)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SourceNamed();

    [Fact]
    public void Evidence_that_states_only_a_claim_names_no_source()
    {
        Assert.False(NamesASource("trained from scratch by the developer"));
        Assert.False(NamesASource("the Llama architecture, unchanged"));
        Assert.True(NamesASource("Model card: trained from scratch"));
        Assert.True(NamesASource("config.json: LlamaForCausalLM"));
        Assert.True(NamesASource("Kanana technical report (arXiv 2502.18934), §3"));
        Assert.True(NamesASource("see huggingface.co/skt/A.X-3.1"));
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
        Assert.Equal("T0", tiers["t-class-registry:worksai"]);
        Assert.Equal("T3", tiers["upstage/SOLAR-10.7B-v1.0"]);
    }

    [Theory]
    [InlineData("upstage/Solar-Open-100B", "T4-2", "T4-2")]
    [InlineData("skt/A.X-K1", "T4-2", "T4-2")]
    [InlineData("LGAI-EXAONE/K-EXAONE-236B-A23B", "T4-2 · T5 · T6", "T4-2 · T5 · T6")]
    [InlineData("naver-hyperclovax/HyperCLOVAX-SEED-Think-32B", "T3", "T2")]
    [InlineData("tiiuae/falcon-40b", "T4-2", "T4-2")]
    [InlineData("upstage/solar-pro-preview-instruct", "T3", "T3")]
    [InlineData("PrimeIntellect/INTELLECT-3", "T2", "T2")]
    public void What_public_sources_settle_decides_the_level(string id, string reference, string strict)
    {
        var card = Cards().Single(c => c.Model.Id == id);
        string Level(string ruleset) =>
            string.Join(" · ", TClassifier.Create(new ClassifierOptions { Ruleset = BuiltInRulesets.Get(ruleset) }).Classify(card).Candidates.Select(o => o.Id));

        Assert.Equal(reference, Level(BuiltInRulesets.Reference));
        Assert.Equal(strict, Level(BuiltInRulesets.Strict));
    }

    [Fact]
    public void The_settled_facts_are_declared_as_the_sources_say()
    {
        var cards = Cards().ToDictionary(c => c.Model.Id, StringComparer.Ordinal);

        Assert.Equal(WeightsOrigin.OwnCheckpoint, cards["kakaocorp/kanana-nano-2.1b-base"].Weights.Origin);
        Assert.Equal(WeightsOrigin.Scratch, cards["LGAI-EXAONE/K-EXAONE-236B-A23B"].Weights.Origin);
        Assert.Equal(TokenizerOrigin.OwnNonNational, cards["tiiuae/falcon-40b"].Tokenizer.Origin);
        Assert.True(cards["Qwen/Qwen2.5-72B"].Architecture.Topology is null or { IsEmpty: true });
        Assert.Equal("glm4-moe", cards["upstage/Solar-Open-100B"].Architecture.Family);
        Assert.Equal("deepseek-v3", cards["skt/A.X-K1"].Architecture.Family);
        Assert.DoesNotContain(cards.Keys, id => id.StartsWith("worksai/", StringComparison.Ordinal));
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
