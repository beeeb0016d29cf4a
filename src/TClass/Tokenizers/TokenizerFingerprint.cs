using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace TClass.Tokenizers;

/// <summary>
/// What TClass keeps of a tokenizer to compare others with it: a 32-bit hash of every learned token
/// (sorted), the first merges in order, and a sample of all merges with their ranks. Tokens of one
/// unit — single characters and single bytes, every tokenizer's alphabet — and special tokens are
/// left out; a merge is identified by the token it creates, in the order the file first creates it.
/// </summary>
public sealed class TokenizerFingerprint
{
    /// <summary>How many leading merges are kept in order.</summary>
    public const int FirstMerges = 4096;

    /// <summary>One merge in this many (chosen by hash, so every tokenizer keeps the same ones) is kept with its rank.</summary>
    public const int SampleOneIn = 32;

    private const uint Magic = 0x50464354; // "TCFP"
    private const byte FormatVersion = 2;

    internal TokenizerFingerprint(string id, ImmutableArray<uint> tokens, ImmutableArray<uint> first, ImmutableArray<(uint Hash, int Rank)> sample, int mergeCount, bool hasMergeOrder)
    {
        Id = id;
        Tokens = tokens;
        First = first;
        Sample = sample;
        MergeCount = mergeCount;
        HasMergeOrder = hasMergeOrder;
    }

    /// <summary>The reference's id, e.g. <c>llama3</c>, or the analysed file's path.</summary>
    public string Id { get; }

    /// <summary>How many learned tokens (two units or more) the tokenizer has.</summary>
    public int TokenCount => Tokens.Length;

    /// <summary>How many merges create learned tokens.</summary>
    public int MergeCount { get; }

    /// <summary>Whether the tokenizer has a merge order (BPE and tiktoken do; Unigram and WordPiece do not).</summary>
    public bool HasMergeOrder { get; }

    /// <summary>Sorted, distinct hashes of the learned tokens.</summary>
    internal ImmutableArray<uint> Tokens { get; }

    /// <summary>Hashes of the first <see cref="FirstMerges"/> tokens created by merges, in order.</summary>
    internal ImmutableArray<uint> First { get; }

    /// <summary>The sampled merges: the created token's hash and its rank among all merges, sorted by hash.</summary>
    internal ImmutableArray<(uint Hash, int Rank)> Sample { get; }

    /// <summary>
    /// The fingerprint of <paramref name="tokenizer"/>: its vocabulary and, unless
    /// <paramref name="modelVocabularyOnly"/>, the non-special tokens added to it (references keep the
    /// vocabulary their model learned; a tokenizer under analysis counts everything it can produce).
    /// </summary>
    public static TokenizerFingerprint Of(TokenizerFile tokenizer, string? id = null, bool modelVocabularyOnly = false)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Create(id ?? tokenizer.Path, modelVocabularyOnly ? tokenizer.Tokens : tokenizer.Tokens.Concat(tokenizer.AddedTokenBytes), tokenizer.Creations);
    }

    /// <summary>The fingerprint of a vocabulary (as bytes) and the tokens its merges create, in order.</summary>
    internal static TokenizerFingerprint Create(string id, IEnumerable<byte[]> tokens, IEnumerable<byte[]>? creations)
    {
        var hashes = SortedDistinct(tokens);
        if (creations is null)
        {
            return new TokenizerFingerprint(id, hashes, [], [], 0, false);
        }

        var first = ImmutableArray.CreateBuilder<uint>(FirstMerges);
        var sample = ImmutableArray.CreateBuilder<(uint Hash, int Rank)>();
        var seen = new HashSet<uint>();
        var rank = 0;
        foreach (var created in creations)
        {
            if (TokenText.Units(created) < 2)
            {
                continue;
            }

            var hash = TokenText.Hash(created);
            if (!seen.Add(hash))
            {
                continue;
            }

            if (first.Count < FirstMerges)
            {
                first.Add(hash);
            }

            if (hash % SampleOneIn == 0)
            {
                sample.Add((hash, rank));
            }

            rank++;
        }

        return new TokenizerFingerprint(id, hashes, first.ToImmutable(), [.. sample.OrderBy(s => s.Hash)], rank, true);
    }

    /// <summary>The hashes of the learned tokens (more than one character), sorted, each once.</summary>
    private static ImmutableArray<uint> SortedDistinct(IEnumerable<byte[]> tokens)
    {
        var hashes = new List<uint>(tokens.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var token in tokens)
        {
            if (TokenText.Units(token) > 1)
            {
                hashes.Add(TokenText.Hash(token));
            }
        }

        var sorted = CollectionsMarshal.AsSpan(hashes);
        sorted.Sort();
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                sorted[distinct++] = sorted[i];
            }
        }

        return [.. sorted[..distinct]];
    }

    /// <summary>Whether the learned token with <paramref name="hash"/> is in this vocabulary.</summary>
    internal bool Contains(uint hash) => Tokens.BinarySearch(hash) >= 0;

    /// <summary>The rank of the sampled merge creating the token with <paramref name="hash"/>, or null when it is not sampled here.</summary>
    internal int? SampledRank(uint hash)
    {
        var (low, high) = (0, Sample.Length - 1);
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var found = Sample[middle].Hash;
            if (found == hash)
            {
                return Sample[middle].Rank;
            }

            (low, high) = found < hash ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    /// <summary>
    /// Writes fingerprints compactly: sorted hashes as varint gaps. Not compressed: the gaps between
    /// hashes are close to random, so Brotli saved a third of the size and cost more to undo than the
    /// rest of reading them (the packages that carry the file are compressed anyway).
    /// </summary>
    public static byte[] Write(IEnumerable<TokenizerFingerprint> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        using var raw = new MemoryStream();
        using (var writer = new BinaryWriter(raw, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt(FirstMerges);
            writer.Write7BitEncodedInt(SampleOneIn);
            var list = fingerprints.ToList();
            writer.Write7BitEncodedInt(list.Count);
            foreach (var fingerprint in list)
            {
                writer.Write(fingerprint.Id);
                writer.Write7BitEncodedInt(fingerprint.Tokens.Length);
                uint previous = 0;
                foreach (var hash in fingerprint.Tokens)
                {
                    writer.Write7BitEncodedInt64(hash - previous);
                    previous = hash;
                }

                writer.Write(fingerprint.HasMergeOrder);
                writer.Write7BitEncodedInt(fingerprint.MergeCount);
                writer.Write7BitEncodedInt(fingerprint.First.Length);
                foreach (var hash in fingerprint.First)
                {
                    writer.Write(hash);
                }

                writer.Write7BitEncodedInt(fingerprint.Sample.Length);
                var last = 0;
                foreach (var (hash, rank) in fingerprint.Sample.OrderBy(s => s.Rank))
                {
                    writer.Write7BitEncodedInt(rank - last);
                    writer.Write(hash);
                    last = rank;
                }
            }
        }

        return raw.ToArray();
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static ImmutableArray<TokenizerFingerprint> Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new SpanReader(data);
        if (reader.UInt32() != Magic || reader.Byte() != FormatVersion || reader.VarInt() != FirstMerges || reader.VarInt() != SampleOneIn)
        {
            throw new InvalidDataException("the fingerprints were written by another format version; regenerate them.");
        }

        var count = (int)reader.VarInt();
        var result = ImmutableArray.CreateBuilder<TokenizerFingerprint>(count);
        for (var i = 0; i < count; i++)
        {
            var id = reader.String();
            var tokens = new uint[reader.VarInt()];
            uint previous = 0;
            for (var t = 0; t < tokens.Length; t++)
            {
                previous += (uint)reader.VarInt();
                tokens[t] = previous;
            }

            var hasMergeOrder = reader.Byte() != 0;
            var mergeCount = (int)reader.VarInt();
            var first = new uint[reader.VarInt()];
            for (var f = 0; f < first.Length; f++)
            {
                first[f] = reader.UInt32();
            }

            var sample = new (uint Hash, int Rank)[reader.VarInt()];
            var rank = 0;
            for (var s = 0; s < sample.Length; s++)
            {
                rank += (int)reader.VarInt();
                sample[s] = (reader.UInt32(), rank);
            }

            Array.Sort(sample);
            result.Add(new TokenizerFingerprint(id, ImmutableArray.Create(tokens), ImmutableArray.Create(first), ImmutableArray.Create(sample), mergeCount, hasMergeOrder));
        }

        return result.MoveToImmutable();
    }

    /// <summary>
    /// Reads what <see cref="BinaryWriter"/> wrote (little-endian integers, 7-bit varints, strings
    /// with a varint length) straight from a buffer; a truncated buffer is refused.
    /// </summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public byte Byte() => _at < _data.Length ? _data[_at++] : throw Truncated();

        public uint UInt32()
        {
            if (_at + 4 > _data.Length)
            {
                throw Truncated();
            }

            var value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_at..]);
            _at += 4;
            return value;
        }

        public ulong VarInt()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("the fingerprints hold a malformed number.");
        }

        public string String()
        {
            var length = (int)VarInt();
            if (length < 0 || _at + length > _data.Length)
            {
                throw Truncated();
            }

            var text = Encoding.UTF8.GetString(_data.Slice(_at, length));
            _at += length;
            return text;
        }

        private static InvalidDataException Truncated() => new("the fingerprints are truncated; regenerate them.");
    }
}
