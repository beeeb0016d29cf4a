using System.Text.Json;
using Google.Protobuf;

namespace TClass.Tests.Tokenizers;

/// <summary>Writes a SentencePiece BPE model (sentencepiece_model.proto) from a metaspace tokenizer.json's vocabulary.</summary>
internal static class SentencePieceWriter
{
    public static byte[] FromTokenizerJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var vocab = document.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject()
            .Select(e => (Piece: e.Name, Id: e.Value.GetInt32())).OrderBy(e => e.Id).ToList();
        using var output = new MemoryStream();
        var model = new CodedOutputStream(output);
        foreach (var (piece, id) in vocab)
        {
            var type = id switch
            {
                0 => 2, // unknown
                1 or 2 => 3, // control
                _ when piece.StartsWith("<0x", StringComparison.Ordinal) && piece.Length == 6 => 6, // byte
                _ => 1, // normal
            };
            model.WriteTag(1, WireFormat.WireType.LengthDelimited);
            model.WriteBytes(Message(m =>
            {
                m.WriteTag(1, WireFormat.WireType.LengthDelimited);
                m.WriteString(piece);
                m.WriteTag(2, WireFormat.WireType.Fixed32);
                m.WriteFloat(-id);
                m.WriteTag(3, WireFormat.WireType.Varint);
                m.WriteEnum(type);
            }));
        }

        model.WriteTag(2, WireFormat.WireType.LengthDelimited); // trainer_spec
        model.WriteBytes(Message(m =>
        {
            m.WriteTag(3, WireFormat.WireType.Varint);
            m.WriteEnum(2); // BPE
            m.WriteTag(35, WireFormat.WireType.Varint);
            m.WriteBool(true); // byte_fallback
            m.WriteTag(40, WireFormat.WireType.Varint);
            m.WriteInt32(0); // unk_id
            m.WriteTag(41, WireFormat.WireType.Varint);
            m.WriteInt32(1); // bos_id
            m.WriteTag(42, WireFormat.WireType.Varint);
            m.WriteInt32(2); // eos_id
        }));
        model.WriteTag(3, WireFormat.WireType.LengthDelimited); // normalizer_spec
        model.WriteBytes(Message(m =>
        {
            m.WriteTag(3, WireFormat.WireType.Varint);
            m.WriteBool(true); // add_dummy_prefix
            m.WriteTag(4, WireFormat.WireType.Varint);
            m.WriteBool(false); // remove_extra_whitespaces
            m.WriteTag(5, WireFormat.WireType.Varint);
            m.WriteBool(true); // escape_whitespaces
        }));
        model.Flush();
        return output.ToArray();
    }

    /// <summary>The bytes <paramref name="write"/> writes, as an embedded protobuf message.</summary>
    internal static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var stream = new CodedOutputStream(buffer);
        write(stream);
        stream.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}
