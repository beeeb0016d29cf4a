using System.Collections.Immutable;
using TClass.Diagnostics;

namespace TClass.Manifests;

/// <summary>The outcome of reading one manifest: the manifest, or the reasons it could not be read.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Manifest">The manifest; <see langword="null"/> when any error was found.</param>
/// <param name="Diagnostics">Every problem found, in source order.</param>
public sealed record ManifestReadResult(string File, Manifest? Manifest, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether a manifest was read (there were no errors).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Manifest))]
    public bool Succeeded => Manifest is not null;

    /// <summary>The errors, in source order.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}
