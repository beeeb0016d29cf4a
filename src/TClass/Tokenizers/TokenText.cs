using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace TClass.Tokenizers;

/// <summary>How a tokenizer writes the bytes of its tokens as vocabulary strings.</summary>
public enum TokenSpelling
{
    /// <summary>GPT-2 byte-level: each byte is one printable character (a space is <c>Ġ</c>).</summary>
    ByteLevel,

    /// <summary>SentencePiece style: a space is <c>▁</c>, and <c>&lt;0xNN&gt;</c> is a single byte.</summary>
    Metaspace,

    /// <summary>The vocabulary holds the bytes themselves (tiktoken files).</summary>
    Bytes,

    /// <summary>Plain text (WordPiece; <c>##</c> marks a word continuation).</summary>
    Plain,
}

/// <summary>
/// Brings tokens of every spelling to the bytes they stand for, so that tokenizers of different
/// styles compare on the same footing, and says what those bytes hold (units, Hangul).
/// </summary>
internal static class TokenText
{
    private static readonly int[] ByteLevelDecoding = BuildByteLevelDecoding();

    /// <summary>The bytes a vocabulary string stands for, or null when it is not a valid token of that spelling.</summary>
    public static byte[]? ToBytes(string token, TokenSpelling spelling)
    {
        switch (spelling)
        {
            case TokenSpelling.ByteLevel:
                var bytes = new byte[token.Length];
                for (var i = 0; i < token.Length; i++)
                {
                    var c = token[i];
                    if (c >= ByteLevelDecoding.Length || ByteLevelDecoding[c] < 0)
                    {
                        return null;
                    }

                    bytes[i] = (byte)ByteLevelDecoding[c];
                }

                return bytes;
            case TokenSpelling.Metaspace:
                if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
                    && byte.TryParse(token.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var single))
                {
                    return [single];
                }

                return Encoding.UTF8.GetBytes(token.Replace('\u2581', ' '));
            case TokenSpelling.Plain:
                return Encoding.UTF8.GetBytes(token.StartsWith("##", StringComparison.Ordinal) && token.Length > 2 ? token[2..] : " " + token);
            default:
                return Encoding.UTF8.GetBytes(token);
        }
    }

    /// <summary>
    /// How many units the bytes hold: each complete UTF-8 character is one, each stray byte of an
    /// incomplete character is one. Tokens of one unit are a tokenizer's alphabet, not learned merges.
    /// </summary>
    public static int Units(ReadOnlySpan<byte> bytes)
    {
        var units = 0;
        while (!bytes.IsEmpty)
        {
            var length = Rune.DecodeFromUtf8(bytes, out _, out var consumed) == OperationStatus.Done ? consumed : 1;
            bytes = bytes[length..];
            units++;
        }

        return units;
    }

    /// <summary>How many Hangul syllables (U+AC00–U+D7A3) the bytes hold as complete characters.</summary>
    public static int HangulSyllables(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                count += IsHangulSyllable(rune.Value) ? 1 : 0;
                bytes = bytes[consumed..];
            }
            else
            {
                bytes = bytes[1..];
            }
        }

        return count;
    }

    public static bool IsHangulSyllable(int codePoint) => codePoint is >= 0xAC00 and <= 0xD7A3;

    /// <summary>The 32-bit fingerprint hash of a token's bytes (the low half of XXH3-64, seed 0).</summary>
    public static uint Hash(ReadOnlySpan<byte> bytes) => unchecked((uint)XxHash3.HashToUInt64(bytes));

    /// <summary>
    /// The GPT-2 byte-level alphabet: printable Latin-1 bytes stand for themselves, every other byte
    /// for the character 256 + its order among them.
    /// </summary>
    private static int[] BuildByteLevelDecoding()
    {
        var decoding = Enumerable.Repeat(-1, 512).ToArray();
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            decoding[printable ? b : next++] = b;
        }

        return decoding;
    }
}
