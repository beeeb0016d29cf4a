using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;

namespace TClass.Tests.Reports;

/// <summary>
/// The registry's web pages (docs/registry/index.html and index.ko.html) as a reader meets them in a
/// browser: the address filters and sorts the rows, every row keeps its sources, and nothing from a
/// card reaches the page unescaped.
/// </summary>
public sealed partial class RegistryPageTests
{
    private static readonly string Folder = Path.Combine(TestData.RepoRoot, "docs", "registry");

    private sealed record Row(string Model, string Levels, bool Hidden, string Text, ImmutableArray<string> Cells);

    private static ImmutableArray<Row> Rows(string dom) =>
        [.. RowPattern().Matches(dom).Select(m => new Row(
            WebUtility.HtmlDecode(m.Groups["model"].Value),
            m.Groups["levels"].Value,
            m.Groups["attributes"].Value.Contains(" hidden", StringComparison.Ordinal),
            WebUtility.HtmlDecode(Regex.Replace(m.Groups["body"].Value, "<[^>]+>", "")),
            [.. CellPattern().Matches(m.Groups["body"].Value).Select(c => c.Groups["value"].Value)]))];

    private static ImmutableArray<Row> Open(string query, string page = "index.html") =>
        Rows(HeadlessChromium.DumpDom(new Uri(Path.Combine(Folder, page)).AbsoluteUri + query, "these tests read the registry page in it"));

    [Fact]
    public void Typing_a_word_shows_exactly_the_rows_that_contain_it_sources_included()
    {
        var rows = Open("?q=falcon");

        Assert.Equal(50, rows.Length);
        Assert.All(rows, r => Assert.Equal(!r.Text.Contains("falcon", StringComparison.OrdinalIgnoreCase), r.Hidden));
        Assert.Contains(rows, r => r.Model == "tiiuae/falcon-40b" && !r.Hidden);
    }

    [Fact]
    public void Choosing_a_level_shows_the_models_that_can_be_at_it()
    {
        var rows = Open("?level=T3");

        Assert.All(rows, r => Assert.Equal(!r.Levels.Split(' ').Contains("T3"), r.Hidden));
        Assert.Contains(rows, r => r.Model == "upstage/SOLAR-10.7B-v1.0" && !r.Hidden);
    }

    [Fact]
    public void Sorting_by_unknown_facts_orders_the_rows_by_that_count()
    {
        var counts = Open("?sort=8&dir=asc").Select(r => int.Parse(r.Cells[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var descending = Open("?sort=8&dir=desc").Select(r => int.Parse(r.Cells[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(counts.Order(), counts);
        Assert.Equal(descending.OrderDescending(), descending);
    }

    [Fact]
    public void Sorting_by_infrastructure_orders_the_scores_as_numbers_not_as_text()
    {
        // Trained and served at home a card scores 10, the others single digits: as text, "10/10" would sort before "4/10".
        string Example(string name) => File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "examples", name));
        var entries = new[]
        {
            Example("t6-full-stack-sovereign.yaml").Replace("chips: [nvidia-h100]", "chips: [rebellions-atom]", StringComparison.Ordinal),
            Example("t5-native-architecture.yaml"),
            Example("t0-api-wrapper.yaml"),
        }.Select(text =>
        {
            var manifest = ManifestReader.Parse(text, "card.yaml").Manifest!;
            return new RegistryEntry(TClassifier.Create().Classify(manifest), "radar/none.svg", manifest.Model.References, manifest.Evidence);
        }).ToList();
        var folder = Directory.CreateTempSubdirectory("tclass-registry-page-");
        try
        {
            var page = Path.Combine(folder.FullName, "index.html");
            File.WriteAllText(page, RegistryPage.Render(entries, Language.English));
            var rows = Rows(HeadlessChromium.DumpDom(new Uri(page).AbsoluteUri + "?sort=7&dir=asc", "these tests read the registry page in it"));
            var scores = rows.Select(r => int.Parse(r.Cells[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();

            Assert.Equal(scores.Order(), scores);
            Assert.Equal(10, scores[^1]);
            Assert.Contains(scores, s => s is > 0 and < 10);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_Korean_page_has_the_same_rows_in_the_same_order()
    {
        var english = Open("", "index.html");
        var korean = Open("", "index.ko.html");
        var page = File.ReadAllText(Path.Combine(Folder, "index.ko.html"));

        Assert.Equal(english.Select(r => r.Model), korean.Select(r => r.Model));
        Assert.Contains("<html lang=\"ko\">", page, StringComparison.Ordinal);
        Assert.Contains("T-Class 2.0 모델 등록부", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_row_lists_the_cards_references_and_evidence()
    {
        var page = File.ReadAllText(Path.Combine(Folder, "index.html"));

        Assert.Contains("<a href=\"https://arxiv.org/abs/2601.09200\" rel=\"noopener noreferrer\">", page, StringComparison.Ordinal);
        Assert.Contains("<dt><code>tokenizer</code></dt><dd>Model card (huggingface.co/tiiuae/falcon-40b)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_a_card_is_escaped_and_only_web_addresses_become_links()
    {
        const string card = """
            tclass: 1
            model:
              id: "evil/<script>alert(1)</script>"
              developer: "<img src=x onerror=alert(1)>"
              references: ["javascript:alert(1)", "https://example.org/a?b=1&c=\"2\""]
            weights: { origin: api }
            evidence:
              weights: "</dd><script>alert(2)</script>"
            """;
        var manifest = ManifestReader.Parse(card, "evil.yaml").Manifest!;
        var result = TClassifier.Create().Classify(manifest);
        var html = RegistryPage.Render([new RegistryEntry(result, "radar/evil.svg", manifest.Model.References, manifest.Evidence)], Language.English);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/a?b=1&amp;c=%222%22\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<tr data-testid="registry-row" data-model="(?<model>[^"]*)" data-levels="(?<levels>[^"]*)"(?<attributes>[^>]*)>(?<body>.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("""<td data-value="(?<value>[^"]*)""")]
    private static partial Regex CellPattern();
}
