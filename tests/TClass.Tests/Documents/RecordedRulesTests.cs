using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Generators;
using TClass.Resources;

namespace TClass.Tests.Documents;

/// <summary>
/// The rules files every classification reads are recorded as YAML events when the library builds
/// and replayed when read. A replay must give the tree that parsing the text gives — every node,
/// path, position and scalar kind — so that a built-in file reads exactly as the same file given by
/// a user would.
/// </summary>
public sealed class RecordedRulesTests
{
    public static TheoryData<string> RecordedFiles() => [.. Files];

    /// <summary>What TClass.csproj records: the rulesets (rules/*.yaml), the catalogs and the words.</summary>
    private static readonly string[] Files =
        [.. EmbeddedRules.TextFiles().Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && (!f.Contains('/', StringComparison.Ordinal) || f.StartsWith("catalog/", StringComparison.Ordinal) || f.StartsWith("i18n/", StringComparison.Ordinal)))];

    [Fact]
    public void The_rulesets_catalogs_and_words_are_recorded_and_nothing_else()
    {
        Assert.Contains("tclass-2.0.yaml", Files);
        Assert.Contains("catalog/architectures.yaml", Files);
        Assert.Contains("i18n/reports.yaml", Files);
        Assert.All(Files, f => Assert.NotNull(RecordedRules.Events(f)));
        Assert.Null(RecordedRules.Events("weights/lineage.yaml"));
        Assert.Null(RecordedRules.Events("schema/manifest.program.json"));
    }

    [Theory]
    [MemberData(nameof(RecordedFiles))]
    public void A_recorded_rules_file_reads_as_its_text_does(string file)
    {
        var replayed = new DiagnosticBag(file);
        var parsed = new DiagnosticBag(file);

        var fromEvents = DocumentReader.ReadBuiltIn(file, replayed);
        var fromText = DocumentReader.Read(EmbeddedRules.Text(file), parsed, DocumentLimits.Default);

        Assert.Empty(replayed.ToImmutableSorted());
        Assert.Empty(parsed.ToImmutableSorted());
        Assert.Equal(Tree(fromText), Tree(fromEvents));
    }

    [Theory]
    [InlineData("plain: text\nnumber: 42\nfloat: -1.5e3\nhex: 0x1F\nyes: true\nnothing: null\ntilde: ~\nempty:\n")]
    [InlineData("quoted: \"42\"\nsingle: 'it''s'\nescapes: \"tab\\there\\nline \\u00e9\"\nkorean: 평가 국가\n")]
    [InlineData("literal: |\n  two\n  lines\nfolded: >-\n  one\n  line\nkept: |+\n  end\n\nafter: x\n")]
    [InlineData("flow: {a: 1, b: [x, 'y', \"z\"]}\nlist:\n  - one\n  - {k: v}\n  - [1, [2, [3]]]\n  - - nested\n    - block\n")]
    [InlineData("# a comment\nkey: value # trailing\n---\n")]
    [InlineData("- a sequence\n- at the root\n")]
    [InlineData("just a scalar")]
    [InlineData("")]
    [InlineData("a: 1\nb: 2\na: 3\n")]
    [InlineData("'': empty key\n? complex\n: value\n")]
    [InlineData("{\"json\": [1, 2.5, true, null, \"text\"], \"nested\": {\"k\": \"v\"}}")]
    [InlineData("first: document\n---\nsecond: document\n")]
    [InlineData("bell: \"\\a\"\n")]
    public void Any_document_replays_to_the_tree_and_diagnostics_of_its_text(string yaml)
    {
        var replayed = new DiagnosticBag("doc.yaml");
        var parsed = new DiagnosticBag("doc.yaml");

        var fromEvents = DocumentReader.Read(new RecordedYaml(Recorded(yaml, "doc.yaml").Events!), replayed, DocumentLimits.Default);
        var fromText = DocumentReader.Read(yaml, parsed, DocumentLimits.Default);

        Assert.Equal(Tree(fromText), Tree(fromEvents));
        Assert.Equal(parsed.ToImmutableSorted().Select(d => d.Code + " " + d), replayed.ToImmutableSorted().Select(d => d.Code + " " + d));
    }

    [Theory]
    [InlineData("base: &base {a: 1}\ncopy: *base\n", "line 1")]
    [InlineData("a: 1\ntagged: !custom value\n", "line 2")]
    [InlineData("a: [1, 2\n", "cannot be recorded")]
    public void A_rules_file_with_anchors_tags_or_broken_yaml_stops_the_build_naming_the_file(string yaml, string saying)
    {
        var (events, diagnostics) = Recorded(yaml, "broken.yaml");

        Assert.Null(events);
        var error = Assert.Single(diagnostics);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("TCLASSGEN001", error.Id);
        Assert.Contains("rules/broken.yaml", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(saying, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_recorded_path_is_left_alone()
    {
        var driver = Run([(new InMemoryText("/rules/other.yaml", "a: 1"), null)]);

        var source = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.DoesNotContain("other.yaml", source, StringComparison.Ordinal);
        Assert.Null(Arms(source).GetValueOrDefault("other.yaml"));
    }

    /// <summary>Runs the build's recorder on <paramref name="yaml"/> as the rules file <paramref name="path"/>.</summary>
    private static (string? Events, ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Diagnostics) Recorded(string yaml, string path)
    {
        var result = Run([(new InMemoryText("/repo/rules/" + path, yaml), path)]).GetRunResult();
        return (Arms(result.GeneratedTrees.Single().ToString()).GetValueOrDefault(path), result.Diagnostics);
    }

    private static GeneratorDriver Run(IEnumerable<(AdditionalText Text, string? RecordedPath)> files)
    {
        var list = files.ToList();
        var options = new Options(list.Where(f => f.RecordedPath is not null).ToDictionary(f => f.Text.Path, f => f.RecordedPath!, StringComparer.Ordinal));
        var driver = CSharpGeneratorDriver.Create([new RecordedRulesGenerator().AsSourceGenerator()], [.. list.Select(f => f.Text)], optionsProvider: options);
        return driver.RunGenerators(CSharpCompilation.Create("recorded"));
    }

    /// <summary>The generated switch's arms: path → recorded events, as the compiler reads the literals.</summary>
    private static Dictionary<string, string> Arms(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<SwitchExpressionArmSyntax>()
            .Where(a => a.Pattern is ConstantPatternSyntax)
            .ToDictionary(
                a => (string)((LiteralExpressionSyntax)((ConstantPatternSyntax)a.Pattern).Expression).Token.Value!,
                a => (string)((LiteralExpressionSyntax)a.Expression).Token.Value!,
                StringComparer.Ordinal);

    /// <summary>Every node of a tree with its kind, path, position and text, one per line.</summary>
    private static string Tree(DocumentNode? node)
    {
        var text = new StringBuilder();
        void Write(DocumentNode? n, int depth)
        {
            text.Append(' ', depth * 2);
            switch (n)
            {
                case null:
                    text.Append("(none)\n");
                    break;
                case ScalarNode s:
                    text.Append(CultureInfo.InvariantCulture, $"scalar {s.Kind} {s.Position} '{s.Path}' [{s.Text}]\n");
                    break;
                case SequenceNode q:
                    text.Append(CultureInfo.InvariantCulture, $"sequence {q.Position} '{q.Path}'\n");
                    foreach (var item in q.Items)
                    {
                        Write(item, depth + 1);
                    }

                    break;
                case MappingNode m:
                    text.Append(CultureInfo.InvariantCulture, $"mapping {m.Position} '{m.Path}'\n");
                    foreach (var entry in m.Entries)
                    {
                        Write(entry.Key, depth + 1);
                        Write(entry.Value, depth + 2);
                    }

                    break;
            }
        }

        Write(node, 0);
        return text.ToString();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }

    private sealed class Options(Dictionary<string, string> recordedPaths) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => new FileOptions(null);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new FileOptions(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new FileOptions(recordedPaths.GetValueOrDefault(textFile.Path));
    }

    private sealed class FileOptions(string? recordedPath) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = recordedPath ?? "";
            return key == "build_metadata.AdditionalFiles.RecordedRulesPath" && recordedPath is not null;
        }
    }
}
