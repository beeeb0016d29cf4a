using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TClass.Diagnostics;
using TClass.Files;
using TClass.Resources;
using TClass.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TClass.Documents;

/// <summary>
/// Reads one YAML or JSON document into <see cref="DocumentNode"/>s with their positions, as plain
/// data only: anchors, aliases, custom tags and further documents are refused, nesting and size are
/// bounded, duplicate keys are reported. Every problem becomes a diagnostic; nothing throws.
/// </summary>
internal static partial class DocumentReader
{
    /// <summary>
    /// The bytes of the document file at <paramref name="path"/>: only a regular file, at most the size
    /// limit (held while reading). Otherwise null, with the reason as a whole-file diagnostic.
    /// </summary>
    public static byte[]? Load(string path, DiagnosticBag diagnostics, DocumentLimits limits, string? notFoundFix = null)
    {
        var read = BoundedRead.File(path, limits.MaxBytes);
        switch (read.Problem)
        {
            case null:
                return read.Bytes;
            case { Code: "too-large" }:
                diagnostics.Error("too-large", SourcePosition.WholeFile, "",
                    DiagnosticCatalog.Words("too-large.limit", ("limit", limits.MaxBytes.ToString("N0", CultureInfo.InvariantCulture))));
                return null;
            case { Code: "not-found" } problem when notFoundFix is not null:
                diagnostics.Error(problem.Code, SourcePosition.WholeFile, "", problem.Message, notFoundFix);
                return null;
            case { } problem:
                diagnostics.Error(problem.Code, SourcePosition.WholeFile, "", problem.Message, problem.Fix);
                return null;
        }
    }

    /// <summary>Decodes UTF-8 bytes (a BOM is allowed) after checking the size limit.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics, DocumentLimits limits)
    {
        if (bytes.Length > limits.MaxBytes)
        {
            ReportTooLarge(bytes.Length, diagnostics, limits);
            return null;
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Error("not-utf8", SourcePosition.WholeFile, "", DiagnosticCatalog.Words("not-utf8"));
            return null;
        }
    }

    /// <summary>Reports a document of <paramref name="size"/> bytes as over the size limit.</summary>
    public static void ReportTooLarge(long size, DiagnosticBag diagnostics, DocumentLimits limits) =>
        diagnostics.Error("too-large", SourcePosition.WholeFile, "", DiagnosticCatalog.Words("too-large.size",
            ("size", size.ToString("N0", CultureInfo.InvariantCulture)), ("limit", limits.MaxBytes.ToString("N0", CultureInfo.InvariantCulture))));

    /// <summary>
    /// Checks that <paramref name="text"/> is strict JSON (RFC 8259: no comments, no trailing commas,
    /// no single quotes) — YAML would accept all of these — and reports the first fault where it is.
    /// </summary>
    public static bool CheckJson(string text, DiagnosticBag diagnostics, DocumentLimits limits)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new System.Text.Json.Utf8JsonReader(bytes, new System.Text.Json.JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
            MaxDepth = limits.MaxDepth + 1,
        });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (System.Text.Json.JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var lineText = text.Split('\n').ElementAtOrDefault(line) ?? "";
            var lineBytes = Encoding.UTF8.GetBytes(lineText);
            var column = Encoding.UTF8.GetCharCount(lineBytes, 0, (int)Math.Min(lineBytes.Length, e.BytePositionInLine ?? 0)) + 1;
            var message = e.Message.Split(" LineNumber:", 2)[0];
            var words = message.Contains("trailing comma", StringComparison.Ordinal) ? DiagnosticCatalog.Words("json-syntax.comma")
                : lineText.Length >= column && lineText[(column - 1)..].StartsWith('/') ? DiagnosticCatalog.Words("json-syntax.comment")
                : DiagnosticCatalog.Words("json-syntax", ("reason", message.Replace(" Change the reader options.", "", StringComparison.Ordinal).TrimEnd('.', ' ')));
            diagnostics.Error("json-syntax", new SourcePosition(line + 1, column), "", words);
            return false;
        }
    }

    /// <summary>
    /// Parses <paramref name="text"/>. <paramref name="lineOffset"/> is added to every line, for
    /// documents embedded in a larger file (Markdown front matter).
    /// </summary>
    public static DocumentNode? Read(string text, DiagnosticBag diagnostics, DocumentLimits limits, int lineOffset = 0)
    {
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > limits.MaxBytes)
        {
            ReportTooLarge(size, diagnostics, limits);
            return null;
        }

        return Read(new Parser(new StringReader(text)), diagnostics, limits, lineOffset);
    }

    /// <summary>
    /// The built-in file <c>rules/<paramref name="relativePath"/></c> — a ruleset, a catalog or the
    /// words, which are recorded when the library builds (see TClass.csproj) — read as any document
    /// is, by replaying its YAML events.
    /// </summary>
    internal static DocumentNode? ReadBuiltIn(string relativePath, DiagnosticBag diagnostics) =>
        Read(new RecordedYaml(RecordedRules.Events(relativePath)
            ?? throw new InvalidOperationException($"rules/{relativePath} is not recorded when the library builds (TClass.csproj names what is)")),
            diagnostics, DocumentLimits.Default);

    /// <summary>Reads the document whose YAML events <paramref name="parser"/> yields (YamlDotNet's parser, or a replay of recorded events).</summary>
    internal static DocumentNode? Read(IParser parser, DiagnosticBag diagnostics, DocumentLimits limits, int lineOffset = 0) =>
        new Walk(parser, diagnostics, limits, lineOffset).Run();

    private sealed class Walk(IParser parser, DiagnosticBag diagnostics, DocumentLimits limits, int lineOffset)
    {
        private SourcePosition _last = new(1 + lineOffset, 1);

        public DocumentNode? Run()
        {
            try
            {
                Next(); // onto StreamStart
                Next(); // onto DocumentStart, or StreamEnd when the text holds no document
                if (parser.Current is StreamEnd or null)
                {
                    return null;
                }

                Next(); // onto the root node
                var root = ReadNode(depth: 1, path: "");
                Next(); // past DocumentEnd
                if (parser.Current is DocumentStart extra)
                {
                    diagnostics.Error("multiple-documents", At(extra.Start), "", DiagnosticCatalog.Words("multiple-documents"));
                }

                return root;
            }
            catch (TooDeepException)
            {
                return null;
            }
            catch (YamlException e)
            {
                diagnostics.Error("yaml-syntax", At(e.Start), "", DiagnosticCatalog.Words("yaml-syntax", ("reason", WithoutPosition(e.Message))));
                return null;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
            {
                // The YAML parser reports some malformed inputs with these exceptions instead of a YamlException.
                diagnostics.Error("yaml-syntax", _last, "", DiagnosticCatalog.Words("yaml-syntax.rest"));
                return null;
            }
        }

        private void Next()
        {
            parser.MoveNext();
            if (parser.Current is { } current)
            {
                _last = At(current.Start);
            }
        }

        private SourcePosition At(Mark mark) =>
            new((int)Math.Min(int.MaxValue, mark.Line) + lineOffset, (int)Math.Min(int.MaxValue, mark.Column));

        /// <summary>Control characters (other than line breaks and tabs) and bidirectional overrides are refused: they could rewrite a terminal or hide text in a report.</summary>
        private void CheckPrintable(string value, SourcePosition at, string path)
        {
            if (!ControlCharacters.Any(value))
            {
                return;
            }

            var found = value.First(c => ControlCharacters.IsUnsafe(c));
            diagnostics.Error("control-character", at, path,
                DiagnosticCatalog.Words("control-character", ("code", ((int)found).ToString("X4", CultureInfo.InvariantCulture)), ("shown", ControlCharacters.Escape(found.ToString()))));
        }

        private DocumentNode ReadNode(int depth, string path)
        {
            var current = parser.Current!;
            var at = At(current.Start);
            switch (current)
            {
                case AnchorAlias alias:
                    diagnostics.Error("yaml-alias", at, path,
                        DiagnosticCatalog.Words("yaml-alias", ("name", alias.Value.ToString())));
                    Next();
                    return new ScalarNode(at, path, "", ScalarKind.Invalid);
                case Scalar scalar:
                    CheckPlainData(scalar, at, path);
                    CheckPrintable(scalar.Value, at, path);
                    Next();
                    return new ScalarNode(at, path, scalar.Value, Resolve(scalar));
                case SequenceStart start:
                    CheckPlainData(start, at, path);
                    if (depth > limits.MaxDepth)
                    {
                        return TooDeep(at, path);
                    }

                    Next();
                    var items = ImmutableArray.CreateBuilder<DocumentNode>();
                    while (parser.Current is not SequenceEnd)
                    {
                        items.Add(ReadNode(depth + 1, string.Create(CultureInfo.InvariantCulture, $"{path}[{items.Count}]")));
                    }

                    Next();
                    return new SequenceNode(at, path, items.ToImmutable());
                case MappingStart start:
                    CheckPlainData(start, at, path);
                    if (depth > limits.MaxDepth)
                    {
                        return TooDeep(at, path);
                    }

                    Next();
                    return ReadMappingEntries(at, depth, path);
                default:
                    throw new InvalidOperationException("unexpected YAML event " + current.GetType().Name);
            }
        }

        private MappingNode ReadMappingEntries(SourcePosition at, int depth, string path)
        {
            var entries = ImmutableArray.CreateBuilder<MappingEntry>();
            var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
            while (parser.Current is not MappingEnd)
            {
                var keyNode = ReadNode(depth + 1, path);
                if (keyNode is not ScalarNode key)
                {
                    diagnostics.Error("complex-key", keyNode.Position, path,
                        DiagnosticCatalog.Words("complex-key"));
                    ReadNode(depth + 1, path);
                    continue;
                }

                var childPath = path.Length == 0 ? key.Text : path + "." + key.Text;
                var value = ReadNode(depth + 1, childPath);
                if (seen.TryGetValue(key.Text, out var first))
                {
                    diagnostics.Error("duplicate-key", key.Position, childPath,
                        DiagnosticCatalog.Words("duplicate-key", ("key", key.Text), ("line", first.Line.ToString(CultureInfo.InvariantCulture))));
                    continue;
                }

                seen.Add(key.Text, key.Position);
                entries.Add(new MappingEntry(key with { Path = childPath }, value));
            }

            Next();
            return new MappingNode(at, path, entries.ToImmutable());
        }

        private ScalarNode TooDeep(SourcePosition at, string path)
        {
            diagnostics.Error("too-deep", at, path,
                DiagnosticCatalog.Words("too-deep", ("limit", limits.MaxDepth.ToString(CultureInfo.InvariantCulture))));

            // Reading stops here: the YAML scanner slows with every level of flow nesting, so reading
            // past a document 200,000 levels deep would take minutes.
            throw new TooDeepException();
        }

        /// <summary>Ends the walk of a document nested past the limit (already reported).</summary>
        private sealed class TooDeepException : Exception;

        private void CheckPlainData(NodeEvent node, SourcePosition at, string path)
        {
            if (!node.Anchor.IsEmpty)
            {
                diagnostics.Error("yaml-anchor", at, path,
                    DiagnosticCatalog.Words("yaml-anchor", ("name", node.Anchor.Value.ToString())));
            }

            if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
            {
                diagnostics.Error("yaml-tag", at, path,
                    DiagnosticCatalog.Words("yaml-tag", ("name", node.Tag.Value.ToString())));
            }
        }
    }

    /// <summary>Whether <paramref name="text"/>, written as a plain scalar, would read back as that same text.</summary>
    public static bool ReadsBackAsText(string text) =>
        text.Length > 0 && Resolve(new Scalar(null, null, text, ScalarStyle.Plain, true, false)) == ScalarKind.String;

    /// <summary>Resolves a scalar by the YAML 1.2 core schema: only plain scalars can be non-strings.</summary>
    private static ScalarKind Resolve(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return ScalarKind.String;
        }

        var text = scalar.Value;
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Bool,
            _ when IntegerPattern().IsMatch(text) => ScalarKind.Integer,
            _ when FloatPattern().IsMatch(text) => ScalarKind.Float,
            _ => ScalarKind.String,
        };
    }

    private static string WithoutPosition(string message) => PositionPrefix().Replace(message, "").Trim();

    [GeneratedRegex(@"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
