using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TClass.Catalogs;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Engine;
using TClass.Evidence;
using TClass.Facts;
using TClass.Manifests;
using TClass.Rules;

namespace TClass;

/// <summary>Options of <see cref="TClassifier"/>.</summary>
public sealed record ClassifierOptions
{
    /// <summary>The ruleset to apply; the built-in reference T-Class 2.0 ruleset when omitted.</summary>
    public Ruleset? Ruleset { get; init; }

    /// <summary>The evaluation country (ISO 3166-1 alpha-2): "domestic" means this country. Default KR.</summary>
    public string? Country { get; init; }

    /// <summary>Values of other ruleset parameters, by name.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>The catalogs used for manifest consistency warnings.</summary>
    public CatalogSet Catalogs { get; init; } = CatalogSet.BuiltIn;
}

/// <summary>
/// Classifies manifests with one ruleset and one set of parameters. Pure and thread-safe: no I/O,
/// no shared mutable state; the same manifest always gives the same result.
/// </summary>
public sealed class TClassifier
{
    private readonly FrozenDictionary<string, string> _parameters;
    private readonly CatalogSet _catalogs;

    private TClassifier(Ruleset ruleset, FrozenDictionary<string, string> parameters, CatalogSet catalogs)
    {
        Ruleset = ruleset;
        _parameters = parameters;
        _catalogs = catalogs;
    }

    /// <summary>The ruleset applied.</summary>
    public Ruleset Ruleset { get; }

    /// <summary>The evaluation country.</summary>
    public string Country => _parameters.GetValueOrDefault("country", "");

    /// <summary>Creates a classifier: the built-in reference ruleset and country KR unless <paramref name="options"/> say otherwise.</summary>
    /// <exception cref="ArgumentException">A parameter value does not match the ruleset's pattern for it, or names no parameter.</exception>
    public static TClassifier Create(ClassifierOptions? options = null)
    {
        options ??= new ClassifierOptions();
        var ruleset = options.Ruleset ?? BuiltInRulesets.Get(BuiltInRulesets.Reference);
        var given = new Dictionary<string, string>(options.Parameters ?? ImmutableDictionary<string, string>.Empty, StringComparer.Ordinal);
        if (options.Country is not null)
        {
            given["country"] = options.Country;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in ruleset.Parameters)
        {
            var value = given.Remove(parameter.Name, out var v) ? v : parameter.Default;
            if (parameter.Pattern is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                throw new ArgumentException($"'{value}' is not a valid {parameter.Label.En} (expected {pattern}).", nameof(options));
            }

            parameters[parameter.Name] = value;
        }

        if (given.Count > 0 && given.Keys.Any(k => k != "country"))
        {
            throw new ArgumentException($"the ruleset {ruleset.Id} has no parameter {string.Join(", ", given.Keys)}.", nameof(options));
        }

        return new TClassifier(ruleset, parameters.ToFrozenDictionary(StringComparer.Ordinal), options.Catalogs);
    }

    /// <summary>Classifies a manifest.</summary>
    public Classification Classify(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var facts = new ManifestFacts(manifest);
        var evaluation = Evaluation.Run(Ruleset.Compiled, facts, _parameters);
        var evidence = EvidenceWarnings(evaluation, manifest);
        var consistency = ManifestChecks.Warnings(manifest, _catalogs);
        var warnings = consistency.IsEmpty ? evidence : evidence.AddRange(consistency);
        return new Classification(evaluation, manifest.Source?.File ?? "", manifest.Model.Id, manifest.Source?.Sha256, warnings);
    }

    /// <summary>
    /// Classifies a manifest and sets its claims against the facts concluded from the model's files:
    /// the result lists each fact's provenance, and each conflict is a warning showing both sides.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="artifacts">What <see cref="ModelImporter"/> concluded from the model's folder.</param>
    /// <param name="prefer">Whether declared or concluded values decide where they differ.</param>
    public Classification Classify(Manifest manifest, ImportResult artifacts, EvidencePreference prefer = EvidencePreference.Declared)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(artifacts);
        var reconciliation = Reconciliation.Of(manifest, artifacts);
        var facts = prefer == EvidencePreference.Evidence ? reconciliation.Preferred : new ManifestFacts(manifest);
        var evaluation = Evaluation.Run(Ruleset.Compiled, facts, _parameters);
        var warnings = EvidenceWarnings(evaluation, manifest).AddRange(ManifestChecks.Warnings(manifest, _catalogs)).AddRange(reconciliation.Conflicts);
        return new Classification(evaluation, manifest.Source?.File ?? "", manifest.Model.Id, manifest.Source?.Sha256, warnings, reconciliation.Facts);
    }

    /// <summary>Classifies any input that provides the facts the ruleset reads.</summary>
    /// <param name="facts">The input's facts.</param>
    /// <param name="model">How the result names the input.</param>
    public Classification Classify(IFactSource facts, string model)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var evaluation = Evaluation.Run(Ruleset.Compiled, facts, _parameters);
        return new Classification(evaluation, "", model, null, EvidenceWarnings(evaluation, null));
    }

    /// <summary>
    /// A warning for each fact the walk read that the manifest declares without saying where it comes
    /// from. Allocates nothing when every fact has its evidence.
    /// </summary>
    private static ImmutableArray<Diagnostic> EvidenceWarnings(Evaluation evaluation, Manifest? manifest)
    {
        var read = FactsRead(evaluation.Exploration.Steps, evaluation.Ruleset);
        ImmutableArray<Diagnostic>.Builder? warnings = null;
        foreach (var fact in evaluation.Ruleset.Facts)
        {
            var path = fact.Declaration.InputPath;
            if ((read & (1UL << fact.Index)) == 0 || !evaluation.Source.IsDeclared(path) || evaluation.Source.Evidence(path) is not null
                || (warnings?.Any(w => w.Path == path) ?? false))
            {
                continue;
            }

            var at = manifest?.Source?.PositionOf(path) ?? SourcePosition.WholeFile;
            warnings ??= ImmutableArray.CreateBuilder<Diagnostic>();
            warnings.Add(Diagnostic.Worded(DiagnosticSeverity.Warning, "no-evidence", manifest?.Source?.File ?? "", at, path,
                DiagnosticCatalog.Words("no-evidence", ("path", path))));
        }

        return warnings?.ToImmutable() ?? [];
    }

    /// <summary>The facts the walk read, as a bit mask over fact indices.</summary>
    private static ulong FactsRead(ImmutableArray<TraceStep> steps, CompiledRuleset ruleset)
    {
        var read = 0UL;
        foreach (var step in steps)
        {
            read |= ruleset.Nodes[step.Node].FactsReadMask;
            if (step is SplitStep split)
            {
                foreach (var scenario in split.Scenarios)
                {
                    read |= FactsRead(scenario.Steps, ruleset);
                }
            }
        }

        return read;
    }
}
