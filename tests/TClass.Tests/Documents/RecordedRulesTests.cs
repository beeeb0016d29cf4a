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
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
        Assert.All(EmbeddedRules.TextFiles().Except(Files), f => Assert.Null(RecordedRules.Events(f)));
        Assert.Contains("weights/lineage.yaml", EmbeddedRules.TextFiles());
        Assert.Throws<InvalidOperationException>(() => DocumentReader.ReadBuiltIn("weights/lineage.yaml", new DiagnosticBag("weights/lineage.yaml")));
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

    /// <summary>Documents written to be awkward for a recording: every scalar style and kind, escapes, line ends, a byte-order mark, characters outside the BMP, markers, the encoding's own letters.</summary>
    public static TheoryData<string> AwkwardDocuments() =>
    [
        "plain: text\nnumber: 42\nfloat: -1.5e3\nhex: 0x1F\nyes: true\nnothing: null\ntilde: ~\nempty:\n",
        "quoted: \"42\"\nsingle: 'it''s'\nescapes: \"tab\\there\\nline \\u00e9\"\nkorean: 평가 국가\n",
        "literal: |\n  two\n  lines\nfolded: >-\n  one\n  line\nkept: |+\n  end\n\nafter: x\n",
        "flow: {a: 1, b: [x, 'y', \"z\"]}\nlist:\n  - one\n  - {k: v}\n  - [1, [2, [3]]]\n  - - nested\n    - block\n",
        "# a comment\nkey: value # trailing\n---\n",
        "- a sequence\n- at the root\n",
        "just a scalar",
        "",
        "a: 1\nb: 2\na: 3\n",
        "'': empty key\n? complex\n: value\n",
        "{\"json\": [1, 2.5, true, null, \"text\"], \"nested\": {\"k\": \"v\"}}",
        "first: document\n---\nsecond: document\n",
        "bell: \"\\a\"\n",
        "windows: lines\r\nblock: |\r\n  one\r\n  two\r\nlist: [a, b]\r\n",
        "\uFEFFbom: first\n",
        "tabs: \"a\\tb\"\nblock: |\n  a\tb\nflow: {\tk: v}\n",
        "emoji: \"\U0001F600 \\U0001F680\"\n\U0001F600key: value\nflow: [\U0001F600]\n",
        "%YAML 1.2\n---\nexplicit: markers\n...\n",
        "---\n",
        "# only a comment\n",
        "SDMmLls: DdMmLlS\nS: [M, m, L, l, D, d]\n",
        "nonspecific: ! 42\n",
        "separators: \"\\0 \\u2028 \\uFFFE \\x85\"\n",
    ];

    [Theory]
    [MemberData(nameof(AwkwardDocuments))]
    public void Any_recordable_document_replays_to_the_tree_and_diagnostics_of_its_text(string yaml)
    {
        var replayed = new DiagnosticBag("doc.yaml");
        var parsed = new DiagnosticBag("doc.yaml");

        var fromEvents = DocumentReader.Read(new RecordedYaml(Recorded(yaml, "doc.yaml").Events!), replayed, DocumentLimits.Default);
        var fromText = DocumentReader.Read(yaml, parsed, DocumentLimits.Default);

        Assert.Equal(Tree(fromText), Tree(fromEvents));
        Assert.Equal(parsed.ToImmutableSorted().Select(d => d.Code + " " + d), replayed.ToImmutableSorted().Select(d => d.Code + " " + d));
    }

    [Theory]
    [MemberData(nameof(AwkwardDocuments))]
    public void A_replay_yields_the_parsers_events_from_stream_start_to_stream_end(string yaml)
    {
        Assert.Equal(Events(new Parser(new StringReader(yaml))), Events(new RecordedYaml(Recorded(yaml, "doc.yaml").Events!)));
    }

    [Theory]
    [InlineData("base: &base {a: 1}\ncopy: *base\n", 1, 7, "Write the value out in full")]
    [InlineData("a: 1\ncopy: *undefined\n", 2, 7, "Write the value out in full")]
    [InlineData("a: 1\ntagged: !custom value\n", 2, 9, "Write the value out in full")]
    [InlineData("a: 1\nb: [1, 2\n", 3, 1, "Correct the YAML there")]
    [InlineData("a: 1\nbad: \"\\UFFFFFFFF\"\n", 2, 1, "Correct the YAML after this position")]
    public void A_rules_file_that_cannot_be_recorded_stops_the_build_at_its_line_saying_what_to_do(string yaml, int line, int column, string fix)
    {
        var (events, diagnostics) = Recorded(yaml, "broken.yaml");

        Assert.Null(events);
        var error = Assert.Single(diagnostics);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("TCLASSGEN001", error.Id);
        Assert.StartsWith("rules/broken.yaml cannot be recorded for replay: ", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(fix, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var at = error.Location.GetLineSpan();
        Assert.Equal(("/repo/rules/broken.yaml", line, column), (at.Path, at.StartLinePosition.Line + 1, at.StartLinePosition.Character + 1));
    }

    [Fact]
    public void A_recording_holds_values_lines_and_columns_up_to_55295_and_refuses_more()
    {
        // A literal block's value ends with its line break: 55,294 characters and one break.
        Assert.NotNull(Recorded("v: |\n  " + new string('x', 0xD7FE) + "\n", "long.yaml").Events);
        Assert.Contains("Shorten it", Assert.Single(Recorded("v: |\n  " + new string('x', 0xD7FF) + "\n", "long.yaml").Diagnostics).GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("break the line", Assert.Single(Recorded("f: [" + new string('x', 0xD7FF) + ", y]\n", "wide.yaml").Diagnostics).GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var lines = string.Concat(Enumerable.Range(0, 0xD7FF).Select(i => "\n")) + "last: line\n";
        Assert.Contains("Split the file", Assert.Single(Recorded(lines, "tall.yaml").Diagnostics).GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.NotNull(Recorded(string.Concat(Enumerable.Range(0, 0xD7FD).Select(i => "\n")) + "last: line\n", "tall.yaml").Events); // its end is on line 55,295
    }

    [Fact]
    public void Two_files_recorded_under_one_path_stop_the_build()
    {
        var result = Run([(new InMemoryText("/a/rules/x.yaml", "a: 1"), "x.yaml"), (new InMemoryText("/b/rules/x.yaml", "b: 2"), "x.yaml")]).GetRunResult();

        Assert.Contains("under the same path", Assert.Single(result.Diagnostics).GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_recorded_path_is_left_alone()
    {
        var driver = Run([(new InMemoryText("/rules/other.yaml", "a: 1"), null)]);

        var source = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.DoesNotContain("other.yaml", source, StringComparison.Ordinal);
        Assert.Null(Arms(source).GetValueOrDefault("other.yaml"));
    }

    [Fact]
    public void A_recording_that_is_not_one_says_where_it_goes_wrong()
    {
        var replay = new RecordedYaml("M\u0001\u0001X\u0002\u0001");
        Assert.True(replay.MoveNext()); // the stream start
        Assert.True(replay.MoveNext());

        var error = Assert.Throws<InvalidDataException>(() => replay.MoveNext());
        Assert.Equal("a recorded rules file holds an unknown event 'X' at 3", error.Message);
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

    /// <summary>What the reader reads of each event (its kind and start; a scalar's style and value), then whether the parser says it is done.</summary>
    private static List<string> Events(IParser parser)
    {
        var events = new List<string>();
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            events.Add(e is Scalar s ? $"Scalar {s.Start.Line}:{s.Start.Column} {s.Style} [{s.Value}]" : $"{e.GetType().Name} {e.Start.Line}:{e.Start.Column}");
        }

        events.Add(parser.Current is null && !parser.MoveNext() ? "done" : "not done");
        return events;
    }

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
