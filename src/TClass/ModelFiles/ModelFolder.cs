using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Text;
using System.Text.Json;
using TClass.Diagnostics;
using TClass.Files;

namespace TClass.ModelFiles;

/// <summary>
/// Read-only access to the files of a local model folder, bounded and confined: every link on a
/// file's path is resolved and a file whose real path leaves the folder is refused; only regular
/// files are read (a pipe or device is never opened); a file larger than the limit, invalid UTF-8 or
/// malformed JSON becomes a diagnostic, never an exception. A snapshot of the Hugging Face cache is
/// a folder of links into its model's <c>blobs</c>: those, and only those, may lead out of it. Nothing
/// is fetched from a network.
/// </summary>
internal sealed class ModelFolder(string root, DiagnosticBag diagnostics)
{
    /// <summary>The largest file read whole (config, cards, adapter and merge configs).</summary>
    public const long MaxSmallFile = 4L * 1024 * 1024;

    /// <summary>The largest tokenizer file read.</summary>
    public const long MaxTokenizerFile = 64L * 1024 * 1024;

    private readonly string _root = RealPath.Of(Path.GetFullPath(root)) ?? Path.GetFullPath(root);

    /// <summary>Whether the real path <paramref name="real"/> is inside the folder, or inside the blobs of the cached model it is a snapshot of.</summary>
    private bool Confines(string real) =>
        RealPath.IsInside(real, _root) || HuggingFaceCache.BlobsOf(_root) is { } blobs && RealPath.Of(blobs) is { } realBlobs && RealPath.IsInside(real, realBlobs);

    public DiagnosticBag Diagnostics => diagnostics;

    /// <summary>The folder's real path (links resolved).</summary>
    public string Root => _root;

    public bool Has(string name) => File.Exists(Path.Combine(_root, name));

    /// <summary>Whether <paramref name="path"/> is a folder (links followed).</summary>
    public static bool IsFolder(string path) => FileKinds.Of(path) == FileKind.Directory;

    /// <summary>Whether <paramref name="path"/> is a regular file, the only kind read (links followed).</summary>
    public static bool IsRegularFile(string path) => FileKinds.Of(path) == FileKind.Regular;

    /// <summary>Whether anything is at <paramref name="path"/>: a file, a folder, a pipe, a device, or a link even if it leads nowhere.</summary>
    public static bool Exists(string path) => FileKinds.OfEntry(path) != FileKind.Missing;

    public IEnumerable<string> Files(string pattern) =>
        Directory.Exists(_root) ? Directory.EnumerateFiles(_root, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : [];

    /// <summary>
    /// The real path of <paramref name="name"/> (relative to the folder) when it is a regular, non-empty
    /// file inside the folder; otherwise null, with a diagnostic unless the file simply does not exist.
    /// </summary>
    public FileInfo? Resolve(string name)
    {
        var path = Path.GetFullPath(Path.Combine(_root, name));
        if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            return null;
        }

        var real = RealPath.Of(path);
        if (real is null)
        {
            var broken = BoundedRead.NotRegular(path, FileKind.Missing);
            Error(name, broken.Code, broken.Message, broken.Fix);
            return null;
        }

        if (!Confines(real))
        {
            Error(name, "outside-folder", $"it leads to {real}, outside the model folder; it is not read.", "Copy the file into the folder if it belongs to the model.");
            return null;
        }

        var kind = FileKinds.Of(real);
        if (kind != FileKind.Regular)
        {
            var problem = BoundedRead.NotRegular(real, kind);
            Error(name, problem.Code, problem.Message, problem.Fix);
            return null;
        }

        return new FileInfo(real);
    }

    /// <summary>The bytes of <paramref name="name"/>, or null (with a diagnostic when it exists but cannot be read safely).</summary>
    public byte[]? Bytes(string name, long limit = MaxSmallFile)
    {
        if (Resolve(name) is not { } file)
        {
            return null;
        }

        var read = BoundedRead.File(file.FullName, limit);
        if (read.Problem is { } failed)
        {
            Error(name, failed.Code, failed.Message, failed.Fix);
        }

        return read.Bytes;
    }

    /// <summary>
    /// <paramref name="name"/> mapped into memory for reading (with its length), or null with a
    /// diagnostic. The caller disposes the map.
    /// </summary>
    public (MemoryMappedFile Map, long Length)? Map(string name)
    {
        if (Resolve(name) is not { } file)
        {
            if (!Diagnostics.HasErrors)
            {
                Error(name, "not-found", "it does not exist.", "Check the folder; a file may be missing from the download.");
            }

            return null;
        }

        if (file.Length == 0)
        {
            Error(name, "empty", "it is empty.", "Download the file again.");
            return null;
        }

        try
        {
            return (MemoryMappedFile.CreateFromFile(file.FullName, FileMode.Open, null, 0, MemoryMappedFileAccess.Read), file.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error(name, "unreadable", "it cannot be read: " + e.Message, "Check its permissions.");
            return null;
        }
    }

    /// <summary>The text of <paramref name="name"/>, or null (with a diagnostic when it exists but cannot be read safely).</summary>
    public string? Text(string name, long limit = MaxSmallFile)
    {
        if (Bytes(name, limit) is not { } bytes)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Error(name, "not-utf8", "it is not UTF-8 text.", "Check the file.");
            return null;
        }
    }

    /// <summary>The JSON document <paramref name="name"/>, or null (with a diagnostic when it is malformed).</summary>
    public JsonDocument? Json(string name, long limit = MaxSmallFile) =>
        Bytes(name, limit) is { } bytes ? Json(name, bytes, diagnostics) : null;

    /// <summary>Parses <paramref name="bytes"/> as the JSON file <paramref name="name"/>, or null with a diagnostic.</summary>
    public static JsonDocument? Json(string name, ReadOnlyMemory<byte> bytes, DiagnosticBag diagnostics)
    {
        var text = bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        if (!System.Text.Unicode.Utf8.IsValid(text.Span))
        {
            diagnostics.Error("not-utf8", SourcePosition.WholeFile, name, $"{name} is not UTF-8 text.", "Check the file.");
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (LoneSurrogate(text.Span) is var at and >= 0)
            {
                document.Dispose();
                diagnostics.Error("invalid-json", SourcePosition.Of(text.Span, at), name,
                    $"{name} holds a string whose \\u escapes spell half of a surrogate pair, which is not a character.", "Check the file; it may have been written by a broken tool.");
                return null;
            }

            return document;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            diagnostics.Error("invalid-json", new SourcePosition(line, column), name,
                $"{name} is not valid JSON: {e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]}", "Check the file; it may be truncated.");
            return null;
        }
    }

    /// <summary>
    /// The offset of the first string or property name whose <c>\u</c> escapes spell half of a
    /// surrogate pair (it parses, but cannot be read as text), or -1. Only files with such escapes are walked.
    /// </summary>
    private static long LoneSurrogate(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\ud"u8) < 0 && json.IndexOf("\\uD"u8) < 0)
        {
            return -1;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                && (reader.ValueSpan.IndexOf("\\ud"u8) >= 0 || reader.ValueSpan.IndexOf("\\uD"u8) >= 0))
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return -1;
    }

    public void Error(string name, string code, string message, string fix) =>
        diagnostics.Error(code, SourcePosition.WholeFile, name, message, fix);

    public void Warning(string name, string code, string message, string fix) =>
        diagnostics.Warning(code, SourcePosition.WholeFile, name, message, fix);
}
