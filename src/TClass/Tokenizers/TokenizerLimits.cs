namespace TClass.Tokenizers;

/// <summary>
/// The limits a tokenizer file is held to, so that a hostile or broken file ends in a located error
/// within seconds and a few hundred megabytes, never in minutes, gigabytes or a crash. Each is far
/// above what real tokenizers hold (see <c>docs/tokenizers.md</c>).
/// </summary>
internal static class TokenizerLimits
{
    /// <summary>
    /// The most tokens of a vocabulary: <c>tokenizer.json</c> vocabulary entries, SentencePiece pieces,
    /// tiktoken ranks (2^19). The largest real vocabulary (Gemma 3's) holds 262,144 tokens, half of it.
    /// A synthetic file at this limit and at <see cref="MaxMerges"/> is analysed in 8 to 10 seconds and
    /// 700 MB, most of it Microsoft.ML.Tokenizers building the BPE; at twice as many tokens it took 12
    /// CPU-seconds and 900 MB. Checked before anything is built.
    /// </summary>
    public const int MaxVocabulary = 524_288;

    /// <summary>
    /// The most BPE merges (2^20). Gemma 3's <c>tokenizer.json</c> lists 514,906, the most of the real ones.
    /// </summary>
    public const int MaxMerges = 1_048_576;

    /// <summary>
    /// The most <c>added_tokens</c> (2^16). Gemma 3 lists 6,415, the most of the real ones; a
    /// vocabulary expanded with <c>add_tokens</c> adds thousands to tens of thousands. Each one
    /// becomes part of the pattern that cuts them out of the text.
    /// </summary>
    public const int MaxAddedTokens = 65_536;

    /// <summary>The longest added token, in characters. Real ones are special tokens and runs of spaces, under 100.</summary>
    public const int MaxAddedTokenLength = 256;

    /// <summary>
    /// The longest text that a normalizer, pre-tokenizer or decoder step inserts (a <c>Replace</c>
    /// content, a <c>Prepend</c>, a Metaspace <c>replacement</c>), in characters. Real ones are one
    /// character (<c>▁</c> or a space).
    /// </summary>
    public const int MaxInsertedText = 16;

    /// <summary>
    /// How many times longer the normalizer (with what the pre-tokenizer adds to it) may make a text.
    /// Real ones keep its length (<c>Replace " " → "▁"</c>, Lowercase) or add a character (Prepend);
    /// a chain of replacements that each double the text would double it per step.
    /// </summary>
    public const int MaxNormalizerGrowth = 64;

    /// <summary>The most steps of a normalizer, a pre-tokenizer or a decoder, nested sequences included. Real ones have under ten.</summary>
    public const int MaxSteps = 64;

    /// <summary>The longest pre-tokenizer pattern, in characters. The longest real one (o200k_base's) is about 400.</summary>
    public const int MaxPatternLength = 4_096;
}
