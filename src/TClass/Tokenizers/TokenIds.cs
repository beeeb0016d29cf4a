using System.Collections.Frozen;
using System.Text.Json;
using TClass.Diagnostics;
using TClass.ModelFiles;

namespace TClass.Tokenizers;

/// <summary>
/// The token → id map of a model folder's tokenizer, without building a tokenizer: the vocabulary of
/// <c>tokenizer.json</c> (BPE and WordPiece objects, Unigram lists) with its added tokens, or a
/// WordPiece <c>vocab.txt</c> (one token per line). Two models' embedding rows that hold the same
/// token string are the same token, whatever its id in each.
/// </summary>
internal static class TokenIds
{
    /// <summary>The tokens of the tokenizer in <paramref name="folder"/> by id, or null when there is none to read.</summary>
    public static FrozenDictionary<string, int>? Read(string folder)
    {
        var files = new ModelFolder(folder, new DiagnosticBag(folder));
        if (files.Has("tokenizer.json") && files.Bytes("tokenizer.json", ModelFolder.MaxTokenizerFile) is { } json)
        {
            return FromJson(json);
        }

        if (files.Has("vocab.txt") && files.Text("vocab.txt", ModelFolder.MaxTokenizerFile) is { } text)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var lines = text.Split('\n');
            if (lines.Length > TokenizerLimits.MaxVocabulary + 1)
            {
                return null;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var token = lines[i].TrimEnd('\r');
                if (token.Length > 0 || i < lines.Length - 1)
                {
                    ids.TryAdd(token, i);
                }
            }

            return ids.Count > 0 ? ids.ToFrozenDictionary(StringComparer.Ordinal) : null;
        }

        return null;
    }

    private static FrozenDictionary<string, int>? FromJson(byte[] bytes)
    {
        using var document = ModelFolder.Json("tokenizer.json", bytes, new DiagnosticBag("tokenizer.json"));
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object || !model.TryGetProperty("vocab", out var vocab))
        {
            return null;
        }

        // A vocabulary past the reader's limit is not a real one; the rows are then matched by index.
        if ((vocab.ValueKind == JsonValueKind.Object ? vocab.GetPropertyCount() : vocab.ValueKind == JsonValueKind.Array ? vocab.GetArrayLength() : 0) > TokenizerLimits.MaxVocabulary
            || root.TryGetProperty("added_tokens", out var listed) && listed.ValueKind == JsonValueKind.Array && listed.GetArrayLength() > TokenizerLimits.MaxAddedTokens)
        {
            return null;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (vocab.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in vocab.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out var id) && id >= 0)
                {
                    ids.TryAdd(entry.Name, id);
                }
            }
        }
        else if (vocab.ValueKind == JsonValueKind.Array)
        {
            var id = 0;
            foreach (var piece in vocab.EnumerateArray())
            {
                if (piece.ValueKind == JsonValueKind.Array && piece.GetArrayLength() > 0 && piece[0].ValueKind == JsonValueKind.String)
                {
                    ids.TryAdd(piece[0].GetString()!, id);
                }

                id++;
            }
        }

        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                if (token.ValueKind == JsonValueKind.Object && token.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                    && token.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var value) && value >= 0)
                {
                    ids.TryAdd(content.GetString()!, value);
                }
            }
        }

        return ids.Count > 0 ? ids.ToFrozenDictionary(StringComparer.Ordinal) : null;
    }

    /// <summary>Counts the tokens of <paramref name="a"/> that <paramref name="b"/> lacks.</summary>
    public static int Added(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) => a.Keys.Count(k => !b.ContainsKey(k));
}
