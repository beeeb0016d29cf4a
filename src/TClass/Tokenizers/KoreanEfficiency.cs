using System.Collections.Immutable;
using System.Text;
using Microsoft.ML.Tokenizers;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Resources;

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
    /// <summary>The encodings every tokenizer is compared with, as <c>baselines.yaml</c> names them.</summary>
    public static readonly ImmutableArray<string> BaselineEncodings = ["cl100k_base", "o200k_base"];

    private static readonly Lazy<(ImmutableArray<int> Cl100k, ImmutableArray<int> O200k)> Baselines = new(() =>
    {
        var stored = ReadBaselines(EmbeddedRules.Text("tokenizers/korean/baselines.yaml"));
        return (stored[BaselineEncodings[0]], stored[BaselineEncodings[1]]);
    });

    /// <summary>Reads the stored baseline counts, once per process (they are constants of the text and the encodings).</summary>
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

    /// <summary>Tokens <paramref name="encoder"/> spends on each register of the bundled text, in register order.</summary>
    internal static ImmutableArray<int> Counts(Tokenizer encoder) =>
        [.. KoreanEvaluationText.BuiltIn.Registers.Select(r => r.Lines.Sum(line => Count(encoder, line, null)))];

    /// <summary>
    /// Reads <c>rules/tokenizers/korean/baselines.yaml</c>: per encoding, the tokens of each register, in
    /// register order. Every encoding and every register must be there.
    /// </summary>
    internal static IReadOnlyDictionary<string, ImmutableArray<int>> ReadBaselines(string yaml)
    {
        var diagnostics = new DiagnosticBag("rules/tokenizers/korean/baselines.yaml");
        var baselines = DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default).Map("baselines");
        if (baselines is null || diagnostics.HasErrors)
        {
            throw new InvalidDataException("the baseline counts are not valid:\n" + string.Join("\n", diagnostics.ToImmutableSorted()));
        }

        return BaselineEncodings.ToDictionary(encoding => encoding, encoding => KoreanEvaluationText.RegisterNames
            .Select(register => baselines.Map(encoding).Integer(register) is { } count and >= 0 and <= int.MaxValue
                ? (int)count
                : throw new InvalidDataException($"baselines.yaml has no count for {encoding} on the {register} register."))
            .ToImmutableArray(), StringComparer.Ordinal);
    }

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
