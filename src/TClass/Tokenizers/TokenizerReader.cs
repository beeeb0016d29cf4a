using System.Collections.Immutable;
using System.Text.Json;
using TClass.Diagnostics;
using TClass.ModelFiles;

namespace TClass.Tokenizers;

/// <summary>The outcome of reading a tokenizer file: the tokenizer, or the problems that stopped it.</summary>
/// <param name="Tokenizer">The tokenizer, or null when the file could not be read.</param>
/// <param name="Diagnostics">Every problem found, in file order.</param>
public sealed record TokenizerReadResult(TokenizerFile? Tokenizer, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Reads a tokenizer from a file or a model folder: a Hugging Face <c>tokenizer.json</c>, a SentencePiece
/// <c>tokenizer.model</c>, GPT-2-style <c>vocab.json</c> with <c>merges.txt</c>, or a tiktoken file. Files are bounded (64 MiB) and confined to their folder;
/// a malformed file becomes diagnostics with line and column, never an exception.
/// </summary>
public static class TokenizerReader
{
    /// <summary>
    /// The file names looked for in a folder, in order of preference (<c>vocab.json</c> only beside a
    /// <c>merges.txt</c>; then the first <c>*.tiktoken</c>).
    /// </summary>
    public static readonly ImmutableArray<string> FileNames = ["tokenizer.json", "tokenizer.model", VocabMergesFiles.Vocab];

    /// <summary>
    /// The name of the tokenizer file in <paramref name="folder"/>, in order of preference, or null. A
    /// regular file is preferred; failing one, an entry of a looked-for name that is something else
    /// (a folder, a pipe, a broken link) is named, so that reading it says why it is not read.
    /// </summary>
    public static string? FileIn(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var candidates = FileNames.Where(n => n != VocabMergesFiles.Vocab || ModelFolder.Exists(Path.Combine(folder, VocabMergesFiles.Merges)))
            .Concat(Tiktoken(folder)).ToList();
        return candidates.FirstOrDefault(n => ModelFolder.IsRegularFile(Path.Combine(folder, n)))
            ?? candidates.FirstOrDefault(n => ModelFolder.Exists(Path.Combine(folder, n)));
    }

    /// <summary>The <c>*.tiktoken</c> files of <paramref name="folder"/>, in order; none when it cannot be listed.</summary>
    private static List<string> Tiktoken(string folder)
    {
        try
        {
            return ModelFolder.IsFolder(folder)
                ? [.. Directory.EnumerateFiles(folder, "*.tiktoken").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Reads the tokenizer at <paramref name="path"/> (a file, or a folder holding one).</summary>
    public static TokenizerReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (ModelFolder.IsFolder(path))
        {
            return ReadIn(path, FileIn(path));
        }

        if (!ModelFolder.Exists(path))
        {
            return ReadIn(path, null);
        }

        var full = Path.GetFullPath(path);
        return ReadIn(Path.GetDirectoryName(full) ?? full, Path.GetFileName(full));
    }

    /// <summary>
    /// Reads the tokenizer file <paramref name="name"/> of <paramref name="folder"/> as a file, whatever
    /// it is: a folder, a pipe or a link out of the folder is reported, never opened.
    /// </summary>
    internal static TokenizerReadResult ReadIn(string folder, string? name)
    {
        var file = name is null ? folder : Path.Combine(folder, name);
        var diagnostics = new DiagnosticBag(file);
        if (name is null)
        {
            var isFolder = ModelFolder.IsFolder(folder);
            diagnostics.Error(isFolder ? "no-tokenizer" : "not-found", SourcePosition.WholeFile, "",
                isFolder ? "the folder holds no tokenizer.json, tokenizer.model or *.tiktoken file." : "the file does not exist.",
                "Point at a tokenizer.json, a SentencePiece tokenizer.model, a vocab.json beside its merges.txt, a tiktoken file, or a folder holding one.");
            return new TokenizerReadResult(null, diagnostics.ToImmutableSorted());
        }

        var files = new ModelFolder(folder, diagnostics);
        if (name is VocabMergesFiles.Vocab or VocabMergesFiles.Merges)
        {
            var pair = VocabMergesFiles.Read(files, ConfigVocab(files), diagnostics);
            return new TokenizerReadResult(diagnostics.HasErrors ? null : pair, diagnostics.ToImmutableSorted());
        }

        var bytes = files.Bytes(name, ModelFolder.MaxTokenizerFile);
        var configVocab = bytes is null ? null : ConfigVocab(files);
        TokenizerFile? tokenizer = null;
        if (bytes is not null)
        {
            var start = bytes.AsSpan().TrimStart("\uFEFF \t\r\n"u8);
            tokenizer = name.EndsWith(".model", StringComparison.OrdinalIgnoreCase) ? SentencePieceModel.Read(file, name, bytes, configVocab, diagnostics)
                : name.EndsWith(".tiktoken", StringComparison.OrdinalIgnoreCase) || !start.IsEmpty && start[0] != (byte)'{' && TiktokenRanks.Looks(bytes) ? TiktokenRanks.Read(file, bytes, configVocab, diagnostics)
                : !start.IsEmpty && start[0] == (byte)'{' || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? HuggingFaceTokenizerJson.Read(file, name, bytes, configVocab, diagnostics)
                : SentencePieceModel.Read(file, name, bytes, configVocab, diagnostics);
        }

        return new TokenizerReadResult(diagnostics.HasErrors ? null : tokenizer, diagnostics.ToImmutableSorted());
    }

    /// <summary>The <c>vocab_size</c> of the <c>config.json</c> beside the tokenizer (the text model's, for multimodal configs).</summary>
    private static int? ConfigVocab(ModelFolder files)
    {
        var quiet = new ModelFolder(files.Root, new DiagnosticBag("config.json"));
        using var json = quiet.Json("config.json");
        return json?.RootElement.ValueKind == JsonValueKind.Object ? ModelConfig.From(json.RootElement).Parameters.Vocab : null;
    }
}
