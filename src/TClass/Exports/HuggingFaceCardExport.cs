using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TClass.Exports;

/// <summary>The model card a card export writes, and what it changed in the card it was merged into.</summary>
/// <param name="Text">The README text, or null when the card to merge into could not be read.</param>
/// <param name="Changes">What was set or removed, one line each, for the user.</param>
/// <param name="Diagnostics">Why the card to merge into could not be read.</param>
public sealed record CardExport(string? Text, ImmutableArray<string> Changes, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Writes a manifest into a Hugging Face model card's front matter: the keys the Hub reads for a
/// model's lineage (<c>base_model</c>, <c>base_model_relation</c>) and the manifest itself as the
/// <c>tclass:</c> block. Merged into an existing README, only those keys change: every other key of
/// the front matter keeps its lines as they were, and the prose after it is not touched.
/// </summary>
public static class HuggingFaceCardExport
{
    /// <summary>The card for <paramref name="manifest"/>, merged into <paramref name="readme"/> when one is given.</summary>
    /// <param name="manifest">The manifest to write.</param>
    /// <param name="readme">The README to merge into, or null for a new card.</param>
    /// <param name="readmeName">The README's name, for diagnostics.</param>
    public static CardExport Merge(Manifest manifest, string? readme, string readmeName = "README.md")
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var (bases, relation) = Lineage(manifest.Weights);
        var changes = ImmutableArray.CreateBuilder<string>();
        var lines = (readme ?? "").Split('\n').ToList();
        var closing = readme is null ? null : FrontMatter.Closing(lines);
        var hasFrontMatter = closing is not null;
        var close = closing ?? -1;
        if (closing == -1)
        {
            var bag = new DiagnosticBag(readmeName);
            bag.Error("unclosed-front-matter", new SourcePosition(1, 1), "", DiagnosticCatalog.Words("unclosed-front-matter"));
            return new CardExport(null, [], bag.ToImmutableSorted());
        }

        var frontMatter = hasFrontMatter ? lines[1..close] : [];
        var spans = Spans(string.Join('\n', frontMatter), readmeName, out var problems);
        if (!problems.IsEmpty)
        {
            return new CardExport(null, [], problems);
        }

        // Keys the card does not decide are kept: a base_model is only removed when the weights are declared the developer's own from scratch.
        var replaced = new HashSet<string>(StringComparer.Ordinal) { FrontMatter.ManifestKey };
        if (bases.Length > 0 || manifest.Weights.Origin == WeightsOrigin.Scratch)
        {
            replaced.UnionWith(["base_model", "base_model_relation"]);
        }

        var kept = new List<string>();
        for (var line = 0; line < frontMatter.Count; line++)
        {
            var span = spans.LastOrDefault(s => s.First <= line);
            if (span.Key is not null && replaced.Contains(span.Key))
            {
                if (span.First == line && span.Key != FrontMatter.ManifestKey && bases.IsEmpty)
                {
                    changes.Add($"removed {span.Key}: the card declares the weights trained from scratch");
                }

                continue;
            }

            kept.Add(frontMatter[line]);
        }

        if (bases.Length > 0)
        {
            changes.Add($"base_model: {string.Join(", ", bases)}");
            changes.Add($"base_model_relation: {relation}");
        }

        changes.Add("tclass: the manifest");

        // The card keeps its line endings; the Hub ends front matter at ---, never at ...
        var eol = hasFrontMatter && lines[0].EndsWith('\r') ? "\r\n" : "\n";
        var added = (Keyed(bases, relation) + Manifest(manifest)).Replace("\n", eol, StringComparison.Ordinal);
        var body = hasFrontMatter ? "---" + eol + string.Join('\n', lines[(close + 1)..]) : "---" + eol + (readme ?? "");
        var head = kept.Count == 0 ? "" : string.Join('\n', kept).TrimEnd('\n') + "\n";
        return new CardExport("---" + eol + head + added + body, changes.ToImmutable(), []);
    }

    /// <summary>
    /// What the Hub's lineage keys say for these weights: the bases of a derivative or of the
    /// developer's own earlier model, and how this model relates to them (a LoRA adapter, a merge, or
    /// a fine-tune for any further training or remodelling).
    /// </summary>
    internal static (ImmutableArray<string> Bases, string? Relation) Lineage(WeightsFacts weights) => weights.Origin switch
    {
        WeightsOrigin.OpenDerivative or WeightsOrigin.OwnCheckpoint when !weights.Base.IsEmpty => (weights.Base,
            weights.Adaptation is { } adaptation && adaptation.Contains(Adaptation.Merge) ? "merge"
            : weights.Adaptation is [Adaptation.Lora] ? "adapter"
            : "finetune"),
        _ => ([], null),
    };

    /// <summary>The lines of each top-level key of the front matter: (key, first line index).</summary>
    private static ImmutableArray<(string Key, int First)> Spans(string yaml, string name, out ImmutableArray<Diagnostic> problems)
    {
        var bag = new DiagnosticBag(name);
        var root = DocumentReader.Read(yaml, bag, DocumentLimits.Default, 1);
        if (root is not null and not MappingNode)
        {
            bag.Error("not-a-mapping", new SourcePosition(2, 1), "", "the front matter is not a mapping of keys, so keys cannot be added to it.",
                "Write the front matter as key: value lines, or remove it.");
        }

        problems = [.. bag.ToImmutableSorted().Where(d => d.Severity == DiagnosticSeverity.Error)];
        if (!problems.IsEmpty)
        {
            return [];
        }

        // A scalar at the top mapping's depth is a key when the previous key's value is complete.
        var spans = ImmutableArray.CreateBuilder<(string, int)>();
        var parser = new Parser(new StringReader(yaml));
        var (depth, atKey) = (0, false);
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart { Style: MappingStyle.Flow } flow when depth == 0:
                    // Keys share lines in a flow mapping: they cannot be replaced line by line.
                    bag.Error("flow-front-matter", new SourcePosition((int)flow.Start.Line + 1, (int)flow.Start.Column), "",
                        "the front matter is one {…} mapping, so its keys cannot be changed without rewriting the others.",
                        "Write the front matter as one key: value per line.");
                    problems = bag.ToImmutableSorted();
                    return [];
                case MappingStart or SequenceStart:
                    atKey = ++depth == 1;
                    break;
                case MappingEnd or SequenceEnd:
                    atKey = --depth == 1;
                    break;
                case Scalar scalar when depth == 1:
                    if (atKey)
                    {
                        spans.Add((scalar.Value, (int)scalar.Start.Line - 1));
                    }

                    atKey = !atKey;
                    break;
            }
        }

        // Comment lines right above a key are about that key: they go with it.
        var lines = yaml.Split('\n');
        return [.. spans.Select(span =>
        {
            var first = span.Item2;
            while (first > 0 && lines[first - 1].TrimStart().StartsWith('#') && !spans.Any(s => s.Item2 == first - 1))
            {
                first--;
            }

            return (span.Item1, first);
        })];
    }

    /// <summary>The lineage keys as YAML lines.</summary>
    private static string Keyed(ImmutableArray<string> bases, string? relation)
    {
        if (bases.IsEmpty)
        {
            return "";
        }

        return ManifestWriter.Mapping(emitter =>
        {
            emitter.Emit(new Scalar("base_model"));
            if (bases.Length == 1)
            {
                emitter.Emit(new Scalar(bases[0]));
            }
            else
            {
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var model in bases)
                {
                    emitter.Emit(new Scalar(model));
                }

                emitter.Emit(new SequenceEnd());
            }

            emitter.Emit(new Scalar("base_model_relation"));
            emitter.Emit(new Scalar(relation!));
        });
    }

    /// <summary>The manifest as the front matter's <c>tclass:</c> block (the format line is the key itself).</summary>
    private static string Manifest(Manifest manifest)
    {
        var yaml = ManifestWriter.ToYaml(manifest);
        var lines = yaml.TrimEnd('\n').Split('\n').Where(l => l != "tclass: 1");
        return FrontMatter.ManifestKey + ":\n" + string.Concat(lines.Select(l => "  " + l + "\n"));
    }
}
