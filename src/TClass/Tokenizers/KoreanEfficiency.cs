using System.Collections.Immutable;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace TClass.Tokenizers;

/// <summary>How a tokenizer spends tokens on one register of the Korean evaluation text.</summary>
/// <param name="Register">The register, or <c>all</c> for the whole text.</param>
/// <param name="Characters">Unicode characters, line breaks excluded.</param>
/// <param name="Eojeol">Space-separated units.</param>
/// <param name="HangulSyllables">Hangul syllables.</param>
/// <param name="Tokens">Tokens the tokenizer spends.</param>
/// <param name="Cl100kTokens">Tokens <c>cl100k_base</c> spends on the same text.</param>
/// <param name="O200kTokens">Tokens <c>o200k_base</c> spends on the same text.</param>
public sealed record RegisterEfficiency(string Register, int Characters, int Eojeol, int HangulSyllables, int Tokens, int Cl100kTokens, int O200kTokens)
{
    /// <summary>Characters per token: higher is more efficient.</summary>
    public double CharactersPerToken => Tokens == 0 ? 0 : (double)Characters / Tokens;

    /// <summary>Tokens per eojeol: lower is more efficient.</summary>
    public double TokensPerEojeol => Eojeol == 0 ? 0 : (double)Tokens / Eojeol;

    /// <summary>Tokens relative to <c>cl100k_base</c>: 0.5 means half as many.</summary>
    public double CostVsCl100k => Cl100kTokens == 0 ? 0 : (double)Tokens / Cl100kTokens;

    /// <summary>Tokens relative to <c>o200k_base</c>.</summary>
    public double CostVsO200k => O200kTokens == 0 ? 0 : (double)Tokens / O200kTokens;
}

/// <summary>A tokenizer's efficiency on the bundled Korean evaluation text, per register and in total.</summary>
/// <param name="Registers">One entry per register.</param>
/// <param name="Total">The whole text.</param>
public sealed record KoreanEfficiency(ImmutableArray<RegisterEfficiency> Registers, RegisterEfficiency Total)
{
    private static readonly Lazy<(ImmutableArray<int> Cl100k, ImmutableArray<int> O200k)> Baselines = new(() =>
        (Counts(TiktokenTokenizer.CreateForEncoding("cl100k_base")), Counts(TiktokenTokenizer.CreateForEncoding("o200k_base"))));

    /// <summary>Builds <c>cl100k_base</c> and <c>o200k_base</c> and counts their tokens on the bundled text, once per process.</summary>
    public static void Prepare() => _ = Baselines.Value;

    /// <summary>Measures <paramref name="tokenizer"/> on the bundled text, or null when it has no encoder.</summary>
    public static KoreanEfficiency? Measure(TokenizerFile tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.Encoder is not { } encoder)
        {
            return null;
        }

        var text = KoreanEvaluationText.BuiltIn;
        var (cl100k, o200k) = Baselines.Value;
        var registers = text.Registers.Select((r, i) => new RegisterEfficiency(r.Name, r.Characters, r.Eojeol, r.HangulSyllables,
            r.Lines.Sum(line => Count(encoder, line, tokenizer.ByteFallback && encoder is BpeTokenizer ? tokenizer.UnknownId : null)), cl100k[i], o200k[i])).ToImmutableArray();
        var total = new RegisterEfficiency("all", registers.Sum(r => r.Characters), registers.Sum(r => r.Eojeol), registers.Sum(r => r.HangulSyllables),
            registers.Sum(r => r.Tokens), registers.Sum(r => r.Cl100kTokens), registers.Sum(r => r.O200kTokens));
        return new KoreanEfficiency(registers, total);
    }

    private static ImmutableArray<int> Counts(Tokenizer encoder) =>
        [.. KoreanEvaluationText.BuiltIn.Registers.Select(r => r.Lines.Sum(line => Count(encoder, line, null)))];

    /// <summary>
    /// Tokens for one line. With byte fallback, a character missing from the vocabulary is spelled
    /// with one byte token per UTF-8 byte; Microsoft.ML.Tokenizers' BPE gives it one unknown token,
    /// so each unknown token counts as the bytes it covers.
    /// </summary>
    private static int Count(Tokenizer encoder, string line, int? fallbackUnknown)
    {
        if (fallbackUnknown is not { } unknown)
        {
            return encoder.CountTokens(line);
        }

        var tokens = encoder.EncodeToTokens(line, out var normalized);
        var text = normalized ?? line;
        var count = 0;
        foreach (var token in tokens)
        {
            count += token.Id == unknown ? Encoding.UTF8.GetByteCount(text.AsSpan()[token.Offset]) : 1;
        }

        return count;
    }
}
