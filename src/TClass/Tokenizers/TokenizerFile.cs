using System.Collections.Immutable;
using Microsoft.ML.Tokenizers;

namespace TClass.Tokenizers;

/// <summary>The kind of tokenizer file and model.</summary>
public enum TokenizerFormat
{
    /// <summary>A Hugging Face <c>tokenizer.json</c> with a BPE model.</summary>
    HuggingFaceBpe,

    /// <summary>A Hugging Face <c>tokenizer.json</c> with a Unigram model.</summary>
    HuggingFaceUnigram,

    /// <summary>A Hugging Face <c>tokenizer.json</c> with a WordPiece model.</summary>
    HuggingFaceWordPiece,

    /// <summary>A SentencePiece <c>tokenizer.model</c> with a BPE model.</summary>
    SentencePieceBpe,

    /// <summary>A SentencePiece <c>tokenizer.model</c> with a Unigram model.</summary>
    SentencePieceUnigram,

    /// <summary>A tiktoken file: one base64 token and its rank per line.</summary>
    Tiktoken,

    /// <summary>GPT-2-style byte-level BPE in two files: <c>vocab.json</c> (token → id) and <c>merges.txt</c>.</summary>
    VocabMerges,
}

/// <summary>
/// A tokenizer read from its file: its vocabulary brought to bytes, the order in which its merges
/// create tokens, and — where Microsoft.ML.Tokenizers can build it — a tokenizer that encodes text.
/// </summary>
public sealed class TokenizerFile
{
    internal TokenizerFile(
        string path, TokenizerFormat format, TokenSpelling spelling, int vocabularySize, int addedTokens,
        ImmutableArray<byte[]> tokens, ImmutableArray<byte[]> addedTokenBytes, ImmutableArray<byte[]>? creations, int mergeCount,
        Tokenizer? encoder, string? encoderNote, int? unknownId, bool byteFallback, int? configVocabSize)
    {
        Path = path;
        Format = format;
        Spelling = spelling;
        VocabularySize = vocabularySize;
        AddedTokens = addedTokens;
        Tokens = tokens;
        AddedTokenBytes = addedTokenBytes;
        Creations = creations;
        MergeCount = mergeCount;
        Encoder = encoder;
        EncoderNote = encoderNote;
        UnknownId = unknownId;
        ByteFallback = byteFallback;
        ConfigVocabSize = configVocabSize;
    }

    /// <summary>The file that was read.</summary>
    public string Path { get; }

    /// <summary>The file format and model type.</summary>
    public TokenizerFormat Format { get; }

    /// <summary>How the vocabulary spells the bytes of its tokens.</summary>
    public TokenSpelling Spelling { get; }

    /// <summary>The number of entries in the model's vocabulary.</summary>
    public int VocabularySize { get; }

    /// <summary>Added tokens (special or not) that are not in the model's vocabulary.</summary>
    public int AddedTokens { get; }

    /// <summary>All token ids: the vocabulary plus the added tokens.</summary>
    public int TotalSize => VocabularySize + AddedTokens;

    /// <summary>How many merges the file lists (BPE), or 0.</summary>
    public int MergeCount { get; }

    /// <summary>The <c>vocab_size</c> of the model's <c>config.json</c> beside the tokenizer, when there is one.</summary>
    public int? ConfigVocabSize { get; }

    /// <summary>The tokenizer built by Microsoft.ML.Tokenizers, or null when it cannot build this kind (see <see cref="EncoderNote"/>).</summary>
    public Tokenizer? Encoder { get; }

    /// <summary>Why there is no <see cref="Encoder"/>, or what about it is approximate.</summary>
    public string? EncoderNote { get; }

    /// <summary>The bytes of every non-special token of the model's vocabulary.</summary>
    internal ImmutableArray<byte[]> Tokens { get; }

    /// <summary>The bytes of the non-special added tokens that are not in the vocabulary (a vocabulary expanded with <c>add_tokens</c>).</summary>
    internal ImmutableArray<byte[]> AddedTokenBytes { get; }

    /// <summary>The tokens the merges create, in merge order (the first merge creating each); null without merges.</summary>
    internal ImmutableArray<byte[]>? Creations { get; }

    /// <summary>The id of the unknown token, when the model has one.</summary>
    internal int? UnknownId { get; }

    /// <summary>Whether a character missing from the vocabulary is spelled with byte tokens.</summary>
    internal bool ByteFallback { get; }

    /// <summary>A short description of the format, e.g. <c>tokenizer.json (byte-level BPE)</c>.</summary>
    public string Describe() => Format switch
    {
        TokenizerFormat.HuggingFaceBpe => $"tokenizer.json ({(Spelling == TokenSpelling.ByteLevel ? "byte-level" : Spelling == TokenSpelling.Metaspace ? "metaspace" : "plain")} BPE)",
        TokenizerFormat.HuggingFaceUnigram => "tokenizer.json (Unigram)",
        TokenizerFormat.HuggingFaceWordPiece => "tokenizer.json (WordPiece)",
        TokenizerFormat.SentencePieceBpe => "SentencePiece model (BPE)",
        TokenizerFormat.SentencePieceUnigram => "SentencePiece model (Unigram)",
        TokenizerFormat.VocabMerges => "vocab.json + merges.txt (byte-level BPE)",
        _ => "tiktoken ranks",
    };
}
