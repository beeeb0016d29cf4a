namespace TClass.Tokenizers;

/// <summary>
/// How a tokenizer relates to one reference: how much of each vocabulary the other holds, and whether
/// the merges were learned in the same order. Shared vocabulary says the training text was alike;
/// only a shared merge order says one tokenizer was built from the other.
/// </summary>
/// <param name="Reference">The reference's id.</param>
/// <param name="CandidateTokens">Learned tokens (two units or more) of the analysed tokenizer.</param>
/// <param name="ReferenceTokens">Learned tokens of the reference.</param>
/// <param name="Shared">Learned tokens in both.</param>
/// <param name="SharedHangul">Shared tokens holding Hangul.</param>
/// <param name="OnlyCandidateHangul">Tokens only in the analysed tokenizer that hold Hangul.</param>
/// <param name="MergesCompared">How many leading merges were compared in order (0 when either has no merge order).</param>
/// <param name="IdenticalFirstMerges">How many of those are identical, in the same place.</param>
/// <param name="CommonPrefix">How many leading merges are identical before the first difference.</param>
/// <param name="RankCorrelation">Spearman's correlation of the ranks of shared sampled merges, or null with fewer than 30.</param>
/// <param name="CorrelationSample">How many shared sampled merges the correlation rests on.</param>
public sealed record TokenizerComparison(
    string Reference, int CandidateTokens, int ReferenceTokens, int Shared, int SharedHangul, int OnlyCandidateHangul,
    int MergesCompared, int IdenticalFirstMerges, int CommonPrefix, double? RankCorrelation, int CorrelationSample)
{
    /// <summary>The least number of shared sampled merges for a rank correlation.</summary>
    public const int MinimumCorrelationSample = 30;

    /// <summary>The share of the analysed tokenizer's learned tokens found in the reference.</summary>
    public double CandidateInReference => CandidateTokens == 0 ? 0 : (double)Shared / CandidateTokens;

    /// <summary>The share of the reference's learned tokens found in the analysed tokenizer.</summary>
    public double ReferenceInCandidate => ReferenceTokens == 0 ? 0 : (double)Shared / ReferenceTokens;

    /// <summary>Learned tokens of the analysed tokenizer that the reference lacks.</summary>
    public int OnlyCandidate => CandidateTokens - Shared;

    /// <summary>The share of the compared leading merges that are identical in place, or null without merge order.</summary>
    public double? FirstMergeAgreement => MergesCompared == 0 ? null : (double)IdenticalFirstMerges / MergesCompared;

    /// <summary>Compares <paramref name="candidate"/> (with its fingerprint) with <paramref name="reference"/>.</summary>
    public static TokenizerComparison Of(TokenizerFile candidate, TokenizerFingerprint fingerprint, TokenizerFingerprint reference)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return Of(fingerprint, LearnedHangul(candidate), reference);
    }

    /// <summary>The distinct hashes of the learned tokens of <paramref name="candidate"/> that hold Hangul.</summary>
    internal static HashSet<uint> LearnedHangul(TokenizerFile candidate) =>
        [.. candidate.Tokens.Concat(candidate.AddedTokenBytes)
            .Where(t => TokenText.Units(t) > 1 && TokenText.HangulSyllables(t) > 0)
            .Select(t => TokenText.Hash(t))];

    /// <summary>Compares a fingerprint, with the hashes of its learned Hangul tokens, with <paramref name="reference"/>.</summary>
    internal static TokenizerComparison Of(TokenizerFingerprint fingerprint, IReadOnlyCollection<uint> learnedHangul, TokenizerFingerprint reference)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(learnedHangul);
        ArgumentNullException.ThrowIfNull(reference);
        var shared = SharedCount(fingerprint.Tokens.AsSpan(), reference.Tokens.AsSpan());
        var sharedHangul = learnedHangul.Count(reference.Contains);
        var onlyHangul = learnedHangul.Count - sharedHangul;
        var (compared, identical, prefix) = (0, 0, 0);
        double? correlation = null;
        var sample = 0;
        if (fingerprint.HasMergeOrder && reference.HasMergeOrder)
        {
            compared = Math.Min(fingerprint.First.Length, reference.First.Length);
            for (var i = 0; i < compared; i++)
            {
                if (fingerprint.First[i] == reference.First[i])
                {
                    identical++;
                    prefix += prefix == i ? 1 : 0;
                }
            }

            var pairs = fingerprint.Sample.Select(s => (Candidate: s.Rank, Reference: reference.SampledRank(s.Hash)))
                .Where(p => p.Reference is not null).Select(p => (p.Candidate, Reference: p.Reference!.Value)).Order().ToList();
            sample = pairs.Count;
            correlation = sample >= MinimumCorrelationSample ? Spearman(pairs) : null;
        }

        return new TokenizerComparison(reference.Id, fingerprint.TokenCount, reference.TokenCount, shared, sharedHangul, onlyHangul,
            compared, identical, prefix, correlation, sample);
    }

    /// <summary>How many values two sorted, distinct lists have in common: one walk through both.</summary>
    private static int SharedCount(ReadOnlySpan<uint> left, ReadOnlySpan<uint> right)
    {
        var (i, j, shared) = (0, 0, 0);
        while (i < left.Length && j < right.Length)
        {
            if (left[i] == right[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    /// <summary>Spearman's rank correlation: the Pearson correlation of the ranks within the pairs (ranks are distinct).</summary>
    private static double Spearman(List<(int Candidate, int Reference)> pairs)
    {
        var n = pairs.Count;
        var byCandidate = pairs.Select((p, i) => (p.Candidate, i)).OrderBy(x => x.Candidate).Select(x => x.i).ToArray();
        var byReference = pairs.Select((p, i) => (p.Reference, i)).OrderBy(x => x.Reference).Select(x => x.i).ToArray();
        var candidateRank = new double[n];
        var referenceRank = new double[n];
        for (var r = 0; r < n; r++)
        {
            candidateRank[byCandidate[r]] = r;
            referenceRank[byReference[r]] = r;
        }

        var sumSquares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var d = candidateRank[i] - referenceRank[i];
            sumSquares += d * d;
        }

        return 1 - (6 * sumSquares / (n * ((double)n * n - 1)));
    }
}
