using System.Collections.Immutable;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Manifests;
using TClass.Resources;

namespace TClass.Audits;

/// <summary>The outcome of reading a conformance suite.</summary>
/// <param name="File">The suite's file.</param>
/// <param name="Suite">The suite, or <see langword="null"/> when it could not be read.</param>
/// <param name="Diagnostics">Problems of the suite file itself (an invalid inline manifest is reported by its case instead).</param>
public sealed record ConformanceReadResult(string File, ConformanceSuite? Suite, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>Reads conformance suites (<c>tests/conformance/*.yaml</c>; schema <c>rules/schema/conformance.schema.json</c>).</summary>
public static class ConformanceReader
{
    private static readonly Lazy<SchemaValidation> Schema =
        new(() => SchemaValidation.Precompiled(EmbeddedRules.Text("schema/conformance.program.json")));

    /// <summary>Reads the suite at <paramref name="path"/>; manifest paths in it are relative to its folder.</summary>
    public static ConformanceReadResult Read(string path)
    {
        var diagnostics = new DiagnosticBag(path);
        var bytes = DocumentReader.Load(path, diagnostics, DocumentLimits.Default);
        var text = bytes is null ? null : DocumentReader.Decode(bytes, diagnostics, DocumentLimits.Default);
        var root = text is null ? null : DocumentReader.Read(text, diagnostics, DocumentLimits.Default) as MappingNode;
        if (root is null || bytes is null)
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.Error("not-a-mapping", new SourcePosition(1, 1), "", "a suite is a mapping with suite, name and cases.", "See docs/audits.md.");
            }

            return new ConformanceReadResult(path, null, diagnostics.ToImmutableSorted());
        }

        Schema.Value.Validate(root, diagnostics);
        if (diagnostics.HasErrors)
        {
            return new ConformanceReadResult(path, null, diagnostics.ToImmutableSorted());
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var defaults = root.Texts("rules");
        var cases = root.Items("cases").Select(node => Case(node, path, folder, bytes, defaults)).ToImmutableArray();
        return new ConformanceReadResult(path, new ConformanceSuite(path, root.Text("name")!, cases), diagnostics.ToImmutableSorted());
    }

    private static ConformanceCase Case(DocumentNode node, string file, string folder, byte[] bytes, ImmutableArray<string> defaults)
    {
        var manifest = node.Node("manifest") switch
        {
            MappingNode inline => ManifestReader.FromNode(inline, file, bytes),
            ScalarNode reference => ManifestReader.Read(Path.Combine(folder, reference.Text)),
            _ => new ManifestReadResult(file, null, []),
        };
        var byRuleset = (node.Map("expect_by_rules")?.Entries ?? [])
            .ToImmutableDictionary(e => e.Key.Text, e => Expect(e.Value), StringComparer.Ordinal);
        var rulesets = node.Texts("rules");
        return new ConformanceCase(
            node.Text("name")!, node.Text("statement"), rulesets.IsEmpty ? defaults : rulesets, node.Word("country"), manifest,
            Expect(node.Node("expect")!), byRuleset, node.Position);
    }

    private static Expectation Expect(DocumentNode node) => new(
        node.Text("tier"),
        node.Has("tier"),
        node.Has("candidates") ? node.Texts("candidates") : null,
        node.Has("missing") ? node.Texts("missing") : null,
        node.Has("notes") ? node.Texts("notes") : null);
}
