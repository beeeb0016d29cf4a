using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using TClass.Diagnostics;
using TClass.ModelFiles;
using TClass.Text;

namespace TClass.Tokenizers;

/// <summary>
/// Reads a GPT-2-style byte-level BPE tokenizer written as two files — <c>vocab.json</c> (token → id)
/// and <c>merges.txt</c> (one merge per line, after an optional <c>#version</c> line) — with the
/// tokens added beside them (<c>added_tokens.json</c>, special when <c>special_tokens_map.json</c>
/// names them). Microsoft.ML.Tokenizers builds the encoder straight from the two files. Every problem
/// is located in the file it is in.
/// </summary>
internal static class VocabMergesFiles
{
    /// <summary>The vocabulary file.</summary>
    public const string Vocab = "vocab.json";

    /// <summary>The merges file.</summary>
    public const string Merges = "merges.txt";

    private const int MaxReported = 20;

    /// <summary>Reads the pair in <paramref name="files"/>; null with diagnostics when either is missing or malformed.</summary>
    public static TokenizerFile? Read(ModelFolder files, int? configVocab, DiagnosticBag diagnostics)
    {
        var vocabBytes = files.Bytes(Vocab, ModelFolder.MaxTokenizerFile);
        var mergesBytes = files.Bytes(Merges, ModelFolder.MaxTokenizerFile);
        if (vocabBytes is null || mergesBytes is null)
        {
            if (!diagnostics.HasErrors)
            {
                var missing = vocabBytes is null ? Vocab : Merges;
                diagnostics.Error("not-found", SourcePosition.WholeFile, missing, $"{missing} is missing: a byte-level BPE tokenizer in this form needs both {Vocab} and {Merges}.",
                    "Download both files of the tokenizer, or point at its tokenizer.json.");
            }

            return null;
        }

        // Each file's problems are reported against that file, with its own lines and columns.
        var (vocabProblems, mergesProblems) = (new DiagnosticBag(Path.Combine(files.Root, Vocab)), new DiagnosticBag(Path.Combine(files.Root, Merges)));
        var vocab = ReadVocab(vocabBytes, vocabProblems);
        var merges = vocab is null ? null : ReadMerges(mergesBytes, vocab, mergesProblems);
        diagnostics.AddRange(vocabProblems.ToImmutableSorted());
        diagnostics.AddRange(mergesProblems.ToImmutableSorted());
        if (vocab is null || merges is null || diagnostics.HasErrors)
        {
            return null;
        }

        var added = AddedTokens(files, vocab, diagnostics);
        var building = Task.Run(() => Build(vocabBytes, mergesBytes));
        return HuggingFaceTokenizerJson.BpeFile(Path.Combine(files.Root, Vocab), TokenizerFormat.VocabMerges, vocab, merges, added,
            TokenSpelling.ByteLevel, building, null, false, configVocab);
    }

    private static Dictionary<string, int>? ReadVocab(byte[] bytes, DiagnosticBag diagnostics)
    {
        using var document = ModelFolder.Json(Vocab, bytes, diagnostics);
        if (document is null)
        {
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error("not-a-tokenizer", SourcePosition.WholeFile, "", $"{Vocab} is not a JSON object of token → id.", "Point at the tokenizer's vocab.json.");
            return null;
        }

        var count = document.RootElement.GetPropertyCount();
        if (count > TokenizerLimits.MaxVocabulary)
        {
            diagnostics.Error("too-many-tokens", SourcePosition.WholeFile, "",
                string.Create(CultureInfo.InvariantCulture, $"{Vocab} has {count:N0} tokens; TClass reads at most {TokenizerLimits.MaxVocabulary:N0} (the largest real tokenizer, Gemma 3's, has 262,144)."),
                "Check the file; it may have been generated wrongly.");
            return null;
        }

        var vocab = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var reported = 0;
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out var id) && id >= 0)
            {
                vocab[entry.Name] = id;
            }
            else if (reported++ < MaxReported)
            {
                diagnostics.Error("invalid-vocab-entry", JsonLocation.Find(bytes, entry.Name), entry.Name, "a vocabulary id must be a non-negative integer.", "Correct the id.");
            }
        }

        return diagnostics.HasErrors ? null : vocab;
    }

    /// <summary>The merges, in order (a merge listed twice keeps its first place); every problem located by line.</summary>
    private static List<(string Left, string Right)>? ReadMerges(byte[] bytes, Dictionary<string, int> vocab, DiagnosticBag diagnostics)
    {
        var text = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes.AsSpan();
        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            diagnostics.Error("not-utf8", SourcePosition.WholeFile, "", $"{Merges} is not UTF-8 text.", "Check the file.");
            return null;
        }

        var merges = new List<(string Left, string Right)>();
        var listed = new HashSet<(string, string)>();
        var (line, reported) = (0, 0);
        foreach (var raw in Encoding.UTF8.GetString(text).Split('\n'))
        {
            line++;
            var entry = raw.TrimEnd('\r');
            if (entry.Length == 0 || line == 1 && entry.StartsWith("#version", StringComparison.Ordinal))
            {
                continue;
            }

            if (merges.Count == TokenizerLimits.MaxMerges)
            {
                diagnostics.Error("too-many-merges", new SourcePosition(line, 1), "",
                    string.Create(CultureInfo.InvariantCulture, $"{Merges} lists more than {TokenizerLimits.MaxMerges:N0} merges, the most TClass reads (Gemma 3 has 514,906)."),
                    "Check the file; it may have been generated wrongly.");
                return null;
            }

            var parts = entry.Split(' ');
            if (parts is [var left, var right] && vocab.ContainsKey(left) && vocab.ContainsKey(right))
            {
                if (listed.Add((left, right)))
                {
                    merges.Add((left, right));
                }
            }
            else if (reported++ < MaxReported)
            {
                diagnostics.Error("invalid-merge", new SourcePosition(line, 1), string.Create(CultureInfo.InvariantCulture, $"line {line}"),
                    parts.Length != 2 ? "a merge must be two tokens separated by one space." : $"the merge '{ControlCharacters.Escape(entry, allowLineBreaks: false)}' uses a token that is not in {Vocab}.",
                    "Check the file; a merge joins two tokens of the vocabulary.");
            }
        }

        return diagnostics.HasErrors ? null : merges;
    }

    /// <summary>
    /// The tokens of <c>added_tokens.json</c> (content → id), special when <c>special_tokens_map.json</c>
    /// names them, and the special tokens that map names from the vocabulary.
    /// </summary>
    private static List<HuggingFaceTokenizerJson.AddedToken> AddedTokens(ModelFolder files, Dictionary<string, int> vocab, DiagnosticBag diagnostics)
    {
        var special = new HashSet<string>(StringComparer.Ordinal);
        using (var map = files.Has("special_tokens_map.json") ? files.Json("special_tokens_map.json") : null)
        {
            if (map?.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in map.RootElement.EnumerateObject())
                {
                    var values = entry.Value.ValueKind == JsonValueKind.Array ? entry.Value.EnumerateArray().ToList() : [entry.Value];
                    special.UnionWith(values.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()
                        : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null).OfType<string>());
                }
            }
        }

        var added = new List<HuggingFaceTokenizerJson.AddedToken>();
        using var json = files.Has("added_tokens.json") ? files.Json("added_tokens.json") : null;
        if (json?.RootElement.ValueKind == JsonValueKind.Object)
        {
            if (json.RootElement.GetPropertyCount() > TokenizerLimits.MaxAddedTokens)
            {
                diagnostics.Warning("too-many-added-tokens", SourcePosition.WholeFile, "added_tokens.json",
                    string.Create(CultureInfo.InvariantCulture, $"it lists more than {TokenizerLimits.MaxAddedTokens:N0} added tokens; they are not read."), "Check the file.");
                return added;
            }

            added.AddRange(json.RootElement.EnumerateObject()
                .Where(e => e.Name.Length is > 0 and <= TokenizerLimits.MaxAddedTokenLength && e.Value.ValueKind == JsonValueKind.Number && e.Value.TryGetInt32(out var id) && id >= 0)
                .Select(e => new HuggingFaceTokenizerJson.AddedToken(e.Value.GetInt32(), e.Name, special.Contains(e.Name))));
        }

        // Special tokens already in the vocabulary (GPT-2's <|endoftext|>) are not analysed as learned tokens.
        added.AddRange(special.Where(s => vocab.ContainsKey(s) && added.All(a => a.Content != s)).Order(StringComparer.Ordinal)
            .Select(s => new HuggingFaceTokenizerJson.AddedToken(vocab[s], s, true)));
        return added;
    }

    /// <summary>The encoder, built by Microsoft.ML.Tokenizers from the two files as they are.</summary>
    private static (Tokenizer?, string?) Build(byte[] vocab, byte[] merges)
    {
        try
        {
            using var vocabStream = new MemoryStream(vocab, writable: false);
            using var mergesStream = new MemoryStream(merges, writable: false);
            return (CodeGenTokenizer.Create(vocabStream, mergesStream), "text is split into words with GPT-2's pattern: vocab.json and merges.txt carry none");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException or JsonException or IOException)
        {
            return (null, "Microsoft.ML.Tokenizers could not build it: " + e.Message);
        }
    }
}
