using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TClass.Diagnostics;
using TClass.Facts;
using TClass.Text;

namespace TClass.Reports;

/// <summary>
/// Writes classifications as the JSON of the result contract (docs/result.md): fixed field order,
/// UTF-8, no culture-dependent formatting — the same result always gives the same bytes.
/// </summary>
public static class JsonReport
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // Reports are files and terminal output, never embedded in HTML: keep Korean and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    private static readonly JsonWriterOptions Compact = Indented with { Indented = false };

    /// <summary>One classification as an indented JSON object.</summary>
    public static string Render(Classification result, Language language = Language.English) =>
        Write(writer => WriteResult(writer, result, language), Indented);

    /// <summary>Several classifications as an indented JSON array, in the given order.</summary>
    public static string RenderArray(IEnumerable<Classification> results, Language language = Language.English) =>
        Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var result in results)
            {
                WriteResult(writer, result, language);
            }

            writer.WriteEndArray();
        }, Indented);

    /// <summary>
    /// One classification as an element of <see cref="RenderArray"/>'s array (indented one level, no
    /// separator), so that an array can be written one element at a time: <c>[</c>, the elements joined
    /// by <c>,</c> and a line break, then a line break and <c>]</c> give the same bytes.
    /// </summary>
    public static string RenderArrayItem(Classification result, Language language = Language.English) =>
        "  " + Render(result, language).Replace("\n", "\n  ", StringComparison.Ordinal);

    /// <summary>One classification as a single line of JSON (for JSON Lines output).</summary>
    public static string RenderLine(Classification result, Language language = Language.English) =>
        Write(writer => WriteResult(writer, result, language), Compact);

    /// <summary>What <paramref name="write"/> writes, as indented JSON with the options of every report.</summary>
    internal static string Indent(Action<Utf8JsonWriter> write) => Write(write, Indented);

    private static string Write(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one classification object.</summary>
    public static void WriteResult(Utf8JsonWriter writer, Classification result, Language language)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("file", result.File);
        writer.WriteString("model", result.Model);
        writer.WriteStartObject("ruleset");
        writer.WriteString("id", result.Ruleset.Id);
        writer.WriteString("version", result.Ruleset.Version);
        writer.WriteString("sha256", result.Ruleset.Sha256);
        writer.WriteEndObject();
        writer.WriteString("country", result.Country);
        if (result.Outcome is { } outcome)
        {
            writer.WriteString("tier", outcome.Id);
        }
        else
        {
            writer.WriteNull("tier");
        }

        writer.WriteStartArray("candidates");
        foreach (var candidate in result.Candidates)
        {
            writer.WriteStringValue(candidate.Id);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("missing");
        foreach (var missing in result.Missing)
        {
            writer.WriteStringValue(missing);
        }

        writer.WriteEndArray();
        if (result.Outcome is { } decided)
        {
            WriteText(writer, "label", decided.Label);
        }
        else
        {
            writer.WriteNull("label");
        }

        if (result.Group is { } group)
        {
            writer.WriteString("group", group.Id);
        }
        else
        {
            writer.WriteNull("group");
        }

        writer.WritePropertyName("path");
        WritePath(writer, result.Path, language);
        writer.WriteString("because", result.Because(language));
        if (result.Next is { } next)
        {
            writer.WriteStartObject("next");
            writer.WriteString("tier", next.Outcome.Id);
            WriteText(writer, "label", next.Outcome.Label);
            writer.WriteStartArray("needs");
            foreach (var need in next.Needs)
            {
                WriteRequirement(writer, need, language);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteStartObject("scores");
        foreach (var score in result.Scores)
        {
            if (score.Score is { } value)
            {
                writer.WriteNumber(score.Axis, value);
            }
            else
            {
                writer.WriteNull(score.Axis);
            }
        }

        writer.WriteEndObject();
        writer.WriteStartObject("score_ranges");
        foreach (var score in result.Scores)
        {
            writer.WriteStartArray(score.Axis);
            writer.WriteNumberValue(score.Min);
            writer.WriteNumberValue(score.Max);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            WriteDiagnostic(writer, warning);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("notes");
        foreach (var note in result.Notes)
        {
            writer.WriteStartObject();
            writer.WriteString("id", note.Id);
            writer.WriteString("en", note.Text.En);
            writer.WriteString("ko", note.Text.Ko);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (!result.Provenance.IsEmpty)
        {
            writer.WriteStartArray("provenance");
            foreach (var fact in result.Provenance)
            {
                writer.WriteStartObject();
                writer.WriteString("fact", fact.Fact);
                writer.WriteString("status", fact.Status.ToString().ToLowerInvariant());
                WriteOptional(writer, "declared", fact.Declared);
                WriteOptional(writer, "concluded", fact.Concluded);
                WriteOptional(writer, "source", fact.Source);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteStartObject("decision");
        writer.WriteString("ruleset_sha256", result.Ruleset.Sha256);
        if (result.ManifestSha256 is { } sha)
        {
            writer.WriteString("manifest_sha256", sha);
        }
        else
        {
            writer.WriteNull("manifest_sha256");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePath(Utf8JsonWriter writer, IEnumerable<PathStep> path, Language language)
    {
        writer.WriteStartArray();
        foreach (var step in path)
        {
            writer.WriteStartObject();
            writer.WriteString("node", step.Node);
            writer.WriteString("question", step.Question.In(language));
            writer.WriteStartObject("facts");
            foreach (var fact in step.Facts)
            {
                writer.WritePropertyName(fact.Path);
                WriteValue(writer, fact.Value);
            }

            writer.WriteEndObject();
            if (step.Answer is { } answer)
            {
                writer.WriteString("answer", answer);
            }
            else
            {
                writer.WriteNull("answer");
            }

            writer.WriteStartObject("evidence");
            foreach (var fact in step.Facts.Where(f => f.Evidence is not null))
            {
                writer.WriteString(fact.Path, fact.Evidence);
            }

            writer.WriteEndObject();
            if (step.Reason is { } reason)
            {
                writer.WriteString("reason", reason.In(language));
            }

            if (step.Outcome is { } outcome)
            {
                writer.WriteString("outcome", outcome);
            }

            if (!step.Unknown.IsEmpty)
            {
                writer.WriteStartArray("unknown");
                foreach (var unknown in step.Unknown)
                {
                    writer.WriteStringValue(unknown);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("explored");
                foreach (var branch in step.Explored)
                {
                    writer.WriteStartObject();
                    writer.WriteString("assume", branch.Assumption.In(language));
                    writer.WriteStartArray("outcomes");
                    foreach (var o in branch.Outcomes)
                    {
                        writer.WriteStringValue(o.Id);
                    }

                    writer.WriteEndArray();
                    writer.WritePropertyName("path");
                    WritePath(writer, branch.Path, language);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRequirement(Utf8JsonWriter writer, Requirement need, Language language)
    {
        writer.WriteStartObject();
        writer.WriteString("fact", need.Fact);
        writer.WritePropertyName("now");
        WriteValue(writer, need.Now);
        writer.WriteString("needs", need.Needs.In(language));
        if (!need.Or.IsEmpty)
        {
            writer.WriteStartArray("or");
            foreach (var alternative in need.Or)
            {
                WriteRequirement(writer, alternative, language);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a fact value: text, list, bool, number, or null when unknown.</summary>
    public static void WriteValue(Utf8JsonWriter writer, FactValue? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case SymbolValue symbol:
                writer.WriteStringValue(symbol.Value);
                break;
            case BoolValue flag:
                writer.WriteBooleanValue(flag.Value);
                break;
            case NumberValue number:
                writer.WriteNumberValue(number.Value);
                break;
            case SymbolSetValue set:
                writer.WriteStartArray();
                foreach (var item in set.Values)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case RecordListValue records:
                writer.WriteStartArray();
                foreach (var record in records.Records)
                {
                    writer.WriteStringValue(record.Label);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>Writes a diagnostic as {severity, code, file, line, column, path, message, fix}.</summary>
    public static void WriteDiagnostic(Utf8JsonWriter writer, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diagnostic);
        writer.WriteStartObject();
        writer.WriteString("severity", diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning");
        writer.WriteString("code", diagnostic.Code);
        writer.WriteString("file", diagnostic.File);
        writer.WriteNumber("line", diagnostic.Line);
        writer.WriteNumber("column", diagnostic.Column);
        writer.WriteString("path", diagnostic.Path);
        writer.WriteString("message", diagnostic.Message);
        if (diagnostic.Fix is { } fix)
        {
            writer.WriteString("fix", fix);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteText(Utf8JsonWriter writer, string name, LocalizedText text)
    {
        writer.WriteStartObject(name);
        writer.WriteString("en", text.En);
        writer.WriteString("ko", text.Ko);
        writer.WriteEndObject();
    }
}
