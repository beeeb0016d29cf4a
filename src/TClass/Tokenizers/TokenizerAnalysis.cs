using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TClass.Diagnostics;
using TClass.ModelFiles;

namespace TClass.Tokenizers;

/// <summary>What a tokenizer's vocabulary holds.</summary>
/// <param name="VocabularySize">Entries in the model's vocabulary.</param>
/// <param name="AddedTokens">Added tokens not in the vocabulary (special or not).</param>
/// <param name="ConfigVocabSize">The <c>vocab_size</c> of <c>config.json</c> beside the tokenizer, if any.</param>
/// <param name="LearnedTokens">Distinct tokens of two units or more (what is compared with references).</param>
/// <param name="HangulTokens">Tokens holding at least one Hangul syllable.</param>
/// <param name="HangulWordTokens">Tokens holding two Hangul syllables or more.</param>
/// <param name="Tokens">Non-special tokens (vocabulary and non-special added tokens).</param>
/// <param name="MergeCount">Merges listed (BPE), or 0.</param>
public sealed record VocabularyProfile(int VocabularySize, int AddedTokens, int? ConfigVocabSize, int LearnedTokens, int HangulTokens, int HangulWordTokens, int Tokens, int MergeCount)
{
    /// <summary>All token ids: the vocabulary plus the added tokens.</summary>
    public int TotalSize => VocabularySize + AddedTokens;

    /// <summary>The share of non-special tokens that hold Hangul.</summary>
    public double HangulShare => Tokens == 0 ? 0 : (double)HangulTokens / Tokens;

    /// <summary>The profile of <paramref name="tokenizer"/>.</summary>
    public static VocabularyProfile Of(TokenizerFile tokenizer, TokenizerFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var all = tokenizer.Tokens.Concat(tokenizer.AddedTokenBytes).ToList();
        var syllables = all.Select(t => TokenText.HangulSyllables(t)).ToList();
        return new VocabularyProfile(tokenizer.VocabularySize, tokenizer.AddedTokens, tokenizer.ConfigVocabSize, fingerprint.TokenCount,
            syllables.Count(s => s > 0), syllables.Count(s => s > 1), all.Count, tokenizer.MergeCount);
    }
}

/// <summary>A tokenizer analysed: its vocabulary, its Korean efficiency, how it relates to each reference, and the proposed origin.</summary>
/// <param name="Path">The tokenizer file.</param>
/// <param name="Format">A description of the format, e.g. <c>tokenizer.json (byte-level BPE)</c>.</param>
/// <param name="Vocabulary">What its vocabulary holds.</param>
/// <param name="Efficiency">Its efficiency on the Korean evaluation text, or null when it cannot encode.</param>
/// <param name="EncoderNote">Why efficiency is missing, or what about it is approximate.</param>
/// <param name="Comparisons">One per reference, in the order given.</param>
/// <param name="References">The references compared with, in the same order.</param>
/// <param name="Verdict">The proposed <c>tokenizer.origin</c>.</param>
public sealed record TokenizerAnalysis(
    string Path, string Format, VocabularyProfile Vocabulary, KoreanEfficiency? Efficiency, string? EncoderNote,
    ImmutableArray<TokenizerComparison> Comparisons, ImmutableArray<ReferenceDescription> References, TokenizerVerdict Verdict)
{
    /// <summary>The display name of reference <paramref name="id"/>.</summary>
    public string NameOf(string id) => References.FirstOrDefault(r => r.Id == id)?.Name ?? id;

    /// <summary>Analyses <paramref name="tokenizer"/> against <paramref name="references"/> (the bundled ones when null).</summary>
    public static TokenizerAnalysis Of(TokenizerFile tokenizer, IReadOnlyList<ReferenceTokenizer>? references = null, bool measureEfficiency = true)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        references ??= ReferenceTokenizers.BuiltIn;
        var fingerprint = TokenizerFingerprint.Of(tokenizer);
        var learnedHangul = TokenizerComparison.LearnedHangul(tokenizer);
        var comparisons = references.Select(r => TokenizerComparison.Of(fingerprint, learnedHangul, r.Fingerprint)).ToImmutableArray();
        var descriptions = references.Select(r => r.Description).ToImmutableArray();
        var verdict = TokenizerVerdict.Propose(comparisons, id => descriptions.FirstOrDefault(d => d.Id == id)?.Name ?? id);
        var (efficiency, note) = (default(KoreanEfficiency), tokenizer.EncoderNote);
        try
        {
            efficiency = measureEfficiency ? KoreanEfficiency.Measure(tokenizer) : null;
        }
        catch (RegexMatchTimeoutException)
        {
            note = "not measured: the file's pre-tokenizer pattern took too long on the evaluation text (a pattern that backtracks without bound)";
        }
        catch (NormalizerLimitException e)
        {
            note = "not measured: " + e.Message;
        }

        return new TokenizerAnalysis(tokenizer.Path, tokenizer.Describe(), VocabularyProfile.Of(tokenizer, fingerprint),
            efficiency, note, comparisons, descriptions, verdict);
    }

    /// <summary>
    /// Reads and analyses the tokenizer at <paramref name="path"/>, against the bundled references or
    /// against <paramref name="against"/>: reference ids, or paths of other tokenizer files.
    /// </summary>
    public static TokenizerAnalysisResult Analyse(string path, IReadOnlyList<string>? against = null)
    {
        ArgumentNullException.ThrowIfNull(path);

        // The references and the stored cl100k_base/o200k_base counts load on another core while the file is read.
        var prepare = Task.Run(() =>
        {
            _ = ReferenceTokenizers.BuiltIn;
            KoreanEfficiency.Prepare();
        });
        var read = TokenizerReader.Read(path);
        prepare.Wait();
        var diagnostics = read.Diagnostics.ToBuilder();
        var references = new List<ReferenceTokenizer>();
        foreach (var other in against ?? [])
        {
            if (ReferenceTokenizers.Find(other) is { } reference)
            {
                references.Add(reference);
                continue;
            }

            if (!ModelFolder.Exists(other))
            {
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "unknown-reference", "<command line>", 0, 0, "--against",
                    $"'{other}' is neither a reference tokenizer nor a file.",
                    "Use one of " + string.Join(", ", ReferenceTokenizers.Ids) + ", or the path of a tokenizer file."));
                continue;
            }

            var otherRead = TokenizerReader.Read(other);
            diagnostics.AddRange(otherRead.Diagnostics);
            if (otherRead.Tokenizer is { } file)
            {
                var name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(other));
                references.Add(new ReferenceTokenizer(
                    new ReferenceDescription(other, name, "", file.Describe(), new TokenizerSource(null, null, null, file.Path, null, null), []),
                    TokenizerFingerprint.Of(file, other)));
            }
        }

        var failed = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new TokenizerAnalysisResult(
            read.Tokenizer is { } tokenizer && !failed ? Of(tokenizer, against is { Count: > 0 } ? references : null) : null,
            diagnostics.ToImmutable());
    }
}

/// <summary>The outcome of analysing a tokenizer file: the analysis, or the problems that stopped it.</summary>
/// <param name="Analysis">The analysis, or null.</param>
/// <param name="Diagnostics">Every problem found.</param>
public sealed record TokenizerAnalysisResult(TokenizerAnalysis? Analysis, ImmutableArray<Diagnostic> Diagnostics);
