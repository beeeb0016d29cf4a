using System.Collections.Immutable;
using System.Globalization;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Resources;
using TClass.Text;

namespace TClass.Tokenizers;

/// <summary>The thresholds of the verdict (<c>rules/tokenizers/verdict.yaml</c>).</summary>
/// <param name="CoversReference">The least share of a reference's learned tokens an expanded or reused tokenizer holds.</param>
/// <param name="ExpandedMinimum">The least number of learned tokens of its own that make a tokenizer expanded rather than reused.</param>
/// <param name="MergeOrderAgrees">The least share of the first merges identical in place for the merge order to agree.</param>
/// <param name="RankCorrelation">The least rank correlation of shared sampled merges for the merge order to agree.</param>
/// <param name="CorrelationSample">The least number of shared sampled merges that correlation must rest on.</param>
/// <param name="SimilarCorpus">The overlap above which a native verdict explains that the corpus was similar.</param>
public sealed record VerdictThresholds(double CoversReference, int ExpandedMinimum, double MergeOrderAgrees, double RankCorrelation, int CorrelationSample, double SimilarCorpus);

/// <summary>One reason of a verdict, in English and Korean.</summary>
/// <param name="Key">The message key in <c>verdict.yaml</c>.</param>
/// <param name="Text">The reason.</param>
public sealed record VerdictReason(string Key, LocalizedText Text);

/// <summary>Where a tokenizer's vocabulary and merges come from, as its comparison with the references shows.</summary>
public enum TokenizerLineage
{
    /// <summary>No reference tokenizer holds it: trained on a corpus of its own.</summary>
    Native,

    /// <summary>A reference tokenizer with tokens of its own added.</summary>
    Expanded,

    /// <summary>A reference tokenizer as is, or with too few tokens added to count.</summary>
    Reused,
}

/// <summary>The proposed lineage of a tokenizer with the reference it rests on and the reasons.</summary>
/// <param name="Origin">native, expanded or reused.</param>
/// <param name="Reference">The reference the tokenizer was reused or expanded from, or the closest one for a native tokenizer.</param>
/// <param name="Reasons">Why, in order.</param>
public sealed record TokenizerVerdict(TokenizerLineage Origin, string? Reference, ImmutableArray<VerdictReason> Reasons)
{
    private static readonly Lazy<VerdictRules> BuiltInRules = new(() => VerdictRules.Read(EmbeddedRules.Text("tokenizers/verdict.yaml")));

    /// <summary>The thresholds in use.</summary>
    public static VerdictThresholds Thresholds => BuiltInRules.Value.Thresholds;

    /// <summary>Proposes the origin from the comparisons with the references (by id → display name).</summary>
    public static TokenizerVerdict Propose(IReadOnlyList<TokenizerComparison> comparisons, Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(name);
        var rules = BuiltInRules.Value;
        var t = rules.Thresholds;
        var qualifying = comparisons
            .Where(c => c.ReferenceInCandidate >= t.CoversReference && (OrderAgrees(c, t) || c.MergesCompared == 0))
            .Select(c => (Comparison: c, Reused: c.OnlyCandidate < t.ExpandedMinimum))
            .OrderByDescending(x => x.Reused).ThenByDescending(x => x.Comparison.Shared).ThenBy(x => x.Comparison.Reference, StringComparer.Ordinal)
            .ToList();
        var reasons = ImmutableArray.CreateBuilder<VerdictReason>();
        if (qualifying.Count > 0)
        {
            var (best, reused) = qualifying[0];
            var values = Values(best, name(best.Reference));
            reasons.Add(rules.Say(reused ? "reused" : "expanded", values));
            reasons.Add(rules.Say(best.MergesCompared == 0 ? "no-merge-order" : FirstAgrees(best, t) ? "order-first" : "order-rank", values));
            reasons.Add(rules.Say("own-reference", values));
            return new TokenizerVerdict(reused ? TokenizerLineage.Reused : TokenizerLineage.Expanded, best.Reference, reasons.ToImmutable());
        }

        reasons.Add(rules.Say("native", []));
        var closest = comparisons.OrderByDescending(c => Math.Max(c.CandidateInReference, c.ReferenceInCandidate)).ThenBy(c => c.Reference, StringComparer.Ordinal).FirstOrDefault();
        if (closest is not null)
        {
            var values = Values(closest, name(closest.Reference));
            reasons.Add(rules.Say("closest", values));
            if (Math.Max(closest.CandidateInReference, closest.ReferenceInCandidate) >= t.SimilarCorpus && closest.MergesCompared > 0)
            {
                reasons.Add(rules.Say("similar-corpus", values));
            }
        }

        return new TokenizerVerdict(TokenizerLineage.Native, closest?.Reference, reasons.ToImmutable());
    }

    /// <summary>Whether the merge order of <paramref name="c"/> agrees, by the first merges or by rank correlation.</summary>
    public static bool OrderAgrees(TokenizerComparison c, VerdictThresholds t)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(t);
        return FirstAgrees(c, t) || c.RankCorrelation >= t.RankCorrelation && c.CorrelationSample >= t.CorrelationSample;
    }

    private static bool FirstAgrees(TokenizerComparison c, VerdictThresholds t) => c.FirstMergeAgreement >= t.MergeOrderAgrees;

    private static Dictionary<string, string> Values(TokenizerComparison c, string reference) => new(StringComparer.Ordinal)
    {
        ["reference"] = reference,
        ["candidate_share"] = Percent(c.CandidateInReference),
        ["reference_share"] = Percent(c.ReferenceInCandidate),
        ["added"] = c.OnlyCandidate.ToString("N0", CultureInfo.InvariantCulture),
        ["added_hangul"] = c.OnlyCandidateHangul.ToString("N0", CultureInfo.InvariantCulture),
        ["identical"] = c.IdenticalFirstMerges.ToString("N0", CultureInfo.InvariantCulture),
        ["compared"] = c.MergesCompared.ToString("N0", CultureInfo.InvariantCulture),
        ["sample"] = c.CorrelationSample.ToString("N0", CultureInfo.InvariantCulture),
        ["rho"] = c.RankCorrelation is { } rho ? rho.ToString("0.000", CultureInfo.InvariantCulture) : "n/a",
    };

    /// <summary>A share as a percentage with one decimal, never rounded up to 100% unless whole.</summary>
    internal static string Percent(double share)
    {
        var tenths = Math.Floor(share * 1000) / 10;
        return tenths.ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>The thresholds and messages of <c>verdict.yaml</c>.</summary>
    private sealed record VerdictRules(VerdictThresholds Thresholds, ImmutableDictionary<string, (string English, string Korean)> Messages)
    {
        public static VerdictRules Read(string yaml)
        {
            var diagnostics = new DiagnosticBag("rules/tokenizers/verdict.yaml");
            var root = DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default);
            var thresholds = root.Map("thresholds");
            if (root is null || thresholds is null || diagnostics.HasErrors)
            {
                throw new InvalidDataException("the tokenizer verdict rules are not valid:\n" + string.Join("\n", diagnostics.ToImmutableSorted()));
            }

            double Share(string key) => double.Parse(thresholds.Text(key) ?? throw new InvalidDataException($"verdict.yaml lacks thresholds.{key}"), CultureInfo.InvariantCulture);
            return new VerdictRules(
                new VerdictThresholds(Share("covers_reference"), (int)Share("expanded_minimum"), Share("merge_order_agrees"), Share("rank_correlation"),
                    (int)Share("correlation_sample"), Share("similar_corpus")),
                root.Map("messages")?.Entries.ToImmutableDictionary(e => e.Key.Text, e => (e.Value.Text("en") ?? "", e.Value.Text("ko") ?? ""), StringComparer.Ordinal)
                    ?? ImmutableDictionary<string, (string, string)>.Empty);
        }

        public VerdictReason Say(string key, Dictionary<string, string> values)
        {
            var (english, korean) = Messages.TryGetValue(key, out var message) ? message : throw new InvalidDataException($"verdict.yaml has no message {key}");
            return new VerdictReason(key, new LocalizedText(Placeholders.Fill(english, values), Placeholders.Fill(korean, values)));
        }
    }
}
