using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using TClass.Diagnostics;

namespace TClass.Tokenizers;

/// <summary>
/// Reads a Hugging Face <c>tokenizer.json</c>: the vocabulary, the merges and the added tokens, and
/// builds the tokenizer with Microsoft.ML.Tokenizers from them (<see cref="BpeOptions"/> for BPE,
/// <see cref="WordPieceOptions"/> for WordPiece), reproducing the file's normalizer and pre-tokenizer.
/// </summary>
internal static class HuggingFaceTokenizerJson
{
    /// <summary>At most this many problems of one kind are reported for one file.</summary>
    private const int MaxReported = 20;

    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private static readonly string[] DescribingKeys = ["pre_tokenizer", "normalizer", "decoder"];

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(5);

    public static TokenizerFile? Read(string path, string name, byte[] bytes, int? configVocab, DiagnosticBag diagnostics)
    {
        using var document = ModelFiles.ModelFolder.Json(name, bytes, diagnostics);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error("not-a-tokenizer", JsonLocation.Find(bytes, "model"), "model",
                $"{name} has no \"model\" object; it is not a Hugging Face tokenizer.json.", "Point at the model's tokenizer.json, tokenizer.model or *.tiktoken file.");
            return null;
        }

        if (!WithinLimits(root, model, bytes, diagnostics) || !PipelineWithinLimits(root, bytes, diagnostics))
        {
            return null;
        }

        var type = Text(model, "type") ?? (model.TryGetProperty("merges", out _) ? "BPE"
            : model.TryGetProperty("vocab", out var v) && v.ValueKind == JsonValueKind.Array ? "Unigram" : null);
        var added = AddedTokens(root, bytes, diagnostics);
        return type switch
        {
            "BPE" => Bpe(path, root, model, added, bytes, configVocab, diagnostics),
            "Unigram" => Unigram(path, model, added, bytes, configVocab, diagnostics),
            "WordPiece" => WordPiece(path, model, added, bytes, configVocab, diagnostics),
            _ => Unsupported(type, bytes, diagnostics),
        };
    }

    private static TokenizerFile? Unsupported(string? type, byte[] bytes, DiagnosticBag diagnostics)
    {
        diagnostics.Error("unsupported-model", JsonLocation.Find(bytes, "model", "type"), "model.type",
            type is null ? "the model has no type." : $"model type '{type}' is not one TClass reads (BPE, Unigram, WordPiece).",
            "A word-level vocabulary has no subword structure to analyse; use the model's BPE, Unigram or WordPiece tokenizer.");
        return null;
    }

    /// <summary>
    /// Checks the sizes of the lists before anything is built from them — counting a parsed list costs
    /// nothing — so that a vocabulary of millions is refused in a second, not read for a minute.
    /// </summary>
    private static bool WithinLimits(JsonElement root, JsonElement model, byte[] bytes, DiagnosticBag diagnostics)
    {
        var within = true;
        if (root.TryGetProperty("added_tokens", out var added) && Count(added) is > TokenizerLimits.MaxAddedTokens and var addedCount)
        {
            diagnostics.Error("too-many-added-tokens", JsonLocation.Find(bytes, "added_tokens"), "added_tokens",
                Invariant($"the file lists {addedCount:N0} added tokens; TClass reads at most {TokenizerLimits.MaxAddedTokens:N0} (Gemma 3 lists 6,415, the most of the real ones)."),
                "Check the file; it may have been generated wrongly.");
            within = false;
        }

        foreach (var (key, limit, what) in new[] { ("vocab", TokenizerLimits.MaxVocabulary, "vocabulary entries"), ("merges", TokenizerLimits.MaxMerges, "merges") })
        {
            if (model.TryGetProperty(key, out var list) && Count(list) is var count && count > limit)
            {
                diagnostics.Error(key == "vocab" ? "too-many-tokens" : "too-many-merges", JsonLocation.Find(bytes, "model", key), "model." + key,
                    Invariant($"the model has {count:N0} {what}; TClass reads at most {limit:N0} (the largest real tokenizer, Gemma 3's, has 262,144 tokens and 514,906 merges)."),
                    "Check the file; it may have been generated wrongly.");
                within = false;
            }
        }

        return within;
    }

    /// <summary>The entries of a JSON object or array (both counts are kept by the parsed document), else 0.</summary>
    private static int Count(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.GetPropertyCount(),
        JsonValueKind.Array => element.GetArrayLength(),
        _ => 0,
    };

    /// <summary>
    /// Checks the normalizer, pre-tokenizer and decoder against <see cref="TokenizerLimits"/>: how many
    /// steps, how long the text each inserts and each pattern, and how many times longer the
    /// normalizer with the pre-tokenizer's replacements can make a text. Each problem is located at its step.
    /// </summary>
    private static bool PipelineWithinLimits(JsonElement root, byte[] bytes, DiagnosticBag diagnostics)
    {
        var within = true;
        var growth = 1.0;
        foreach (var (key, list) in new[] { ("normalizer", "normalizers"), ("pre_tokenizer", "pretokenizers"), ("decoder", "decoders") })
        {
            var steps = 0;
            if (root.TryGetProperty(key, out var top))
            {
                Check(top, [key]);
            }

            void Check(JsonElement step, List<object> path)
            {
                if (step.ValueKind != JsonValueKind.Object || steps > TokenizerLimits.MaxSteps)
                {
                    return;
                }

                var type = Text(step, "type");
                if (type == "Sequence" && step.TryGetProperty(list, out var inner) && inner.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var item in inner.EnumerateArray())
                    {
                        Check(item, [.. path, list, i++]);
                    }

                    return;
                }

                if (++steps > TokenizerLimits.MaxSteps)
                {
                    Refuse("too-many-steps", path, Invariant($"the {key} has more than {TokenizerLimits.MaxSteps} steps; real ones have a few."),
                        "Check the file; it may have been generated wrongly.");
                    return;
                }

                foreach (var field in (string[])["content", "prepend", "replacement"])
                {
                    if (Text(step, field) is { Length: > TokenizerLimits.MaxInsertedText } text)
                    {
                        Refuse("inserted-text-too-long", [.. path, field],
                            Invariant($"the {type ?? "untyped"} step inserts a text of {text.Length:N0} characters; TClass accepts at most {TokenizerLimits.MaxInsertedText} (real ones insert one, such as ▁)."),
                            "Check the file; a replacement or a prefix is a character or two.");
                    }
                }

                var pattern = step.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                if (Text(pattern, "Regex") is { Length: > TokenizerLimits.MaxPatternLength } regex)
                {
                    Refuse("pattern-too-long", [.. path, "pattern", "Regex"],
                        Invariant($"the {type ?? "untyped"} step's pattern has {regex.Length:N0} characters; TClass accepts at most {TokenizerLimits.MaxPatternLength:N0} (real ones have a few hundred)."),
                        "Check the file; it may have been generated wrongly.");
                }

                // What a step can multiply the length of a text by: a replacement of each occurrence, or of each space.
                var (from, to) = (key, type) switch
                {
                    ("normalizer", "Replace") => (Text(pattern, "String"), Text(step, "content")),
                    ("pre_tokenizer", "Metaspace") => (" ", Text(step, "replacement")),
                    _ => (null, null),
                };
                if (key == "normalizer" && type == "Replace" && from is "")
                {
                    Refuse("empty-pattern", [.. path, "pattern", "String"], "a Replace step with an empty pattern matches between every two characters.",
                        "Check the file; a Replace step names the text it replaces.");
                }
                else if (from is { Length: > 0 } && to is { Length: <= TokenizerLimits.MaxInsertedText } && to.Length > from.Length
                    && growth <= TokenizerLimits.MaxNormalizerGrowth && (growth *= (double)to.Length / from.Length) > TokenizerLimits.MaxNormalizerGrowth)
                {
                    Refuse("normalizer-expands", path,
                        Invariant($"with this step the normalizer can make a text {growth:N0} times longer; TClass refuses more than {TokenizerLimits.MaxNormalizerGrowth} times (real normalizers keep its length)."),
                        "Check the file; replacements that each lengthen the text multiply one another.");
                }
            }
        }

        return within;

        void Refuse(string code, List<object> path, string message, string fix)
        {
            diagnostics.Error(code, JsonLocation.Find(bytes, [.. path]), PathText(path), message, fix);
            within = false;
        }
    }

    /// <summary>A JSON path as diagnostics show it, e.g. <c>normalizer.normalizers[3].content</c>.</summary>
    private static string PathText(List<object> path) =>
        string.Concat(path.Select((step, i) => step is int index ? $"[{index}]" : (i == 0 ? "" : ".") + step));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A token added to the vocabulary (<c>added_tokens</c>), special or not.</summary>
    internal sealed record AddedToken(int Id, string Content, bool Special);

    private static List<AddedToken> AddedTokens(JsonElement root, byte[] bytes, DiagnosticBag diagnostics)
    {
        var tokens = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return tokens;
        }

        var (index, reported) = (0, 0);
        foreach (var entry in list.EnumerateArray())
        {
            var content = Text(entry, "content");
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var id) && Id(id) is { } value
                && content is { Length: > 0 and <= TokenizerLimits.MaxAddedTokenLength })
            {
                tokens.Add(new AddedToken(value, content, entry.TryGetProperty("special", out var special) && special.ValueKind == JsonValueKind.True));
            }
            else if (reported++ < MaxReported)
            {
                if (content is { Length: > TokenizerLimits.MaxAddedTokenLength })
                {
                    diagnostics.Error("added-token-too-long", JsonLocation.Find(bytes, "added_tokens", index, "content"), $"added_tokens[{index}].content",
                        Invariant($"an added token of {content.Length:N0} characters is longer than the {TokenizerLimits.MaxAddedTokenLength:N0} that TClass reads (real ones are a few dozen)."),
                        "Check the file; an added token is a special token or a short piece of text.");
                }
                else
                {
                    diagnostics.Error("invalid-added-token", JsonLocation.Find(bytes, "added_tokens", index), $"added_tokens[{index}]",
                        "an added token needs a non-negative integer id and a non-empty content.", "Correct or remove the entry.");
                }
            }

            index++;
        }

        return tokens;
    }

    private static TokenizerFile? Bpe(string path, JsonElement root, JsonElement model, List<AddedToken> added, byte[] bytes, int? configVocab, DiagnosticBag diagnostics)
    {
        if (!model.TryGetProperty("vocab", out var vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error("missing-vocab", JsonLocation.Find(bytes, "model", "vocab"), "model.vocab", "a BPE model needs a vocab object of token → id.", "Check the file; it may be truncated.");
            return null;
        }

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var reported = 0;
        foreach (var entry in vocabElement.EnumerateObject())
        {
            if (Id(entry.Value) is { } id)
            {
                vocab[entry.Name] = id;
            }
            else if (reported++ < MaxReported)
            {
                diagnostics.Error("invalid-vocab-entry", JsonLocation.Find(bytes, "model", "vocab", entry.Name), $"model.vocab.{entry.Name}",
                    "a vocabulary id must be a non-negative integer.", "Correct the id.");
            }
        }

        var merges = new List<(string Left, string Right)>();
        var lines = new List<string>();
        var listed = new HashSet<(string, string)>();
        if (model.TryGetProperty("merges", out var mergesElement) && mergesElement.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            reported = 0;
            foreach (var merge in mergesElement.EnumerateArray())
            {
                var (pair, line) = Merge(merge);
                if (pair is { } p && vocab.ContainsKey(p.Item1) && vocab.ContainsKey(p.Item2))
                {
                    // A merge listed twice keeps its first (higher-priority) place.
                    if (listed.Add(p))
                    {
                        merges.Add(p);
                        lines.Add(line!);
                    }
                }
                else if (reported++ < MaxReported)
                {
                    diagnostics.Error("invalid-merge", JsonLocation.Find(bytes, "model", "merges", index), $"model.merges[{index}]",
                        pair is null ? "a merge must be \"left right\" or [left, right]." : $"the merge '{pair.Value.Item1} {pair.Value.Item2}' uses a token that is not in the vocabulary.",
                        "Check the file; a merge joins two tokens of the vocabulary.");
                }

                index++;
            }
        }

        if (diagnostics.HasErrors)
        {
            return null;
        }

        var spelling = Spelling(root, model, vocab.Keys);
        var unknown = Text(model, "unk_token");
        var byteFallback = model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True;
        var building = Task.Run(PrepareBpe(root, model, vocab, lines, added, spelling, unknown));
        return BpeFile(path, TokenizerFormat.HuggingFaceBpe, vocab, merges, added, spelling, building,
            unknown is not null && vocab.TryGetValue(unknown, out var unknownId) ? unknownId : null, byteFallback, configVocab);
    }

    /// <summary>
    /// A merge as its two tokens and as the line Microsoft.ML.Tokenizers reads (<c>left right</c>):
    /// <c>"left right"</c> or <c>["left", "right"]</c>; null for anything else.
    /// </summary>
    private static ((string, string)? Pair, string? Line) Merge(JsonElement merge)
    {
        if (merge.ValueKind == JsonValueKind.String)
        {
            var line = merge.GetString()!;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            return space >= 0 && line.IndexOf(' ', space + 1) < 0 ? ((line[..space], line[(space + 1)..]), line) : (null, null);
        }

        if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2 && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
        {
            var (left, right) = (merge[0].GetString()!, merge[1].GetString()!);
            return ((left, right), left + " " + right);
        }

        return (null, null);
    }

    /// <summary>
    /// A BPE tokenizer from its vocabulary, merges and added tokens: the bytes of every non-special
    /// token, the tokens the merges create in merge order, and the encoder being built on another core.
    /// </summary>
    internal static TokenizerFile BpeFile(
        string path, TokenizerFormat format, Dictionary<string, int> vocab, List<(string Left, string Right)> merges, List<AddedToken> added,
        TokenSpelling spelling, Task<(Tokenizer?, string?)> building, int? unknownId, bool byteFallback, int? configVocab)
    {
        var special = added.Where(a => a.Special).Select(a => a.Content).ToHashSet(StringComparer.Ordinal);
        var tokens = ImmutableArray.CreateBuilder<byte[]>(vocab.Count + added.Count);
        var ordered = vocab.ToArray();
        Array.Sort(ordered, (a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : string.CompareOrdinal(a.Key, b.Key));
        foreach (var (token, _) in ordered)
        {
            if (!special.Contains(token))
            {
                tokens.Add(TokenText.ToBytes(token, spelling) ?? Encoding.UTF8.GetBytes(token));
            }
        }

        var extra = added.Where(a => !vocab.ContainsKey(a.Content)).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var creations = ImmutableArray.CreateBuilder<byte[]>(merges.Count);
        foreach (var (left, right) in merges)
        {
            var joined = left + right;
            if (seen.Add(joined))
            {
                creations.Add(TokenText.ToBytes(joined, spelling) ?? Encoding.UTF8.GetBytes(joined));
            }
        }

        var (encoder, note) = building.GetAwaiter().GetResult();
        return new TokenizerFile(path, format, spelling, vocab.Count, extra.Count, tokens.ToImmutable(), AddedBytes(extra), creations.ToImmutable(), merges.Count,
            encoder, note, unknownId, byteFallback, configVocab);
    }

    /// <summary>
    /// Reads what the encoder needs from the file and returns the work of building it with
    /// Microsoft.ML.Tokenizers, which runs on another core while the vocabulary is analysed.
    /// </summary>
    private static Func<(Tokenizer?, string?)> PrepareBpe(
        JsonElement root, JsonElement model, Dictionary<string, int> vocab, List<string> merges,
        List<AddedToken> added, TokenSpelling spelling, string? unknown)
    {
        var notes = new List<string>();
        var normalizer = Normalizer(root, notes);
        var steps = PreTokenizerSteps(root.TryGetProperty("pre_tokenizer", out var pre) ? pre : default, notes, ref normalizer);
        if (notes.Count > 0 && notes.Any(n => n.StartsWith('!')))
        {
            return () => (null, "not built: " + string.Join("; ", notes.Select(n => n.TrimStart('!'))));
        }

        var preTokenizer = new HuggingFacePreTokenizer(AddedTokenPattern(added), steps);
        var specialTokens = added.Count == 0 ? null : added.GroupBy(a => a.Content, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var ignoreMerges = spelling == TokenSpelling.ByteLevel && model.TryGetProperty("ignore_merges", out var ignore) && ignore.ValueKind == JsonValueKind.True;
        var fuseUnknown = model.TryGetProperty("fuse_unk", out var fuse) && fuse.ValueKind == JsonValueKind.True;
        var (prefix, suffix) = (Text(model, "continuing_subword_prefix"), Text(model, "end_of_word_suffix"));
        var note = notes.Count == 0 ? null : string.Join("; ", notes);
        return () => Build(vocab, merges, spelling, normalizer, preTokenizer, specialTokens, ignoreMerges, unknown, fuseUnknown, prefix, suffix, note);
    }

    private static (Tokenizer?, string?) Build(
        Dictionary<string, int> vocab, List<string> merges, TokenSpelling spelling, HuggingFaceNormalizer? normalizer,
        HuggingFacePreTokenizer preTokenizer, Dictionary<string, int>? specialTokens, bool ignoreMerges, string? unknown, bool fuseUnknown,
        string? prefix, string? suffix, string? note)
    {
        try
        {
            if (ignoreMerges)
            {
                // A word found whole in the vocabulary is one token: tiktoken's rule, with the ids as ranks.
                var ranked = vocab.OrderBy(e => e.Value).Select(e => (Bytes: TokenText.ToBytes(e.Key, spelling) ?? Encoding.UTF8.GetBytes(e.Key), Id: e.Value)).ToList();
                if (TiktokenRanks.MissingBytes(ranked.Select(r => r.Bytes)) is { } missing)
                {
                    return (null, missing);
                }

                var ranks = new StringBuilder();
                foreach (var (token, id) in ranked)
                {
                    ranks.Append(Convert.ToBase64String(token)).Append(' ').Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                using var stream = new MemoryStream(Encoding.ASCII.GetBytes(ranks.ToString()));
                return (TiktokenTokenizer.Create(stream, preTokenizer, normalizer, specialTokens), note);
            }

            var options = new BpeOptions(vocab)
            {
                Merges = merges,
                ByteLevel = spelling == TokenSpelling.ByteLevel,
                Normalizer = normalizer,
                PreTokenizer = preTokenizer,
                UnknownToken = unknown is not null && vocab.ContainsKey(unknown) ? unknown : null,
                FuseUnknownTokens = fuseUnknown,
                ContinuingSubwordPrefix = prefix,
                EndOfWordSuffix = suffix,
                SpecialTokens = specialTokens,
            };
            return (BpeTokenizer.Create(options), note);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return (null, "Microsoft.ML.Tokenizers could not build it: " + e.Message);
        }
    }

    /// <summary>Added tokens are matched in the text before pre-tokenization, longest first.</summary>
    private static Regex? AddedTokenPattern(List<AddedToken> added) =>
        added.Count == 0 ? null
            : new Regex(string.Join("|", added.Select(a => a.Content).Distinct(StringComparer.Ordinal).OrderByDescending(c => c.Length).ThenBy(c => c, StringComparer.Ordinal).Select(Regex.Escape)),
                RegexOptions.CultureInvariant, PatternTimeout);

    private static HuggingFaceNormalizer? Normalizer(JsonElement root, List<string> notes)
    {
        if (!root.TryGetProperty("normalizer", out var normalizer) || normalizer.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var steps = new List<NormalizerStep>();
        Collect(normalizer);
        return steps.Count == 0 ? null : new HuggingFaceNormalizer(steps);

        void Collect(JsonElement step)
        {
            switch (Text(step, "type"))
            {
                case "Sequence" when step.TryGetProperty("normalizers", out var list) && list.ValueKind == JsonValueKind.Array:
                    foreach (var inner in list.EnumerateArray())
                    {
                        Collect(inner);
                    }

                    break;
                case "NFC": steps.Add(new NormalizerStep.Form(NormalizationForm.FormC)); break;
                case "NFKC": steps.Add(new NormalizerStep.Form(NormalizationForm.FormKC)); break;
                case "NFD": steps.Add(new NormalizerStep.Form(NormalizationForm.FormD)); break;
                case "NFKD": steps.Add(new NormalizerStep.Form(NormalizationForm.FormKD)); break;
                case "Lowercase": steps.Add(new NormalizerStep.Lowercase()); break;
                case "Prepend" when Text(step, "prepend") is { } prefix: steps.Add(new NormalizerStep.Prepend(prefix)); break;
                case "Replace" when step.TryGetProperty("pattern", out var pattern) && Text(pattern, "String") is { } from && Text(step, "content") is { } to:
                    steps.Add(new NormalizerStep.Replace(from, to));
                    break;
                case "Strip" or "StripAccents":
                    notes.Add($"normalizer {Text(step, "type")} is not applied (it does not change Korean text)");
                    break;
                case var other:
                    notes.Add($"normalizer {other ?? "(untyped)"} is not reproduced; token counts are approximate");
                    break;
            }
        }
    }

    private static List<SplitStep> PreTokenizerSteps(JsonElement pre, List<string> notes, ref HuggingFaceNormalizer? normalizer)
    {
        var steps = new List<SplitStep>();
        var prefix = new List<NormalizerStep>();
        if (pre.ValueKind == JsonValueKind.Object)
        {
            Collect(pre);
        }

        if (prefix.Count > 0)
        {
            normalizer = new HuggingFaceNormalizer([.. normalizer?.Steps ?? [], .. prefix]);
        }

        return steps;

        void Collect(JsonElement step)
        {
            switch (Text(step, "type"))
            {
                case "Sequence" when step.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array:
                    foreach (var inner in list.EnumerateArray())
                    {
                        Collect(inner);
                    }

                    break;
                case "Split":
                    var pattern = step.TryGetProperty("pattern", out var p) ? Text(p, "Regex") ?? (Text(p, "String") is { } s ? Regex.Escape(s) : null) : null;
                    var behavior = Text(step, "behavior") switch
                    {
                        "Isolated" => SplitBehavior.Isolated,
                        "MergedWithPrevious" => SplitBehavior.MergedWithPrevious,
                        "MergedWithNext" => SplitBehavior.MergedWithNext,
                        "Removed" => SplitBehavior.Removed,
                        _ => (SplitBehavior?)null,
                    };
                    if (pattern is null || behavior is null || step.TryGetProperty("invert", out var invert) && invert.ValueKind == JsonValueKind.True)
                    {
                        notes.Add("!a Split pre-tokenizer with an unsupported pattern, behaviour or inversion");
                        break;
                    }

                    if (Compile(pattern) is { } regex)
                    {
                        steps.Add(new SplitStep(regex, behavior.Value));
                    }
                    else
                    {
                        notes.Add($"!the pre-tokenizer pattern {pattern} is not a .NET regular expression");
                    }

                    break;
                case "ByteLevel":
                    if (step.TryGetProperty("use_regex", out var useRegex) && useRegex.ValueKind != JsonValueKind.False)
                    {
                        steps.Add(new SplitStep(Compile(Gpt2Pattern)!, SplitBehavior.Isolated));
                    }

                    if (step.TryGetProperty("add_prefix_space", out var space) && space.ValueKind == JsonValueKind.True)
                    {
                        prefix.Add(new NormalizerStep.Prepend(" "));
                    }

                    break;
                case "Metaspace":
                    var replacement = Text(step, "replacement") ?? "\u2581";
                    prefix.Add(new NormalizerStep.Replace(" ", replacement));
                    var scheme = Text(step, "prepend_scheme") ?? (step.TryGetProperty("add_prefix_space", out var add) && add.ValueKind == JsonValueKind.False ? "never" : "always");
                    if (scheme != "never")
                    {
                        prefix.Add(new NormalizerStep.Prepend(replacement));
                    }

                    if (!step.TryGetProperty("split", out var split) || split.ValueKind != JsonValueKind.False)
                    {
                        steps.Add(new SplitStep(Compile(Regex.Escape(replacement))!, SplitBehavior.MergedWithNext));
                    }

                    break;
                case "Whitespace":
                    steps.Add(new SplitStep(Compile(@"\w+|[^\w\s]+")!, SplitBehavior.Isolated));
                    steps.Add(new SplitStep(Compile(@"\s+")!, SplitBehavior.Removed));
                    break;
                case "WhitespaceSplit":
                    steps.Add(new SplitStep(Compile(@"\s+")!, SplitBehavior.Removed));
                    break;
                case "Digits":
                    var individual = step.TryGetProperty("individual_digits", out var digits) && digits.ValueKind == JsonValueKind.True;
                    steps.Add(new SplitStep(Compile(individual ? @"\p{Nd}" : @"\p{Nd}+")!, SplitBehavior.Isolated));
                    break;
                case "Punctuation":
                    steps.Add(new SplitStep(Compile(@"\p{P}")!, SplitBehavior.Isolated));
                    break;
                case var other:
                    notes.Add($"pre-tokenizer {other ?? "(untyped)"} is not reproduced; token counts are approximate");
                    break;
            }
        }
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>How the vocabulary spells bytes, from the pre-tokenizer, normalizer and decoder the file declares.</summary>
    private static TokenSpelling Spelling(JsonElement root, JsonElement model, IEnumerable<string> vocab)
    {
        var declared = string.Join(" ", DescribingKeys.Select(k => root.TryGetProperty(k, out var e) && e.ValueKind == JsonValueKind.Object ? e.GetRawText() : ""));
        if (declared.Contains("\"ByteLevel\"", StringComparison.Ordinal))
        {
            return TokenSpelling.ByteLevel;
        }

        if (declared.Contains("\"Metaspace\"", StringComparison.Ordinal) || declared.Contains("\\u2581", StringComparison.Ordinal) || declared.Contains('\u2581', StringComparison.Ordinal)
            || model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True)
        {
            return TokenSpelling.Metaspace;
        }

        var (gpt2, meta) = (0, 0);
        foreach (var token in vocab)
        {
            gpt2 += token.StartsWith('Ġ') ? 1 : 0;
            meta += token.StartsWith('\u2581') ? 1 : 0;
        }

        return gpt2 > meta ? TokenSpelling.ByteLevel : meta > 0 ? TokenSpelling.Metaspace : TokenSpelling.Plain;
    }

    private static TokenizerFile? Unigram(string path, JsonElement model, List<AddedToken> added, byte[] bytes, int? configVocab, DiagnosticBag diagnostics)
    {
        if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Error("missing-vocab", JsonLocation.Find(bytes, "model", "vocab"), "model.vocab", "a Unigram model needs a vocab list of [piece, score].", "Check the file; it may be truncated.");
            return null;
        }

        var special = added.Where(a => a.Special).Select(a => a.Content).ToHashSet(StringComparer.Ordinal);
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        var tokens = ImmutableArray.CreateBuilder<byte[]>();
        var (index, reported) = (0, 0);
        foreach (var entry in vocab.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Array && entry.GetArrayLength() == 2 && entry[0].ValueKind == JsonValueKind.String && entry[1].ValueKind == JsonValueKind.Number)
            {
                var piece = entry[0].GetString()!;
                pieces.Add(piece);
                if (!special.Contains(piece))
                {
                    tokens.Add(TokenText.ToBytes(piece, TokenSpelling.Metaspace)!);
                }
            }
            else if (reported++ < MaxReported)
            {
                diagnostics.Error("invalid-vocab-entry", JsonLocation.Find(bytes, "model", "vocab", index), $"model.vocab[{index}]",
                    "a Unigram vocabulary entry is [piece, score].", "Check the file.");
            }

            index++;
        }

        if (diagnostics.HasErrors)
        {
            return null;
        }

        var extra = added.Where(a => !pieces.Contains(a.Content)).ToList();
        return new TokenizerFile(path, TokenizerFormat.HuggingFaceUnigram, TokenSpelling.Metaspace, pieces.Count, extra.Count, tokens.ToImmutable(), AddedBytes(extra), null, 0,
            null, "not built: Microsoft.ML.Tokenizers builds Unigram models only from a SentencePiece tokenizer.model", null, false, configVocab);
    }

    private static TokenizerFile? WordPiece(string path, JsonElement model, List<AddedToken> added, byte[] bytes, int? configVocab, DiagnosticBag diagnostics)
    {
        if (!model.TryGetProperty("vocab", out var vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error("missing-vocab", JsonLocation.Find(bytes, "model", "vocab"), "model.vocab", "a WordPiece model needs a vocab object of token → id.", "Check the file; it may be truncated.");
            return null;
        }

        var vocab = vocabElement.EnumerateObject().Where(e => Id(e.Value) is not null)
            .Select(e => (Token: e.Name, Id: Id(e.Value)!.Value)).OrderBy(e => e.Id).ToList();
        var special = added.Where(a => a.Special).Select(a => a.Content).ToHashSet(StringComparer.Ordinal);
        var prefix = Text(model, "continuing_subword_prefix") ?? "##";
        var tokens = vocab.Where(e => !special.Contains(e.Token))
            .Select(e => Encoding.UTF8.GetBytes(e.Token.StartsWith(prefix, StringComparison.Ordinal) && e.Token.Length > prefix.Length ? e.Token[prefix.Length..] : " " + e.Token))
            .ToImmutableArray();
        Tokenizer? encoder = null;
        string? note = null;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", vocab.Select(e => e.Token))));
            encoder = WordPieceTokenizer.Create(stream, new WordPieceOptions
            {
                UnknownToken = Text(model, "unk_token") ?? "[UNK]",
                ContinuingSubwordPrefix = prefix,
            });
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            note = "Microsoft.ML.Tokenizers could not build it: " + e.Message;
        }

        var names = vocab.Select(e => e.Token).ToHashSet(StringComparer.Ordinal);
        var extra = added.Where(a => !names.Contains(a.Content)).ToList();
        return new TokenizerFile(path, TokenizerFormat.HuggingFaceWordPiece, TokenSpelling.Plain, vocab.Count, extra.Count, tokens, AddedBytes(extra), null, 0,
            encoder, note, null, false, configVocab);
    }

    /// <summary>The non-special added tokens, as the text they stand for.</summary>
    internal static ImmutableArray<byte[]> AddedBytes(List<AddedToken> extra) =>
        [.. extra.Where(a => !a.Special).Select(a => Encoding.UTF8.GetBytes(a.Content))];

    /// <summary>A token id: a non-negative whole number.</summary>
    private static int? Id(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var id) && id >= 0 ? id : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
