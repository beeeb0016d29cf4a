using System.Globalization;
using System.Xml.Linq;
using TClass.Text;

namespace TClass.Reports;

/// <summary>
/// A radar chart of a classification's axis scores as a standalone SVG document. A score left open
/// by unknown facts is drawn as its range: the lowest possible score filled, the highest dashed.
/// </summary>
public static class RadarSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double Size = 420;
    private const double Centre = Size / 2;
    private const double Radius = 130;

    /// <summary>Renders the radar of <paramref name="result"/>.</summary>
    public static string Render(Classification result, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scores = result.Scores;
        var count = scores.Length;
        var level = result.Outcome is { } tier ? tier.Id : string.Join(" · ", result.Candidates.Select(c => c.Id));
        var title = $"{result.Model} — {level} — {ReportText.Get("radar", language)}";
        var svg = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {N(Size)} {N(Size)}"),
            new XAttribute("width", N(Size)),
            new XAttribute("height", N(Size)),
            new XAttribute("role", "img"),
            new XAttribute("aria-label", title),
            new XAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', 'Noto Sans KR', sans-serif"),
            new XElement(Svg + "title", title),
            new XElement(Svg + "rect", new XAttribute("width", N(Size)), new XAttribute("height", N(Size)), new XAttribute("fill", "#ffffff")),
            new XElement(Svg + "text", new XAttribute("x", N(Centre)), new XAttribute("y", "28"), new XAttribute("text-anchor", "middle"),
                new XAttribute("font-size", "15"), new XAttribute("font-weight", "600"), new XAttribute("fill", "#1f2933"), $"{result.Model} · {level}"));

        if (count >= 3)
        {
            for (var ring = 2; ring <= 10; ring += 2)
            {
                svg.Add(Polygon(Enumerable.Repeat((double)ring, count).ToList(), "none", "#d9dee3", dashed: false));
            }

            for (var i = 0; i < count; i++)
            {
                var (x, y) = Point(i, count, 10);
                svg.Add(new XElement(Svg + "line", new XAttribute("x1", N(Centre)), new XAttribute("y1", N(Centre)),
                    new XAttribute("x2", N(x)), new XAttribute("y2", N(y)), new XAttribute("stroke", "#d9dee3")));
            }

            if (scores.Any(s => s.Score is null))
            {
                svg.Add(Polygon([.. scores.Select(s => (double)s.Max)], "none", "#3b82f6", dashed: true));
            }

            svg.Add(Polygon([.. scores.Select(s => (double)s.Min)], "#3b82f6", "#1d4ed8", dashed: false, opacity: "0.35"));
            for (var i = 0; i < count; i++)
            {
                var (x, y) = Point(i, count, 12.4);
                var anchor = Math.Abs(x - Centre) < 1 ? "middle" : x > Centre ? "start" : "end";
                svg.Add(new XElement(Svg + "text", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("text-anchor", anchor),
                    new XAttribute("font-size", "13"), new XAttribute("fill", "#1f2933"),
                    new XElement(Svg + "tspan", scores[i].Label.In(language) + " "),
                    new XElement(Svg + "tspan", new XAttribute("font-weight", "700"), TextReport.Score(scores[i]))));
            }
        }

        return new XDocument(svg).ToString(SaveOptions.None).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static XElement Polygon(List<double> values, string fill, string stroke, bool dashed, string opacity = "1")
    {
        var points = string.Join(" ", values.Select((v, i) =>
        {
            var (x, y) = Point(i, values.Count, v);
            return N(x) + "," + N(y);
        }));
        var polygon = new XElement(Svg + "polygon", new XAttribute("points", points), new XAttribute("fill", fill),
            new XAttribute("fill-opacity", opacity), new XAttribute("stroke", stroke), new XAttribute("stroke-width", "1.5"));
        if (dashed)
        {
            polygon.Add(new XAttribute("stroke-dasharray", "5 4"));
        }

        return polygon;
    }

    private static (double X, double Y) Point(int index, int count, double score)
    {
        var angle = (-90 + (360.0 * index / count)) * Math.PI / 180;
        var r = Radius * score / 10;
        return (Centre + (r * Math.Cos(angle)), Centre + 10 + (r * Math.Sin(angle)));
    }

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
