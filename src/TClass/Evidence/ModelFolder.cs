using System.Globalization;
using System.Text;
using System.Text.Json;
using TClass.Diagnostics;

namespace TClass.Evidence;

/// <summary>
/// Read-only access to the files of a local model folder, bounded and confined: a file larger than
/// the limit, a link that leads outside the folder, invalid UTF-8 or malformed JSON becomes a
/// diagnostic, never an exception. Nothing is fetched from a network.
/// </summary>
internal sealed class ModelFolder(string root, DiagnosticBag diagnostics)
{
    /// <summary>The largest file read whole (config, cards, adapter and merge configs).</summary>
    public const long MaxSmallFile = 4L * 1024 * 1024;

    /// <summary>The largest tokenizer file read.</summary>
    public const long MaxTokenizerFile = 64L * 1024 * 1024;

    private readonly string _root = Path.GetFullPath(root);

    public DiagnosticBag Diagnostics => diagnostics;

    public string Root => _root;

    public bool Has(string name) => File.Exists(Path.Combine(_root, name));

    public IEnumerable<string> Files(string pattern) =>
        Directory.Exists(_root) ? Directory.EnumerateFiles(_root, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : [];

    /// <summary>The bytes of <paramref name="name"/>, or null (with a diagnostic when it exists but cannot be read safely).</summary>
    public byte[]? Bytes(string name, long limit = MaxSmallFile)
    {
        var path = Path.Combine(_root, name);
        if (!File.Exists(path))
        {
            return null;
        }

        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            var target = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "";
            if (!target.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                Error(name, "outside-folder", $"{name} is a link to {target}, outside the model folder; it is not read.",
                    "Copy the file into the folder if it belongs to the model.");
                return null;
            }

            file = new FileInfo(target);
        }

        if (file.Length > limit)
        {
            Error(name, "too-large", string.Create(CultureInfo.InvariantCulture, $"{name} is {file.Length:N0} bytes, over the {limit:N0}-byte limit; it is not read."),
                "Check that this is the file you meant.");
            return null;
        }

        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error(name, "unreadable", $"{name} cannot be read: {e.Message}", "Check its permissions.");
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
            Error(name, "not-utf8", $"{name} is not UTF-8 text.", "Check the file.");
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
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
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

    public void Error(string name, string code, string message, string fix) =>
        diagnostics.Error(code, SourcePosition.WholeFile, name, message, fix);

    public void Warning(string name, string code, string message, string fix) =>
        diagnostics.Warning(code, SourcePosition.WholeFile, name, message, fix);
}
