using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TClass.Manifests;
using TClass.Reports;
using TClass.Rules;
using TClass.Text;

namespace TClass.Tests.Reports;

/// <summary>
/// The radar images as a browser draws them: every label and the title lie inside the viewBox, in
/// English and Korean, for every example and registry card under every built-in ruleset, and for
/// long model ids and labels. Chromium (headless) measures each &lt;text&gt; with getBBox() and
/// getBoundingClientRect(); it must be on PATH (CI installs it with the CJK fonts).
/// </summary>
public partial class RadarBoundsTests
{
    /// <summary>How far, in user units, a box may pass the viewBox's edge (antialiasing, rounding).</summary>
    private const double Tolerance = 0.5;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Every radar measured in one browser run, shared by the tests (and its failure too, when Chromium is missing).</summary>
    private static readonly Lazy<(List<(string Name, string Svg)> Cases, Measurements Measured)> Run = new(() =>
    {
        var cases = Cases();
        return (cases, Measure(cases));
    });

    [Fact]
    public void Every_label_and_the_title_lie_inside_the_viewBox()
    {
        var (cases, measured) = Run.Value;

        Assert.Equal(cases.Count, measured.Svgs.Count);
        var problems = new List<string>();
        foreach (var svg in measured.Svgs)
        {
            Assert.True(svg.Texts.Count > 0, svg.Case + ": no text measured");
            problems.AddRange(svg.Texts.Select(t => Outside(svg, "text \"" + t.Text + "\" (getBBox)", t.BBox)).OfType<string>());
            problems.AddRange(svg.Texts.Select(t => Outside(svg, "text \"" + t.Text + "\" (getBoundingClientRect)", t.Client)).OfType<string>());
            problems.AddRange(new[] { Outside(svg, "the whole drawing (getBBox)", svg.Drawing) }.OfType<string>());
        }

        Assert.True(problems.Count == 0, $"{problems.Count} box(es) outside the viewBox:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Korean_glyphs_are_drawn_by_a_font_that_has_them()
    {
        // Ten Hangul syllables at 100px are about 1000px wide in a CJK font; a missing-glyph box is far narrower.
        var width = Run.Value.Measured.Hangul;

        Assert.True(width is > 900 and < 1100,
            $"ten Hangul syllables at 100px measure {N(width)}px: the browser has no Korean font. Fix: apt-get install -y fonts-noto-cjk");
    }

    [Fact]
    public void Long_texts_are_shortened_with_the_full_text_in_a_title()
    {
        var id = LongId('a');
        var svg = XDocument.Parse(RadarSvg.Render(TestData.Classify(Card(id), TestData.Reference)));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        var titles = svg.Descendants().Where(e => e.Name.LocalName == "title").Select(e => e.Value).ToList();

        Assert.DoesNotContain(texts, t => t.Contains(id, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith('…'));
        Assert.Contains(id + " · T0 · T1 · T2 · T3 · T4-1 · T4-2 · T5 · T6", titles);
    }

    [Fact]
    public void Markup_in_a_model_id_is_text()
    {
        var svg = RadarSvg.Render(TestData.Classify(Card("lab/<b>&amp;\"x\"</b>")));

        Assert.Contains("lab/&lt;b&gt;&amp;amp;\"x\"&lt;/b&gt;", svg, StringComparison.Ordinal);
        Assert.StartsWith("lab/<b>&amp;\"x\"</b>", XDocument.Parse(svg).Descendants().First(e => e.Name.LocalName == "text").Value, StringComparison.Ordinal);
    }

    /// <summary>The radars to measure: (name, SVG document).</summary>
    private static List<(string Name, string Svg)> Cases()
    {
        var cases = new List<(string, string)>();
        var rulesets = BuiltInRulesets.Ids.Select(id => (Name: id, Ruleset: BuiltInRulesets.Get(id))).Append(("long axis labels", LongAxisLabels())).ToList();
        Assert.Contains(BuiltInRulesets.Ids, id => BuiltInRulesets.Get(id).Axes.IsEmpty);
        Assert.Contains(BuiltInRulesets.Ids, id => !BuiltInRulesets.Get(id).Axes.IsEmpty);
        var cards = new[] { "docs/examples", "docs/registry/cards" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(TestData.RepoRoot, folder)).Order(StringComparer.Ordinal))
            .Select(file => (Name: Path.GetRelativePath(TestData.RepoRoot, file).Replace('\\', '/'), Manifest: ManifestReader.Read(file).Manifest!))
            .Concat(LongIds().Select(id => (Name: "model id " + id, Manifest: TestData.Manifest(Card(id)))))
            .ToList();
        Assert.True(cards.Count >= 36, "the example and registry cards were not found");
        foreach (var (name, manifest) in cards)
        {
            foreach (var (rules, ruleset) in rulesets)
            {
                var result = TClassifier.Create(new ClassifierOptions { Ruleset = ruleset }).Classify(manifest);
                foreach (var language in new[] { Language.English, Language.Korean })
                {
                    cases.Add(($"{name} [{rules}, {language.Code()}]", RadarSvg.Render(result, language)));
                }
            }
        }

        return cases;
    }

    /// <summary>Model ids that are long, wide, Korean, spaced or full of markup characters.</summary>
    private static IEnumerable<string> LongIds() =>
    [
        LongId('a'),
        "example-lab/" + new string('W', 108),
        "example-lab/" + new string('m', 40),
        string.Join(" ", Enumerable.Repeat("Example Lab Research", 6)),
        "한국어연구소/" + string.Concat(Enumerable.Repeat("초거대한국어언어모델", 6)),
        string.Join(" ", Enumerable.Repeat("한국 초거대 언어모델 연구소", 4)),
        "lab/<script>&amp;\"'</script> & <b>",
        "x",
    ];

    /// <summary>A 120-character model id.</summary>
    private static string LongId(char fill) => ("example-lab/very-long-model-identifier-" + new string(fill, 120))[..120];

    /// <summary>A card whose id is <paramref name="id"/> and whose facts are all unknown (every level possible).</summary>
    private static string Card(string id) => $"""
        tclass: 1
        model:
          id: '{id.Replace("'", "''", StringComparison.Ordinal)}'
        """;

    /// <summary>The reference ruleset with long axis labels in both languages.</summary>
    private static Ruleset LongAxisLabels()
    {
        var text = BuiltInRulesets.Text(BuiltInRulesets.Reference)
            .Replace("label: { en: Infrastructure, ko: 인프라 }",
                "label: { en: \"Infrastructure for training and serving (chips, clouds and data centres operated at home)\", ko: \"학습과 서비스를 위한 인프라 (국내에서 운영하는 칩, 클라우드와 데이터센터)\" }", StringComparison.Ordinal)
            .Replace("label: { en: Weights, ko: 가중치 }",
                "label: { en: \"Weights — WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW\", ko: \"가중치가중치가중치가중치가중치가중치가중치가중치가중치가중치가중치\" }", StringComparison.Ordinal)
            .Replace("label: { en: Tokenizer, ko: 토크나이저 }",
                "label: { en: \"Tokenizer & <vocabulary>\", ko: \"토크나이저 & <어휘>\" }", StringComparison.Ordinal);
        var read = RulesetReader.Parse(text, ManifestFacts.Schema, "long-axis-labels.yaml");
        Assert.True(read.Ruleset is not null, string.Join("\n", read.Diagnostics));
        return read.Ruleset;
    }

    private static string? Outside(MeasuredSvg svg, string what, Box box)
    {
        var v = svg.ViewBox;
        var over = new[] { v.X - box.X, box.X + box.Width - (v.X + v.Width), v.Y - box.Y, box.Y + box.Height - (v.Y + v.Height) }.Max();
        return over <= Tolerance ? null
            : $"{svg.Case}: {what} at x {N(box.X)}..{N(box.X + box.Width)}, y {N(box.Y)}..{N(box.Y + box.Height)} passes the viewBox "
              + $"{N(v.X)} {N(v.Y)} {N(v.Width)} {N(v.Height)} by {N(over)}";
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Draws <paramref name="cases"/> in headless Chromium and reads back what it measured.</summary>
    private static Measurements Measure(List<(string Name, string Svg)> cases)
    {
        var dir = Directory.CreateTempSubdirectory("tclass-radar-");
        try
        {
            var page = Path.Combine(dir.FullName, "radar.html");
            File.WriteAllText(page, Page(cases), new UTF8Encoding(false));
            var dom = HeadlessChromium.DumpDom(new Uri(page).AbsoluteUri, "these tests measure the radar images in it");
            var match = ResultPattern().Match(dom);
            Assert.True(match.Success, "Chromium's page did not report its measurements; the page's DOM begins:\n" + dom[..Math.Min(dom.Length, 2000)]);
            var json = WebUtility.HtmlDecode(match.Groups[1].Value);
            return JsonSerializer.Deserialize<Measurements>(json, JsonOptions)
                ?? throw new Xunit.Sdk.XunitException("Chromium's measurements are empty");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>One HTML page holding every radar, and a script that measures them into &lt;pre id="radar-bounds"&gt;.</summary>
    private static string Page(List<(string Name, string Svg)> cases)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>radar bounds</title>")
            .Append("<style>body{margin:0;background:#eee} .case{display:inline-block;margin:8px;vertical-align:top}</style></head><body>\n");
        foreach (var (name, svg) in cases)
        {
            html.Append("<div class=\"case\" data-case=\"").Append(WebUtility.HtmlEncode(name)).Append("\">\n").Append(svg).Append("</div>\n");
        }

        // A calibration line: ten Hangul syllables at 100px, to tell a Korean font from missing glyphs.
        html.Append("<svg id=\"hangul\" width=\"2000\" height=\"200\" viewBox=\"0 0 2000 200\" font-family=\"system-ui, sans-serif\">")
            .Append("<text x=\"0\" y=\"150\" font-size=\"100\">가나다라마바사아자차</text></svg>\n");
        html.Append("<pre id=\"radar-bounds\"></pre>\n<script>\n").Append(Script).Append("\n</script></body></html>\n");
        return html.ToString();
    }

    private const string Script = """
        (function () {
          function box(r) { return { x: r.x, y: r.y, width: r.width, height: r.height }; }
          // A client rectangle in the user units of the svg's viewBox.
          function user(svg, r) {
            var s = svg.getBoundingClientRect(), v = svg.viewBox.baseVal;
            var kx = v.width / s.width, ky = v.height / s.height;
            return { x: v.x + (r.left - s.left) * kx, y: v.y + (r.top - s.top) * ky, width: r.width * kx, height: r.height * ky };
          }
          var svgs = [];
          document.querySelectorAll('div.case > svg').forEach(function (svg) {
            var v = svg.viewBox.baseVal;
            var texts = [];
            svg.querySelectorAll('text').forEach(function (t) {
              texts.push({ text: t.textContent.replace(/\s+/g, ' ').trim(), bbox: box(t.getBBox()), client: user(svg, t.getBoundingClientRect()) });
            });
            svgs.push({ case: svg.parentNode.getAttribute('data-case'), viewBox: box(v), drawing: box(svg.getBBox()), texts: texts });
          });
          var hangul = document.querySelector('#hangul text').getBBox().width;
          document.getElementById('radar-bounds').textContent = JSON.stringify({ svgs: svgs, hangul: hangul });
        })();
        """;

    [GeneratedRegex("<pre id=\"radar-bounds\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ResultPattern();

    private sealed record Measurements(List<MeasuredSvg> Svgs, double Hangul);

    private sealed record MeasuredSvg(string Case, Box ViewBox, Box Drawing, List<MeasuredText> Texts);

    private sealed record MeasuredText(string Text, Box BBox, Box Client);

    private sealed record Box(double X, double Y, double Width, double Height);
}
