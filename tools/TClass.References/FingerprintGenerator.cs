using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using TClass.Tokenizers;

namespace TClass.References;

/// <summary>
/// Makes the reference fingerprints from the cached files with the same reader and fingerprint code
/// that analyse a user's tokenizer, and checks that every <c>also</c> file gives the same fingerprint.
/// </summary>
public static partial class FingerprintGenerator
{
    /// <summary>The fingerprints of <paramref name="references"/>, in their order.</summary>
    public static ImmutableArray<TokenizerFingerprint> Generate(IEnumerable<ReferenceDescription> references, ReferenceFiles files)
    {
        var result = ImmutableArray.CreateBuilder<TokenizerFingerprint>();
        foreach (var reference in references)
        {
            var fingerprint = Make(reference.Id, reference.Source, files);
            foreach (var also in reference.Also)
            {
                var other = Make(reference.Id, also, files);
                if (!Same(fingerprint, other))
                {
                    throw new InvalidDataException($"{also} does not give the same fingerprint as {reference.Source}; list it as a reference of its own.");
                }
            }

            result.Add(fingerprint);
        }

        return result.ToImmutable();
    }

    /// <summary>The fingerprint of one source.</summary>
    public static TokenizerFingerprint Make(string id, TokenizerSource source, ReferenceFiles files)
    {
        if (source.Encoding is { } encoding)
        {
            return TokenizerFingerprint.Of(TiktokenRanks.FromEncoding(encoding), id, modelVocabularyOnly: true);
        }

        var path = files.PathOf(source);
        if (!files.IsCached(source))
        {
            throw new FileNotFoundException($"{path} is missing or changed; run `fetch` first.", path);
        }

        if (path.EndsWith(".js", StringComparison.Ordinal))
        {
            return BelladoreTokenizerJs(id, File.ReadAllText(path));
        }

        var read = TokenizerReader.Read(path);
        return read.Tokenizer is { } tokenizer
            ? TokenizerFingerprint.Of(tokenizer, id, modelVocabularyOnly: true)
            : throw new InvalidDataException(string.Join("\n", read.Diagnostics));
    }

    /// <summary>Whether two fingerprints hold the same tokens, merge order and sample.</summary>
    public static bool Same(TokenizerFingerprint a, TokenizerFingerprint b) =>
        a.Tokens.SequenceEqual(b.Tokens) && a.First.SequenceEqual(b.First) && a.MergeCount == b.MergeCount
        && a.Sample.SequenceEqual(b.Sample);

    /// <summary>
    /// llama-tokenizer-js and mistral-tokenizer-js ship the vocabulary as base64 text (one token per line, by id) and
    /// its merges as base64 pairs of 16-bit little-endian token ids, in priority order.
    /// </summary>
    private static TokenizerFingerprint BelladoreTokenizerJs(string id, string script)
    {
        string Constant(string name) => Regex.Match(script, $"const (?:\\w+_)?{name} = \"([A-Za-z0-9+/=]+)\"") is { Success: true } match
            ? match.Groups[1].Value : throw new InvalidDataException($"the tokenizer script has no {name}.");
        var vocabulary = Encoding.UTF8.GetString(Convert.FromBase64String(Constant("vocab_base64"))).Split('\n');
        var merges = Convert.FromBase64String(Constant("merges_binary"));
        var creations = new List<byte[]>(merges.Length / 4);
        for (var i = 0; i + 3 < merges.Length; i += 4)
        {
            var left = merges[i] | merges[i + 1] << 8;
            var right = merges[i + 2] | merges[i + 3] << 8;
            creations.Add(Bytes(vocabulary[left] + vocabulary[right]));
        }

        // Ids 0–2 are <unk>, <s> and </s>.
        return TokenizerFingerprint.Create(id, vocabulary.Skip(3).Select(Bytes), creations);

        static byte[] Bytes(string token) => TokenText.ToBytes(token, TokenSpelling.Metaspace)!;
    }
}
