using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Engine;
using TClass.Manifests;

namespace TClass.Evidence;

/// <summary>How a fact stands between what a manifest declares and what the model's files show (after SPDX's declared/concluded).</summary>
public enum ProvenanceStatus
{
    /// <summary>Declared in the manifest; the files say nothing about it.</summary>
    Declared,

    /// <summary>Concluded from the files; the manifest does not declare it.</summary>
    Concluded,

    /// <summary>Declared and concluded alike.</summary>
    Agreeing,

    /// <summary>Declared and concluded differently.</summary>
    Conflicting,
}

/// <summary>One fact with its declared and concluded values.</summary>
/// <param name="Fact">The manifest path.</param>
/// <param name="Status">How the two compare.</param>
/// <param name="Declared">The declared value, as written, if any.</param>
/// <param name="Concluded">The concluded value, if any.</param>
/// <param name="Source">Where the concluded value comes from.</param>
public sealed record FactProvenance(string Fact, ProvenanceStatus Status, string? Declared, string? Concluded, string? Source);

/// <summary>Which value a classification uses where declaration and evidence differ.</summary>
public enum EvidencePreference
{
    /// <summary>The manifest's declarations; the evidence is reported, not used.</summary>
    Declared,

    /// <summary>The values concluded from the files, where there are any.</summary>
    Evidence,
}

/// <summary>A manifest's claims set against the facts concluded from the model's files.</summary>
/// <param name="Facts">Every fact declared or concluded, in the manifest's order.</param>
/// <param name="Conflicts">A warning for each conflicting fact, showing both sides and their sources.</param>
/// <param name="Preferred">The manifest with concluded values in place of declared ones (for <see cref="EvidencePreference.Evidence"/>).</param>
public sealed record Reconciliation(ImmutableArray<FactProvenance> Facts, ImmutableArray<Diagnostic> Conflicts, Manifest Preferred)
{
    /// <summary>Sets <paramref name="declared"/> against the facts of <paramref name="evidence"/>.</summary>
    public static Reconciliation Of(Manifest declared, ImportResult evidence)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(evidence);
        var claims = new ManifestFacts(declared);
        var found = new ManifestFacts(evidence.Draft);
        var facts = ImmutableArray.CreateBuilder<FactProvenance>();
        var conflicts = ImmutableArray.CreateBuilder<Diagnostic>();
        var preferred = declared;
        foreach (var descriptor in ManifestFacts.Schema.Facts)
        {
            var path = descriptor.Path;
            var concluded = evidence.Fact(path);
            // An absent components list is a claim too: that no part has weights of its own.
            var declaredValue = claims.IsDeclared(path) ? Display(claims.Read(path))
                : path == "components" && evidence.Fact(path) is not null && declared.Components.IsEmpty ? "none (no components declared)" : null;
            if (concluded is null)
            {
                if (declaredValue is not null && path != "model.id")
                {
                    facts.Add(new FactProvenance(path, ProvenanceStatus.Declared, declaredValue, null, null));
                }

                continue;
            }

            var concludedValue = Display(found.Read(path));
            if (declaredValue is null)
            {
                facts.Add(new FactProvenance(path, ProvenanceStatus.Concluded, null, concludedValue, concluded.Source));
            }
            else if (claims.IsDeclared(path) && Same(claims.Read(path), found.Read(path)) || path == "tokenizer.base" && SameTokenizer(declaredValue, concludedValue)
                || path == "components" && claims.IsDeclared(path) && SameParts(declared.Components, evidence.Draft.Components))
            {
                facts.Add(new FactProvenance(path, ProvenanceStatus.Agreeing, declaredValue, concludedValue, concluded.Source));
            }
            else
            {
                facts.Add(new FactProvenance(path, ProvenanceStatus.Conflicting, declaredValue, concludedValue, concluded.Source));
                var at = declared.Source?.PositionOf(path) ?? SourcePosition.WholeFile;
                conflicts.Add(new Diagnostic(DiagnosticSeverity.Warning, "evidence-conflict", declared.Source?.File ?? "", at.Line, at.Column, path,
                    $"declared {declaredValue} (source: {claims.Evidence(path) ?? "none given"}), but the model's files show {concludedValue} ({concluded.Source}).",
                    "Correct the declaration, or explain in its evidence why the files do not show it."));
            }

            preferred = Take(preferred, evidence.Draft, path);
            if (evidence.Draft.Evidence.TryGetValue(path, out var source))
            {
                preferred = preferred with { Evidence = preferred.Evidence.SetItem(path, source) };
            }
        }

        return new Reconciliation(facts.ToImmutable(), conflicts.ToImmutable(), preferred);
    }

    private static string? Display(FactValue? value) => value?.Prose;

    private static bool Same(FactValue? a, FactValue? b) => (a, b) switch
    {
        (SymbolSetValue x, SymbolSetValue y) => x.Values.Order(StringComparer.Ordinal).SequenceEqual(y.Values.Order(StringComparer.Ordinal)),
        (null, null) => true,
        _ => a is not null && b is not null && a.Display == b.Display,
    };

    /// <summary>Whether every part the weights show is declared with the same role and origin (its base may be spelled otherwise).</summary>
    private static bool SameParts(ImmutableArray<Component> declared, ImmutableArray<Component> concluded) =>
        concluded.All(c => declared.Any(d => d.Role == c.Role && d.Origin == c.Origin));

    /// <summary>
    /// Whether a declared tokenizer base names the concluded reference: the reference id, spelled
    /// without punctuation, inside the declared text (<c>meta-llama/Meta-Llama-3-8B</c> names <c>llama3</c>).
    /// </summary>
    private static bool SameTokenizer(string declared, string? concluded) =>
        concluded is not null && Letters(declared).Contains(Letters(concluded), StringComparison.Ordinal);

    private static string Letters(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>The manifest with the concluded value of <paramref name="path"/> taken from the draft.</summary>
    private static Manifest Take(Manifest m, Manifest draft, string path) => path switch
    {
        "model.modalities" => m with { Model = m.Model with { Modalities = draft.Model.Modalities } },
        "weights.origin" => m with { Weights = m.Weights with { Origin = draft.Weights.Origin } },
        "weights.base" => m with { Weights = m.Weights with { Base = draft.Weights.Base } },
        "weights.adaptation" => m with { Weights = m.Weights with { Adaptation = draft.Weights.Adaptation } },
        "architecture.family" => m with { Architecture = m.Architecture with { Family = draft.Architecture.Family } },
        "architecture.class" => m with { Architecture = m.Architecture with { Class = draft.Architecture.Class } },
        "architecture.remote_code" => m with { Architecture = m.Architecture with { RemoteCode = draft.Architecture.RemoteCode } },
        "architecture.config" => m with { Architecture = m.Architecture with { Config = draft.Architecture.Config } },
        "architecture.changes" => m with { Architecture = m.Architecture with { Changes = draft.Architecture.Changes } },
        "tokenizer.origin" => m with { Tokenizer = m.Tokenizer with { Origin = draft.Tokenizer.Origin } },
        "tokenizer.base" => m with { Tokenizer = m.Tokenizer with { Base = draft.Tokenizer.Base } },
        "tokenizer.vocab_size" => m with { Tokenizer = m.Tokenizer with { VocabSize = draft.Tokenizer.VocabSize } },
        "tokenizer.file" => m with { Tokenizer = m.Tokenizer with { File = draft.Tokenizer.File } },
        "components" => m with { Components = [.. m.Components, .. draft.Components.Where(c => !m.Components.Contains(c))], ComponentsDeclared = true },
        _ => m,
    };
}
