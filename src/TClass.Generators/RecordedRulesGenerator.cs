using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TClass.Generators;

/// <summary>
/// Records the YAML events of each additional file with a <c>RecordedRulesPath</c> into
/// <c>TClass.Resources.RecordedRules</c>, for <c>TClass.Documents.RecordedYaml</c> to replay.
/// </summary>
/// <remarks>
/// The recording is one string per file, one entry per event after the stream start: a letter for
/// the kind (D document start, d document end, M mapping start, m mapping end, L sequence start,
/// l sequence end, S scalar, E stream end), then the line and the column where the event
/// starts, one character each; a scalar adds its style (the number of its <see cref="ScalarStyle"/>,
/// one character), the length of its value (one character) and the value. Anchors, aliases and tags
/// are refused, as the library refuses them in every document it reads.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class RecordedRulesGenerator : IIncrementalGenerator
{
    /// <summary>The largest number one character of a recording holds: below the UTF-16 surrogates.</summary>
    private const int MaxEncoded = 0xD7FF;

    private static readonly DiagnosticDescriptor NotRecordable = new(
        "TCLASSGEN001", "A rules file cannot be recorded", "rules/{0} cannot be recorded for replay: {1}",
        "TClass.Generators", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var recordings = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, cancellation) =>
                pair.Right.GetOptions(pair.Left).TryGetValue("build_metadata.AdditionalFiles.RecordedRulesPath", out var path) && path.Length > 0
                    ? Record(path.Replace('\\', '/'), pair.Left.Path, pair.Left.GetText(cancellation), cancellation)
                    : null)
            .Where(recording => recording is not null)
            .Collect();
        context.RegisterSourceOutput(recordings, Emit);
    }

    private static Recording Record(string path, string file, SourceText? text, CancellationToken cancellation)
    {
        if (text is null)
        {
            return Refused(path, file, new Mark(), "the file cannot be read.");
        }

        var events = new StringBuilder();
        var parser = new Parser(new System.IO.StringReader(text.ToString()));
        var last = new Mark();
        try
        {
            while (parser.MoveNext())
            {
                cancellation.ThrowIfCancellationRequested();
                if (parser.Current is { } current)
                {
                    last = current.Start;
                    if (Entry(current, events) is { } problem)
                    {
                        return Refused(path, file, current.Start, problem);
                    }
                }
            }
        }
        catch (YamlException e)
        {
            return Refused(path, file, e.Start, WithoutPosition(e.Message).TrimEnd('.') + ". Correct the YAML there.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // YamlDotNet reports some malformed inputs with other exceptions (DocumentReader catches them too).
            return Refused(path, file, last, "YAML that cannot be read (" + e.Message.TrimEnd('.') + "). Correct the YAML after this position.");
        }

        return new Recording(path, file, events.ToString(), null, 0, 0);
    }

    /// <summary>A parser message without the "(Line: …) - (Line: …): " it may start with: the diagnostic's location says where.</summary>
    private static string WithoutPosition(string message)
    {
        var end = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return end < 0 ? message : message.Substring(end + 3);
    }

    private static Recording Refused(string path, string file, Mark at, string problem) =>
        new(path, file, null, problem, at.Line, at.Column);

    /// <summary>Appends the entry of one event; a problem, with what to do, when it cannot be recorded.</summary>
    private static string? Entry(ParsingEvent parsing, StringBuilder events)
    {
        if (parsing is AnchorAlias or NodeEvent { Anchor.IsEmpty: false } or NodeEvent { Tag.IsEmpty: false, Tag.IsNonSpecific: false })
        {
            return "an anchor, alias or tag, which every document the library reads refuses. Write the value out in full.";
        }

        char kind;
        switch (parsing)
        {
            case StreamStart:
                return null;
            case StreamEnd: kind = 'E'; break;
            case DocumentStart: kind = 'D'; break;
            case DocumentEnd: kind = 'd'; break;
            case MappingStart: kind = 'M'; break;
            case MappingEnd: kind = 'm'; break;
            case SequenceStart: kind = 'L'; break;
            case SequenceEnd: kind = 'l'; break;
            case Scalar: kind = 'S'; break;
            default: return $"a YAML event ({parsing.GetType().Name}) the recording does not hold. Remove it.";
        }

        if (parsing.Start.Line > MaxEncoded || parsing.Start.Column > MaxEncoded)
        {
            return $"past line or column {MaxEncoded}, the most a recording holds. Split the file, or break the line.";
        }

        events.Append(kind).Append((char)parsing.Start.Line).Append((char)parsing.Start.Column);
        if (parsing is Scalar scalar)
        {
            if (scalar.Value.Length > MaxEncoded)
            {
                return $"a value of {scalar.Value.Length} characters, more than the {MaxEncoded} a recording holds. Shorten it.";
            }

            events.Append((char)(int)scalar.Style).Append((char)scalar.Value.Length).Append(scalar.Value);
        }

        return null;
    }

    private static void Emit(SourceProductionContext context, ImmutableArray<Recording?> recordings)
    {
        var source = new StringBuilder()
            .AppendLine("// <auto-generated>The YAML events of rules files, recorded at build time by TClass.Generators.</auto-generated>")
            .AppendLine("#nullable enable")
            .AppendLine("namespace TClass.Resources;")
            .AppendLine()
            .AppendLine("internal static class RecordedRules")
            .AppendLine("{")
            .AppendLine("    /// <summary>The recorded events of rules/<paramref name=\"relativePath\"/>, or null when that file was not recorded.</summary>")
            .AppendLine("    internal static string? Events(string relativePath) => relativePath switch")
            .AppendLine("    {");
        foreach (var group in recordings.OfType<Recording>().GroupBy(r => r.Path, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var recording = group.First();
            if (group.Skip(1).FirstOrDefault() is { } other)
            {
                Report(context, other with { Problem = $"{recording.File} is recorded under the same path. Give each file its own RecordedRulesPath." });
            }
            else if (recording.Problem is not null)
            {
                Report(context, recording);
            }
            else
            {
                source.Append("        ").Append(SymbolDisplay.FormatLiteral(recording.Path, quote: true))
                    .Append(" => ").Append(SymbolDisplay.FormatLiteral(recording.Events!, quote: true)).AppendLine(",");
            }
        }

        source.AppendLine("        _ => null,").AppendLine("    };").AppendLine("}");
        context.AddSource("RecordedRules.g.cs", source.ToString());
    }

    /// <summary>Reports a file that cannot be recorded, at its line and column (1-based in the recording, 0-based in a location).</summary>
    private static void Report(SourceProductionContext context, Recording recording)
    {
        var at = new LinePosition((int)Math.Max(0, recording.Line - 1), (int)Math.Max(0, recording.Column - 1));
        var location = Location.Create(recording.File, default, new LinePositionSpan(at, at));
        context.ReportDiagnostic(Diagnostic.Create(NotRecordable, location, recording.Path, recording.Problem));
    }

    /// <summary>One file's recording, or the problem that stops it and where (line and column, 1-based).</summary>
    private sealed record Recording(string Path, string File, string? Events, string? Problem, long Line, long Column);
}
