using System.Collections.Immutable;
using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.Tokenizers;
using TClass.Diagnostics;

namespace TClass.Tokenizers;

/// <summary>
/// Reads a SentencePiece <c>tokenizer.model</c>: the pieces with their scores and types and the model
/// type are read from the protobuf with Google.Protobuf; the tokenizer itself is built by
/// Microsoft.ML.Tokenizers' <see cref="SentencePieceTokenizer"/>.
/// </summary>
internal static class SentencePieceModel
{
    // sentencepiece_model.proto: ModelProto.pieces = 1, ModelProto.trainer_spec = 2;
    // ModelProto.normalizer_spec = 3; SentencePiece.piece = 1, .score = 2, .type = 3 (absent: score 0, type NORMAL);
    // TrainerSpec.model_type = 3 (1 unigram, 2 BPE, 3 word, 4 char).
    private const int PieceNormal = 1;
    private const int PieceControl = 3;
    private const int PieceUnknown = 2;
    private const int PieceByte = 6;

    private sealed record Piece(int Id, string Text, float Score, int Type);

    public static TokenizerFile? Read(string path, string name, byte[] bytes, int? configVocab, DiagnosticBag diagnostics)
    {
        var pieces = new List<Piece>();
        var modelType = 1;
        var byteFallback = false;
        var (trainerSpec, normalizerSpec) = (false, false);
        try
        {
            var input = new CodedInputStream(bytes);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                        if (pieces.Count == TokenizerLimits.MaxVocabulary)
                        {
                            diagnostics.Error("too-many-tokens", SourcePosition.WholeFile, "pieces",
                                string.Create(CultureInfo.InvariantCulture, $"{name} has more than {TokenizerLimits.MaxVocabulary:N0} pieces; TClass reads at most that many (the largest real vocabulary, Gemma 3's, holds 262,144)."),
                                "Check the file; it may have been generated wrongly.");
                            return null;
                        }

                        pieces.Add(ReadPiece(pieces.Count, input.ReadBytes()));
                        break;
                    case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                        (modelType, byteFallback) = ReadTrainerSpec(input.ReadBytes());
                        trainerSpec = true;
                        break;
                    case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                        input.SkipLastField();
                        normalizerSpec = true;
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            diagnostics.Error("invalid-sentencepiece", SourcePosition.WholeFile, "", $"{name} is not a SentencePiece model: {e.Message}",
                "Point at the model's tokenizer.model, tokenizer.json or *.tiktoken file.");
            return null;
        }

        if (pieces.Count == 0)
        {
            diagnostics.Error("invalid-sentencepiece", SourcePosition.WholeFile, "", $"{name} holds no SentencePiece pieces.",
                "Point at the model's tokenizer.model, tokenizer.json or *.tiktoken file.");
            return null;
        }

        var tokens = pieces.Where(p => p.Type is not (PieceControl or PieceUnknown))
            .Select(p => TokenText.ToBytes(p.Text, TokenSpelling.Metaspace)!).ToImmutableArray();
        ImmutableArray<byte[]>? creations = modelType == 2
            ? [.. pieces.Where(p => p.Type == PieceNormal).OrderByDescending(p => p.Score).ThenBy(p => p.Id).Select(p => TokenText.ToBytes(p.Text, TokenSpelling.Metaspace)!)]
            : null;
        Tokenizer? encoder = null;
        string? note = null;
        if (!trainerSpec || !normalizerSpec)
        {
            // Microsoft.ML.Tokenizers reads the model type and the whitespace rules from these and fails without them.
            note = $"not built: the model has no {(trainerSpec ? "normalizer_spec" : "trainer_spec")}, which says how SentencePiece encodes; the pieces are read as they are";
        }
        else if (modelType is 1 or 2)
        {
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                encoder = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or InvalidProtocolBufferException or NotSupportedException
                or KeyNotFoundException or IndexOutOfRangeException or NullReferenceException)
            {
                note = "Microsoft.ML.Tokenizers could not build it: " + e.Message;
            }
        }
        else
        {
            note = "not built: a SentencePiece word or character model is not a subword tokenizer";
        }

        return new TokenizerFile(path, modelType == 2 ? TokenizerFormat.SentencePieceBpe : TokenizerFormat.SentencePieceUnigram, TokenSpelling.Metaspace,
            pieces.Count, 0, tokens, [], creations, creations?.Length ?? 0, encoder, note,
            pieces.FirstOrDefault(p => p.Type == PieceUnknown)?.Id, byteFallback || pieces.Any(p => p.Type == PieceByte), configVocab);
    }

    private static Piece ReadPiece(int id, ByteString message)
    {
        var input = message.CreateCodedInput();
        var (text, score, type) = ("", 0f, PieceNormal);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: text = input.ReadString(); break;
                case 2: score = input.ReadFloat(); break;
                case 3: type = input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new Piece(id, text, score, type);
    }

    private static (int ModelType, bool ByteFallback) ReadTrainerSpec(ByteString message)
    {
        var input = message.CreateCodedInput();
        var (modelType, byteFallback) = (1, false);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 3: modelType = input.ReadEnum(); break;
                case 35: byteFallback = input.ReadBool(); break;
                default: input.SkipLastField(); break;
            }
        }

        return (modelType, byteFallback);
    }
}
