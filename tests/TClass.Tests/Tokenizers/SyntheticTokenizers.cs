using System.Globalization;
using System.Text.Json.Nodes;
using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>
/// Tokenizers built in the tests: a SentencePiece-style BPE trained here on Korean text, and a
/// reference tokenizer expanded with Korean merges or added tokens — the two ways Korean vocabularies
/// are made.
/// </summary>
internal static class SyntheticTokenizers
{
    private const string Space = "\u2581";

    /// <summary>The Korean text the tokenizers are trained on: the bundled evaluation text.</summary>
    public static IEnumerable<string> KoreanLines => KoreanEvaluationText.BuiltIn.Registers.SelectMany(r => r.Lines);

    /// <summary>
    /// Learns <paramref name="count"/> BPE merges on <paramref name="lines"/>, SentencePiece style
    /// (words start with ▁, symbols start as characters): repeatedly joins the most frequent adjacent pair.
    /// </summary>
    public static List<(string Left, string Right)> LearnMerges(IEnumerable<string> lines, int count)
    {
        var words = lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(w => Space + w, StringComparer.Ordinal)
            .Select(g => (Symbols: g.Key.EnumerateRunes().Select(r => r.ToString()).ToList(), Count: g.Count()))
            .OrderBy(w => string.Concat(w.Symbols), StringComparer.Ordinal)
            .ToList();
        var merges = new List<(string, string)>();
        for (var m = 0; m < count; m++)
        {
            var pairs = new Dictionary<(string, string), int>();
            foreach (var (symbols, frequency) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    var pair = (symbols[i], symbols[i + 1]);
                    pairs[pair] = pairs.GetValueOrDefault(pair) + frequency;
                }
            }

            if (pairs.Count == 0)
            {
                break;
            }

            var best = pairs.First().Key;
            foreach (var (pair, frequency) in pairs)
            {
                var order = frequency.CompareTo(pairs[best]);
                if (order > 0 || order == 0 && string.CompareOrdinal(pair.Item1 + "\u0000" + pair.Item2, best.Item1 + "\u0000" + best.Item2) < 0)
                {
                    best = pair;
                }
            }

            merges.Add(best);
            foreach (var (symbols, _) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                    {
                        symbols[i] = best.Item1 + best.Item2;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }

        return merges;
    }

    /// <summary>A metaspace BPE tokenizer.json trained from nothing on Korean text, with byte fallback.</summary>
    public static string TrainedOnKorean(int merges)
    {
        var learned = LearnMerges(KoreanLines, merges);
        var vocab = new List<string> { "<unk>", "<s>", "</s>" };
        vocab.AddRange(Enumerable.Range(0, 256).Select(b => string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>")));
        vocab.AddRange(KoreanLines.SelectMany(l => (Space + l.Replace(" ", Space, StringComparison.Ordinal)).EnumerateRunes().Select(r => r.ToString()))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var known = vocab.ToHashSet(StringComparer.Ordinal);
        vocab.AddRange(learned.Select(m => m.Left + m.Right).Where(known.Add));
        return Json(vocab, learned, special: ["<unk>", "<s>", "</s>"]);
    }

    /// <summary>
    /// <paramref name="referenceJson"/> (a metaspace BPE tokenizer.json) expanded with the Hangul
    /// characters it lacks and <paramref name="merges"/> Korean merges appended after its own.
    /// </summary>
    public static string ExpandedWithMerges(string referenceJson, int merges)
    {
        var root = JsonNode.Parse(referenceJson)!.AsObject();
        var model = root["model"]!.AsObject();
        var vocab = model["vocab"]!.AsObject();
        var list = model["merges"]!.AsArray();
        var next = vocab.Max(v => v.Value!.GetValue<int>()) + 1;
        void Add(string token)
        {
            if (!vocab.ContainsKey(token))
            {
                vocab[token] = next++;
            }
        }

        foreach (var character in KoreanLines.SelectMany(l => l.EnumerateRunes()).Select(r => r.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Add(character == " " ? Space : character);
        }

        Add(Space);
        var existing = list.Select(m => m is JsonArray pair ? pair[0]!.GetValue<string>() + " " + pair[1]!.GetValue<string>() : m!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (left, right) in LearnMerges(KoreanLines, merges))
        {
            Add(left + right);
            if (existing.Add(left + " " + right))
            {
                list.Add(JsonValue.Create(left + " " + right));
            }
        }

        return root.ToJsonString();
    }

    /// <summary><paramref name="referenceJson"/> with <paramref name="words"/> Korean words added as non-special added tokens.</summary>
    public static string ExpandedWithAddedTokens(string referenceJson, int words)
    {
        var root = JsonNode.Parse(referenceJson)!.AsObject();
        var vocab = root["model"]!["vocab"]!.AsObject();
        var added = root["added_tokens"]!.AsArray();
        var next = Math.Max(vocab.Max(v => v.Value!.GetValue<int>()), added.Max(a => a!["id"]!.GetValue<int>())) + 1;
        var korean = KoreanLines.SelectMany(l => l.Split(' ')).Where(w => w.Length >= 2 && w.All(c => c is >= '\uAC00' and <= '\uD7A3'))
            .GroupBy(w => w, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).Where(w => !vocab.ContainsKey(Space + w)).Take(words);
        foreach (var word in korean)
        {
            added.Add(new JsonObject { ["id"] = next++, ["content"] = word, ["special"] = false, ["normalized"] = true });
        }

        return root.ToJsonString();
    }

    private static string Json(List<string> vocab, List<(string Left, string Right)> merges, string[] special)
    {
        var vocabulary = new JsonObject();
        for (var i = 0; i < vocab.Count; i++)
        {
            vocabulary[vocab[i]] = i;
        }

        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray([.. special.Select(s => (JsonNode)new JsonObject { ["id"] = vocab.IndexOf(s), ["content"] = s, ["special"] = true })]),
            ["normalizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["normalizers"] = new JsonArray(
                    new JsonObject { ["type"] = "Prepend", ["prepend"] = Space },
                    new JsonObject { ["type"] = "Replace", ["pattern"] = new JsonObject { ["String"] = " " }, ["content"] = Space }),
            },
            ["pre_tokenizer"] = null,
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["unk_token"] = "<unk>",
                ["byte_fallback"] = true,
                ["vocab"] = vocabulary,
                ["merges"] = new JsonArray([.. merges.Select(m => (JsonNode)JsonValue.Create(m.Left + " " + m.Right)!)]),
            },
        };
        return root.ToJsonString();
    }
}
