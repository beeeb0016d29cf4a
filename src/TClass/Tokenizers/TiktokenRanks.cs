using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using TClass.Diagnostics;

namespace TClass.Tokenizers;

/// <summary>
/// Reads a tiktoken file — one base64-encoded token and its rank per line — and builds the tokenizer
/// with Microsoft.ML.Tokenizers' <see cref="TiktokenTokenizer"/>. The rank order is the merge order.
/// </summary>
internal static class TiktokenRanks
{
    /// <summary>At most this many problems are reported for one file.</summary>
    private const int MaxReported = 20;

    /// <summary>
    /// tiktoken files carry no pre-tokenizer pattern; the cl100k_base pattern (also Llama 3's) is used.
    /// </summary>
    public const string DefaultPattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Whether <paramref name="bytes"/> looks like a tiktoken file (its first line is base64 and a number).</summary>
    public static bool Looks(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)'\n');
        var first = Encoding.ASCII.GetString(end < 0 ? bytes[..Math.Min(bytes.Length, 512)] : bytes[..end]).Trim();
        return first.Split(' ') is [var token, var rank] && int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && Convert.TryFromBase64String(token, new byte[token.Length], out _);
    }

    public static TokenizerFile? Read(string path, byte[] bytes, int? configVocab, DiagnosticBag diagnostics)
    {
        var ranked = Parse(bytes, diagnostics);
        if (ranked is null)
        {
            return null;
        }

        Tokenizer? encoder = null;
        var note = MissingBytes(ranked);
        if (note is null)
        {
            note = "pre-tokenized with the cl100k_base pattern (tiktoken files do not carry their own)";
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                encoder = TiktokenTokenizer.Create(stream, new RegexPreTokenizer(new Regex(DefaultPattern, RegexOptions.CultureInvariant), null), null, null);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                note = "Microsoft.ML.Tokenizers could not build it: " + e.Message;
            }
        }

        return From(path, ranked, encoder, note, configVocab);
    }

    /// <summary>
    /// Why tiktoken cannot encode text with <paramref name="tokens"/>, or null. It splits what its
    /// merges do not cover into single bytes and looks each up: every one of the 256 must be a token.
    /// </summary>
    public static string? MissingBytes(IEnumerable<byte[]> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var present = new bool[256];
        var count = 0;
        foreach (var token in tokens)
        {
            if (token.Length == 1 && !present[token[0]])
            {
                present[token[0]] = true;
                count++;
            }
        }

        return count == present.Length ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"not built: {present.Length - count} of the 256 single bytes (the first 0x{Array.IndexOf(present, false):X2}) are not tokens, and tiktoken needs each byte as a token to encode any text");
    }

    /// <summary>A tokenizer file from ranked tokens (also used for the library's cl100k_base and o200k_base data).</summary>
    public static TokenizerFile From(string path, IReadOnlyList<byte[]> ranked, Tokenizer? encoder, string? note, int? configVocab) =>
        new(path, TokenizerFormat.Tiktoken, TokenSpelling.Bytes, ranked.Count, 0, [.. ranked], [], [.. ranked], ranked.Count, encoder, note, null, false, configVocab);

    /// <summary>The tokenizer of a tiktoken encoding of the Microsoft.ML.Tokenizers data packages (<c>cl100k_base</c>, <c>o200k_base</c>).</summary>
    public static TokenizerFile FromEncoding(string encoding)
    {
        var package = encoding switch
        {
            "cl100k_base" => "Microsoft.ML.Tokenizers.Data.Cl100kBase",
            "o200k_base" => "Microsoft.ML.Tokenizers.Data.O200kBase",
            _ => throw new ArgumentException($"no data package holds {encoding}", nameof(encoding)),
        };
        using var resource = System.Reflection.Assembly.Load(package).GetManifestResourceStream(encoding + ".tiktoken.deflate")
            ?? throw new InvalidDataException($"{package} lacks {encoding}.tiktoken.deflate");
        using var inflated = new System.IO.Compression.DeflateStream(resource, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.ASCII);

        // The data packages hold a "Capacity: N" line, then one base64 token per line in rank order.
        var ranked = new List<byte[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                ranked.Add(Convert.FromBase64String(line.Split(' ')[0]));
            }
        }

        return From(encoding, ranked, TiktokenTokenizer.CreateForEncoding(encoding), null, null);
    }

    /// <summary>
    /// The tokens in rank order, or null with diagnostics (line and column of each bad line, of a token
    /// or rank listed twice, and of the line past <see cref="TokenizerLimits.MaxVocabulary"/>).
    /// </summary>
    public static List<byte[]>? Parse(byte[] bytes, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var entries = new List<(int Rank, byte[] Token)>();
        var tokenLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var rankLines = new Dictionary<int, int>();
        var reported = 0;
        var line = 0;
        var rest = bytes.AsSpan();
        var buffer = new byte[64];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var text = (end < 0 ? rest : rest[..end]).TrimEnd((byte)'\r');
            rest = end < 0 ? [] : rest[(end + 1)..];
            line++;
            if (text.IsEmpty)
            {
                continue;
            }

            if (entries.Count == TokenizerLimits.MaxVocabulary)
            {
                diagnostics.Error("too-many-tokens", new SourcePosition(line, 1), "",
                    string.Create(CultureInfo.InvariantCulture, $"the file has more than {TokenizerLimits.MaxVocabulary:N0} tokens; TClass reads at most that many (the largest real vocabulary, Gemma 3's, holds 262,144)."),
                    "Check the file; it may have been generated wrongly.");
                return null;
            }

            var space = text.IndexOf((byte)' ');
            if (space > 0 && Base64.GetMaxDecodedFromUtf8Length(space) > buffer.Length)
            {
                buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(space)];
            }

            if (space > 0 && int.TryParse(text[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
                && Base64.DecodeFromUtf8(text[..space], buffer, out var consumed, out var written) == OperationStatus.Done && consumed == space)
            {
                var token = buffer[..written];
                var key = Encoding.Latin1.GetString(token);
                if (tokenLines.TryAdd(key, line) && rankLines.TryAdd(rank, line))
                {
                    entries.Add((rank, token));
                }
                else if (reported++ < MaxReported)
                {
                    var twice = tokenLines[key] != line;
                    diagnostics.Error(twice ? "duplicate-tiktoken-token" : "duplicate-tiktoken-rank", new SourcePosition(line, twice ? 1 : space + 2), "",
                        string.Create(CultureInfo.InvariantCulture, $"the {(twice ? "token" : "rank")} of this line is already on line {(twice ? tokenLines[key] : rankLines[rank])}."),
                        "Check the file; each token has one rank and each rank one token.");
                }
            }
            else if (reported++ < MaxReported)
            {
                diagnostics.Error("invalid-tiktoken-line", new SourcePosition(line, 1), "", "a tiktoken line is a base64 token, a space and its rank.", "Check the file.");
            }
        }

        return diagnostics.HasErrors ? null : [.. entries.OrderBy(e => e.Rank).Select(e => e.Token)];
    }
}
