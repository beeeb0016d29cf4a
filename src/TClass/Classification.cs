using System.Collections.Immutable;
using System.Runtime.InteropServices;
using TClass.Diagnostics;
using TClass.Engine;
using TClass.Evidence;
using TClass.Facts;
using TClass.Rules;
using TClass.Text;

namespace TClass;

/// <summary>
/// The result of classifying one model: its level (or the levels still possible), every question
/// asked with the facts and evidence it read, the explanation, what the next level needs, the
/// per-axis scores and the warnings. Immutable; the explanation views are built on first use.
/// </summary>
public sealed class Classification
{
    private readonly Evaluation _evaluation;

    // Built on first use, once, whichever thread asks first: a result may be shared across threads.
    private readonly Lazy<ImmutableArray<PathStep>> _path;
    private readonly Lazy<NextLevel?> _next;

    internal Classification(Evaluation evaluation, string file, string model, string? manifestSha256, ImmutableArray<Diagnostic> warnings,
        ImmutableArray<FactProvenance> provenance = default)
    {
        Provenance = provenance.IsDefault ? [] : provenance;
        _evaluation = evaluation;
        _path = new(() => new Explainer(evaluation).Path(), LazyThreadSafetyMode.ExecutionAndPublication);
        _next = new(() => new Explainer(evaluation).Next(), LazyThreadSafetyMode.ExecutionAndPublication);
        File = file;
        Model = model;
        ManifestSha256 = manifestSha256;
        Warnings = warnings;
        Outcome = evaluation.Outcome >= 0 ? Ruleset.Outcomes[evaluation.Outcome] : null;
        Candidates = Outcome is { } tier ? [tier] : new Explainer(evaluation).Outcomes(evaluation.Candidates);
        Missing = evaluation.Missing.IsEmpty ? [] : [.. evaluation.Missing.Select(f => f.Declaration.InputPath).Distinct()];
        var axes = evaluation.Ruleset.Axes;
        var scores = new AxisScore[axes.Length];
        var explainer = new Explainer(evaluation);
        for (var i = 0; i < scores.Length; i++)
        {
            var axis = axes[i].Source;
            var score = evaluation.Scores[i];
            scores[i] = new AxisScore(axis.Id, axis.Label, score.Score, score.Min, score.Max, score.Row >= 0 ? explainer.Localize(axis.Rules[score.Row].Reason) : null);
        }

        Scores = ImmutableCollectionsMarshal.AsImmutableArray(scores);
        var notes = evaluation.Ruleset.Notes.Where(n => n.When.Evaluate(evaluation.States) == Tri.True).ToList();
        Notes = notes.Count == 0 ? [] : [.. notes.Select(n => new ResultNote(n.Source.Id, explainer.Localize(n.Source.Text)))];
    }

    /// <summary>The ruleset's notes whose condition holds for this manifest: what the policy set aside, and why.</summary>
    public ImmutableArray<ResultNote> Notes { get; }

    /// <summary>The evaluation behind this result, for audits (coverage).</summary>
    internal Evaluation Evaluation => _evaluation;

    /// <summary>The manifest's file as the user named it; empty for manifests built in code.</summary>
    public string File { get; }

    /// <summary>The model's id (<c>model.id</c>).</summary>
    public string Model { get; }

    /// <summary>The ruleset that classified the model.</summary>
    public Ruleset Ruleset => _evaluation.Ruleset.Source;

    /// <summary>The evaluation's parameters (e.g. <c>country</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters => _evaluation.Parameters;

    /// <summary>The evaluation country (ISO 3166-1 alpha-2), or empty when the ruleset has no country parameter.</summary>
    public string Country => _evaluation.Parameters.GetValueOrDefault("country", "");

    /// <summary>The level, when the declared facts decide one; otherwise <see langword="null"/> and see <see cref="Candidates"/>.</summary>
    public Outcome? Outcome { get; }

    /// <summary>The group of <see cref="Outcome"/>, if decided.</summary>
    public OutcomeGroup? Group => Outcome?.Group is { } id ? Ruleset.Groups.FirstOrDefault(g => g.Id == id) : null;

    /// <summary>Every level still possible given the unknown facts, lowest first (exactly <see cref="Outcome"/> when decided).</summary>
    public ImmutableArray<Outcome> Candidates { get; }

    /// <summary>The undeclared facts that keep <see cref="Candidates"/> from being one level, most decisive first.</summary>
    public ImmutableArray<string> Missing { get; }

    /// <summary>The value of an input fact of the classified manifest (null when undeclared), e.g. <c>weights.origin</c>.</summary>
    public FactValue? Value(string path) => _evaluation.Source.Read(path);

    /// <summary>The input facts the ruleset reads that the manifest leaves undeclared, in the ruleset's order.</summary>
    public ImmutableArray<string> UnknownFacts =>
        [.. _evaluation.Ruleset.Facts.Select(f => f.Declaration.InputPath).Distinct().Where(p => _evaluation.Source.Read(p) is null)];

    /// <summary>Every question the tree asked, in order.</summary>
    public ImmutableArray<PathStep> Path => _path.Value;

    /// <summary>The nearest higher level and what would have to change; <see langword="null"/> at the top level.</summary>
    public NextLevel? Next => _next.Value;

    /// <summary>Scores per axis (0–10), in the ruleset's order.</summary>
    public ImmutableArray<AxisScore> Scores { get; }

    /// <summary>
    /// When the model's files were given: every fact declared or concluded from them, and how the two
    /// compare (declared, concluded, agreeing, conflicting). Empty otherwise.
    /// </summary>
    public ImmutableArray<FactProvenance> Provenance { get; }

    /// <summary>Evidence problems and inconsistencies of the manifest.</summary>
    public ImmutableArray<Diagnostic> Warnings { get; }

    /// <summary>SHA-256 of the manifest file, when it was read from one: with <see cref="Rules.Ruleset.Sha256"/>, what a published result can be checked against.</summary>
    public string? ManifestSha256 { get; }

    /// <summary>One paragraph explaining the result, in <paramref name="language"/>.</summary>
    public string Because(Language language = Language.English) => new Explainer(_evaluation).Because(language);

    /// <summary>
    /// Whether the model is at <paramref name="minimum"/> or above whatever its unknown facts are:
    /// every candidate level meets it.
    /// </summary>
    public bool Meets(Outcome minimum)
    {
        ArgumentNullException.ThrowIfNull(minimum);
        return Candidates.All(c => c.Rank >= minimum.Rank);
    }
}
