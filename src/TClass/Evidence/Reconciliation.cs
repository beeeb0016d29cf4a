using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Facts;
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
/// <param name="Preferred">The manifest's facts with the concluded values in place of the declared ones (for <see cref="EvidencePreference.Evidence"/>).</param>
public sealed record Reconciliation(ImmutableArray<FactProvenance> Facts, ImmutableArray<Diagnostic> Conflicts, IFactSource Preferred)
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
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in ManifestFacts.Schema.Facts)
        {
            var path = descriptor.Path;
            var concluded = evidence.Fact(path);
            // A list the format reads as empty when absent is a claim too: "no components".
            var declaredValue = claims.IsDeclared(path) ? Display(claims.Read(path))
                : descriptor.AbsentMeansEmpty && concluded is not null ? "none (absent means none)" : null;
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
            else if (claims.IsDeclared(path) && Agree(descriptor, claims.Read(path), found.Read(path)))
            {
                facts.Add(new FactProvenance(path, ProvenanceStatus.Agreeing, declaredValue, concludedValue, concluded.Source));
            }
            else
            {
                facts.Add(new FactProvenance(path, ProvenanceStatus.Conflicting, declaredValue, concludedValue, concluded.Source));
                var at = declared.Source?.PositionOf(path) ?? SourcePosition.WholeFile;
                var words = DiagnosticCatalog.Words("evidence-conflict",
                    ("declared", declaredValue ?? ""), ("source", claims.Evidence(path) ?? "none given"), ("found", concludedValue ?? ""), ("found_source", concluded.Source));
                conflicts.Add(Diagnostic.Worded(DiagnosticSeverity.Warning, "evidence-conflict", declared.Source?.File ?? "", at, path, words));
            }

            taken.Add(path);
        }

        return new Reconciliation(facts.ToImmutable(), conflicts.ToImmutable(), new Overlay(claims, found, taken));
    }

    private static string? Display(FactValue? value) => value?.Prose;

    /// <summary>
    /// Whether a declared and a concluded value agree. Sets agree whatever their order. The schema's
    /// <c>x-compare</c> says how else: <c>name</c> — the concluded name, spelled without punctuation,
    /// inside the declared one (<c>meta-llama/Meta-Llama-3-8B</c> names <c>llama3</c>); a list of fields
    /// — every concluded record has a declared one with the same values of those fields (a component's
    /// role and origin; its base may be spelled otherwise).
    /// </summary>
    private static bool Agree(FactDescriptor fact, FactValue? declared, FactValue? concluded) => (declared, concluded, fact.Compare) switch
    {
        (null, _, _) or (_, null, _) => false,
        (SymbolSetValue x, SymbolSetValue y, _) => x.Values.Order(StringComparer.Ordinal).SequenceEqual(y.Values.Order(StringComparer.Ordinal)),
        (RecordListValue x, RecordListValue y, [_, ..] fields) => y.Records.All(c => x.Records.Any(d => fields.All(f => d.Field(f) == c.Field(f)))),
        (SymbolValue x, SymbolValue y, ["name"]) => x.Value == y.Value || Letters(x.Value).Contains(Letters(y.Value), StringComparison.Ordinal),
        _ => declared.Display == concluded.Display,
    };

    private static string Letters(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>The declared facts, with the concluded ones in place of them where the files show a value.</summary>
    private sealed class Overlay(IFactSource declared, IFactSource concluded, HashSet<string> taken) : IFactSource
    {
        public FactValue? Read(string path) => (taken.Contains(path) ? concluded : declared).Read(path);

        public bool IsDeclared(string path) => (taken.Contains(path) ? concluded : declared).IsDeclared(path);

        public string? Evidence(string path) => (taken.Contains(path) ? concluded : declared).Evidence(path);
    }
}
