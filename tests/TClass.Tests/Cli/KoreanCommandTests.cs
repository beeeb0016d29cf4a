using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TClass.Tests.Cli;

/// <summary>
/// Every command speaks Korean with <c>--lang ko</c> — the ruleset's tree, a diff, a card's errors
/// and warnings — and text fits the terminal it is printed on.
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class KoreanCommandTests
{
    private const string Invalid = "docs/invalid/misspelled.yaml";

    [Fact]
    public void Validate_reports_every_error_in_Korean_with_its_place_and_fix()
    {
        var english = CliRun.Of("validate " + Invalid);
        var korean = CliRun.Of("validate " + Invalid + " --lang ko");

        Assert.Equal(english.Exit, korean.Exit);
        var lines = korean.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(english.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, lines.Length);
        Assert.All(lines, line =>
        {
            Assert.Matches(@"^docs/invalid/misspelled\.yaml:\d+:\d+: 오류: [^ ]+: .*\p{IsHangulSyllables}.* 해결: .*\p{IsHangulSyllables}", line);
            Assert.DoesNotContain(" error: ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Fix:", line, StringComparison.Ordinal);
        });
        Assert.Contains("오류 있음 1개", korean.Out, StringComparison.Ordinal);
        Assert.Contains("model.country: 'Korea'이(가) 요구되는 형식이 아닙니다. 해결: KR, US 같은 대문자 두 글자 국가 코드를 쓰십시오.", korean.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Korean_report_gives_its_warnings_in_Korean()
    {
        var card = "tclass: 1\nmodel: { id: example/x }\nweights: { origin: scratch, base: [example/y] }\n";
        var run = CliRun.Of(["classify", "-", "--lang", "ko"], new StringReader(card), width: 1000);

        Assert.Contains("처음부터 학습한 가중치는 어떤 모델에서도 출발하지 않습니다", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("start from no model", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_drafts_a_card_with_Korean_comments_and_review()
    {
        var folder = Directory.GetDirectories(Path.Combine(TestData.RepoRoot, "tests", "fixtures", "models")).Order(StringComparer.Ordinal).First();
        var run = CliRun.Of(["import", Path.GetRelativePath(TestData.RepoRoot, folder), "--lang", "ko"], new StringReader(""));

        Assert.Equal(0, run.Exit);
        Assert.Contains("# 검토할 것 — 파일로는 정할 수 없는 것:", run.Out, StringComparison.Ordinal);
        Assert.Contains("#   - data: 말뭉치를 누가 구축했는지", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("To review", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_show_in_Korean_has_no_English_frame_and_fills_the_country()
    {
        var run = CliRun.Of("rules show tclass-2.0 --lang ko");

        Assert.Equal(0, run.Exit);
        Assert.DoesNotMatch(@"(?m)^\s*if |\((enum|set|bool):", run.Out);
        Assert.DoesNotContain("{country}", run.Out, StringComparison.Ordinal);
        Assert.Contains("국내(KR) 업체가 설계한 AI 칩", run.Out, StringComparison.Ordinal);
        Assert.Contains("data.distillation — 증류한 학습 신호의 비중", run.Out, StringComparison.Ordinal);
        Assert.Contains("partial(일부)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_show_fills_the_country_it_is_given()
    {
        var run = CliRun.Of("rules show tclass-2.0 --lang ko --country JP");

        Assert.Contains("국내(JP) 업체가 설계한 AI 칩", run.Out, StringComparison.Ordinal);
        Assert.Contains("country = JP", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(KR)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_diff_in_Korean()
    {
        var run = CliRun.Of("rules diff tclass-2.0 tclass-2.0-strict --lang ko");

        Assert.Contains("tclass-2.0의 경로 5: weights.origin = scratch 그리고 components.third-party = true", run.Out, StringComparison.Ordinal);
        Assert.Contains("예시 입력:", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("witness", run.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string, int> Reports => new()
    {
        { "explain docs/examples/unknown-facts.yaml --lang ko", 80 },
        { "explain docs/examples/t3-partial-reuse.md --lang ko", 60 },
        { "classify docs/examples/t4-1-architecture-adopter.yaml --lang ko", 80 },
        { "classify docs/examples/unknown-facts.yaml --lang ko", 72 },
        { "rules show tclass-2.0 --lang ko", 100 },
        { "rules show msit-independent-fm --lang ko", 80 },
        { "explain docs/examples/t5-native-architecture.yaml", 80 },
    };

    /// <summary>
    /// No line is wider than the terminal, counting Hangul two columns and the characters East Asian
    /// terminals draw wide (· — • → ⇒) two as well, and no level's label is split across lines.
    /// </summary>
    [Theory]
    [MemberData(nameof(Reports))]
    public void Text_wraps_to_the_terminal_and_never_inside_a_label(string command, int width)
    {
        var run = CliRun.Of(command.Split(' '), new StringReader(""), width: width);

        Assert.Equal(0, run.Exit);
        Assert.All(run.Out.Split('\n'), line => Assert.True(Columns(line) <= width, $"{Columns(line)} columns: {line}"));
        Assert.DoesNotMatch(@"\((병합 / DUS|merge / DUS)[^)\n]*\n", run.Out);
        Assert.DoesNotMatch(@"아키텍처 스케일러 &\s*\n|오픈소스 기반 프롬\s*\n", run.Out);
    }

    [Fact]
    public void A_label_wider_than_the_space_left_breaks_rather_than_overflow()
    {
        var run = CliRun.Of(["rules", "show", "tclass-2.0", "--lang", "ko"], new StringReader(""), width: 60);

        // Only a single word longer than the room left (a fact's path, deep in the tree) may pass the edge.
        Assert.All(run.Out.Split('\n').Where(line => line.Trim().Contains(' ', StringComparison.Ordinal)),
            line => Assert.True(Columns(line) <= 60, $"{Columns(line)} columns: {line}"));
    }

    private static int Columns(string line) => line.Sum(c =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uFF00' and <= '\uFF60'
            or '·' or '—' or '–' or '•' or '…' or '→' or '⇒' or '≠' or '∈' or '∉' or '±' or '×' or '§' ? 2 : 1);

    /// <summary>
    /// Every diagnostic is worded in both languages, the messages naming the same values; a Korean fix
    /// may leave out an English-only value (a schema's own English hint) but names no other.
    /// </summary>
    [Fact]
    public void Every_diagnostic_is_worded_in_both_languages_with_the_same_values()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(TestData.RepoRoot, "rules", "i18n", "diagnostics.yaml"))));
        var messages = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["messages"];

        Assert.NotEmpty(messages.Children);
        foreach (var (key, entry) in messages.Children)
        {
            foreach (var (name, part) in ((YamlMappingNode)entry).Children.Select(c => (((YamlScalarNode)c.Key).Value, (YamlMappingNode)c.Value)))
            {
                var en = ((YamlScalarNode)part["en"]).Value!;
                var ko = ((YamlScalarNode)part["ko"]).Value!;
                var words = Placeholder().Replace(ko, "");
                Assert.True(en.Length > 0 && (words.Length == 0 || Regex.IsMatch(words, @"\p{IsHangulSyllables}")), $"{key}.{name} is not worded in both languages");
                if (name == "message")
                {
                    Assert.Equal(Placeholders(en), Placeholders(ko));
                }
                else
                {
                    Assert.Empty(Placeholders(ko).Except(Placeholders(en)));
                }
            }
        }
    }

    private static string[] Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex Placeholder();
}
