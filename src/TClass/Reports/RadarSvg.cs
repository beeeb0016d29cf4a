using System.Globalization;
using System.Text;
using System.Xml.Linq;
using TClass.Text;

namespace TClass.Reports;

/// <summary>
/// A radar chart of a classification's axis scores as a standalone SVG document. A score left open
/// by unknown facts is drawn as its range: the lowest possible score filled, the highest dashed.
/// </summary>
/// <remarks>
/// Every text stays inside the image whatever font draws it: widths are estimated from upper bounds
/// of common sans-serif fonts' advances (<see cref="Em"/>), the image grows to hold its labels, and a
/// title or label too long for its room wraps and then ends with an ellipsis, the full text kept
/// in a &lt;title&gt;. The layout depends only on the text, so the output is deterministic.
/// </remarks>
public static class RadarSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The narrowest image; it widens to hold wide labels.</summary>
    private const double MinWidth = 420;

    /// <summary>The free room between any text and the image's edge.</summary>
    private const double Margin = 12;

    private const double Radius = 130;

    /// <summary>The room between the outer ring and an axis label.</summary>
    private const double LabelGap = 10;

    /// <summary>The room between the title and the chart's highest label.</summary>
    private const double TitleGap = 8;

    private const double TitleSize = 15;
    private const double LabelSize = 13;

    /// <summary>The widest line of an axis label, beyond which it wraps.</summary>
    private const double LabelWidth = 150;

    /// <summary>The lines an axis label's name or the title's model id may take before an ellipsis ends them.</summary>
    private const int MaxLines = 2;

    /// <summary>The distance between the baselines of two lines, in em.</summary>
    private const double LineHeight = 1.25;

    /// <summary>How far a line reaches above and below its baseline, in em: upper bounds (Noto Sans CJK's line box), for the bounds.</summary>
    private const double Ascent = 1.16;

    private const double Descent = 0.29;

    /// <summary>Where the letters of a line sit above its baseline, in em, for placing a block of lines by its visible middle.</summary>
    private const double VisibleAscent = 0.8;

    private const double VisibleDescent = 0.2;

    private const string Ellipsis = "…";

    /// <summary>Renders the radar of <paramref name="result"/>.</summary>
    public static string Render(Classification result, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scores = result.Scores;
        var count = scores.Length;
        var level = result.Outcome is { } tier ? tier.Id : string.Join(" · ", result.Candidates.Select(c => c.Id));
        var title = $"{result.Model} — {level} — {ReportText.Get("radar", language)}";

        // The chart and its labels around a centre at (0, 0), and the box that holds them.
        var labels = count >= 3 ? [.. Enumerable.Range(0, count).Select(i => Label(scores[i], language, i, count))] : new List<Block>();
        var (left, right, top, bottom) = (0.0, 0.0, 0.0, 0.0);
        if (count >= 3)
        {
            var ring = Enumerable.Range(0, count).Select(i => Point(i, count, 10, 0, 0)).ToList();
            (left, right) = (ring.Min(p => p.X) - 1, ring.Max(p => p.X) + 1);
            (top, bottom) = (ring.Min(p => p.Y) - 1, ring.Max(p => p.Y) + 1);
            foreach (var line in labels.SelectMany(l => l.Lines))
            {
                var (from, to) = line.Extent;
                (left, right) = (Math.Min(left, from), Math.Max(right, to));
                (top, bottom) = (Math.Min(top, line.Y - (Ascent * LabelSize)), Math.Max(bottom, line.Y + (Descent * LabelSize)));
            }
        }

        var width = Math.Ceiling(Math.Max(MinWidth, 2 * (Math.Max(-left, right) + Margin)));
        var centre = width / 2;
        var heading = Heading(result.Model, level, width - (2 * Margin));
        var firstBaseline = Margin + (Ascent * TitleSize);
        var headingBottom = firstBaseline + ((heading.Lines.Count - 1) * LineHeight * TitleSize) + (Descent * TitleSize);
        var middle = headingBottom + TitleGap - top;
        var height = Math.Ceiling(count >= 3 ? middle + bottom + Margin : headingBottom + Margin);

        var svg = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("role", "img"),
            new XAttribute("aria-label", title),
            new XAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', 'Noto Sans KR', sans-serif"),
            new XElement(Svg + "title", title),
            new XElement(Svg + "rect", new XAttribute("width", N(width)), new XAttribute("height", N(height)), new XAttribute("fill", "#ffffff")));
        svg.Add(Draw(heading, heading.Lines.Select((line, i) => new XElement(Svg + "text",
            new XAttribute("x", N(centre)), new XAttribute("y", N(firstBaseline + (i * LineHeight * TitleSize))), new XAttribute("text-anchor", "middle"),
            new XAttribute("font-size", N(TitleSize)), new XAttribute("font-weight", "600"), new XAttribute("fill", "#1f2933"), line.Text))));

        if (count >= 3)
        {
            for (var ring = 2; ring <= 10; ring += 2)
            {
                svg.Add(Polygon(Enumerable.Repeat((double)ring, count).ToList(), centre, middle, "none", "#d9dee3", dashed: false));
            }

            for (var i = 0; i < count; i++)
            {
                var (x, y) = Point(i, count, 10, centre, middle);
                svg.Add(new XElement(Svg + "line", new XAttribute("x1", N(centre)), new XAttribute("y1", N(middle)),
                    new XAttribute("x2", N(x)), new XAttribute("y2", N(y)), new XAttribute("stroke", "#d9dee3")));
            }

            if (scores.Any(s => s.Score is null))
            {
                svg.Add(Polygon([.. scores.Select(s => (double)s.Max)], centre, middle, "none", "#3b82f6", dashed: true));
            }

            svg.Add(Polygon([.. scores.Select(s => (double)s.Min)], centre, middle, "#3b82f6", "#1d4ed8", dashed: false, opacity: "0.35"));
            foreach (var label in labels)
            {
                svg.Add(Draw(label, label.Lines.Select(line => new XElement(Svg + "text",
                    new XAttribute("x", N(centre + line.X)), new XAttribute("y", N(middle + line.Y)), new XAttribute("text-anchor", line.Anchor),
                    new XAttribute("font-size", N(LabelSize)), new XAttribute("fill", "#1f2933"),
                    line.Text.Length > 0 ? line.Text : null,
                    line.Score is null ? null : new XElement(Svg + "tspan", new XAttribute("font-weight", "700"), line.Score)))));
            }
        }

        return new XDocument(svg).ToString(SaveOptions.None).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>A block of text lines: a single line as itself, several (or a shortened one) grouped, the full text in a &lt;title&gt;.</summary>
    private static XElement Draw(Block block, IEnumerable<XElement> lines)
    {
        var texts = lines.ToList();
        return texts.Count == 1 && block.Full is null
            ? texts[0]
            : new XElement(Svg + "g", block.Full is null ? null : new XElement(Svg + "title", block.Full), texts);
    }

    /// <summary>The title's lines: "model · level" on one line when it fits; else the model id (wrapped, at most two lines) above the level.</summary>
    private static Block Heading(string model, string level, double room)
    {
        var full = $"{model} · {level}";
        if (Width(full, TitleSize) <= room)
        {
            return new Block([new Line(full)], null);
        }

        var (modelLines, modelCut) = Limit(Wrap(model, TitleSize, room), MaxLines, TitleSize, room);
        var (levelLines, levelCut) = Limit(Wrap(level, TitleSize, room), 1, TitleSize, room);
        return new Block([.. modelLines.Concat(levelLines).Select(l => new Line(l))], modelCut || levelCut ? full : null);
    }

    /// <summary>An axis's label: its name (wrapped, at most two lines) and its score, bold, after the name or on a line of its own, beside the axis's end.</summary>
    private static Block Label(AxisScore score, Language language, int index, int count)
    {
        var name = score.Label.In(language);
        var value = TextReport.Score(score);
        var (lines, cut) = Limit(Wrap(name, LabelSize, LabelWidth), MaxLines, LabelSize, LabelWidth);
        var texts = lines.Select(l => (Text: l, Score: (string?)null)).ToList();
        if (texts.Count > 0 && Width(texts[^1].Text + " " + value, LabelSize) <= LabelWidth)
        {
            texts[^1] = (texts[^1].Text + " ", value);
        }
        else
        {
            texts.Add(("", value));
        }

        // Beside the end of the axis: left-aligned on the right, right-aligned on the left, centred above and below;
        // the block's visible middle level with that end on the sides, its bottom on it above, its top below.
        var (cos, sin) = Direction(index, count);
        var (x, y) = ((Radius + LabelGap) * cos, (Radius + LabelGap) * sin);
        var anchor = Math.Abs(cos) < 0.05 ? "middle" : cos > 0 ? "start" : "end";
        var height = ((texts.Count - 1) * LineHeight * LabelSize) + ((VisibleAscent + VisibleDescent) * LabelSize);
        var first = y - (height * (1 - sin) / 2) + (VisibleAscent * LabelSize);
        return new Block(
            [.. texts.Select((t, i) => new Line(t.Text, t.Score, x, first + (i * LineHeight * LabelSize), anchor, Width(t.Text + t.Score, LabelSize)))],
            cut ? name + " " + value : null);
    }

    private static XElement Polygon(List<double> values, double centre, double middle, string fill, string stroke, bool dashed, string opacity = "1")
    {
        var points = string.Join(" ", values.Select((v, i) =>
        {
            var (x, y) = Point(i, values.Count, v, centre, middle);
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

    private static (double X, double Y) Point(int index, int count, double score, double centre, double middle)
    {
        var (cos, sin) = Direction(index, count);
        var r = Radius * score / 10;
        return (centre + (r * cos), middle + (r * sin));
    }

    /// <summary>The direction of axis <paramref name="index"/>: the first points up, the others follow clockwise.</summary>
    private static (double Cos, double Sin) Direction(int index, int count)
    {
        var angle = (-90 + (360.0 * index / count)) * Math.PI / 180;
        return (Math.Cos(angle), Math.Sin(angle));
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="room"/>: after spaces,
    /// slashes, hyphens and underscores, around CJK ideographs and kana, and inside a word (a Hangul
    /// word too) only when it is too wide for a line. Never inside a character (surrogate pairs, combining marks).
    /// </summary>
    private static List<string> Wrap(string text, double size, double room)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        bool Fits(string more) => Width((line + more).TrimEnd(), size) <= room;
        void Break()
        {
            if (line.ToString().Trim().Length > 0)
            {
                lines.Add(line.ToString().Trim());
            }

            line.Clear();
        }

        foreach (var segment in Segments(text))
        {
            if (Fits(segment))
            {
                line.Append(segment);
                continue;
            }

            // A piece that fits a line of its own starts one; a longer piece fills this line and breaks where it must.
            if (Width(segment.Trim(), size) <= room)
            {
                Break();
                line.Append(segment.TrimStart());
                continue;
            }

            foreach (var element in Elements(segment))
            {
                if (!Fits(element))
                {
                    Break();
                }

                if (line.Length > 0 || element != " ")
                {
                    line.Append(element);
                }
            }
        }

        Break();
        return lines;
    }

    /// <summary>The pieces of <paramref name="text"/> between the places a line may break.</summary>
    private static IEnumerable<string> Segments(string text)
    {
        var segment = new StringBuilder();
        var elements = Elements(text).ToList();
        for (var i = 0; i < elements.Count; i++)
        {
            segment.Append(elements[i]);
            var next = i + 1 < elements.Count ? elements[i + 1] : null;
            if (next is null || elements[i] is " " or "/" or "-" or "_" || IsIdeograph(elements[i][0]) || IsIdeograph(next[0]))
            {
                yield return segment.ToString();
                segment.Clear();
            }
        }
    }

    /// <summary>The characters of <paramref name="text"/> as a reader sees them (text elements).</summary>
    private static IEnumerable<string> Elements(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            yield return elements.GetTextElement();
        }
    }

    /// <summary>At most <paramref name="max"/> of <paramref name="lines"/>, the last ending with an ellipsis when some were left out.</summary>
    private static (List<string> Lines, bool Cut) Limit(List<string> lines, int max, double size, double room)
    {
        if (lines.Count <= max)
        {
            return (lines, false);
        }

        var kept = lines.Take(max).ToList();
        var last = kept[^1];
        while (last.Length > 0 && Width(last.TrimEnd() + Ellipsis, size) > room)
        {
            last = string.Concat(Elements(last).SkipLast(1));
        }

        kept[^1] = last.TrimEnd() + Ellipsis;
        return (kept, true);
    }

    /// <summary>An upper bound of the width of <paramref name="text"/> at <paramref name="size"/>, regular or bold.</summary>
    private static double Width(string text, double size) => text.Sum(Em) * size;

    /// <summary>
    /// An upper bound of the advance of <paramref name="c"/>, in em, over common sans-serif fonts in
    /// regular and bold weights (DejaVu Sans Bold, the widest, sets most of them; Liberation Sans,
    /// Noto Sans CJK, Segoe UI are narrower). Hangul, CJK and any other character count 1 em, each
    /// half of a surrogate pair too.
    /// </summary>
    private static double Em(char c) => c switch
    {
        ' ' or '\'' or ',' or '.' or ':' or ';' or 'i' or 'j' or 'l' or 'I' or '|' or '/' or '\\' => 0.4,
        '!' or '(' or ')' or '[' or ']' or 'f' or 'r' or 't' or '-' => 0.5,
        '"' or '*' or '_' or 'J' or 'c' or 's' or 'z' or '·' or '–' => 0.6,
        'M' or 'w' or '&' or '—' or '…' => 1,
        'm' or '%' or '@' => 1.05,
        'W' => 1.12,
        (>= 'A' and <= 'Z') or '#' or '+' or '<' or '=' or '>' or '^' or '~' => 0.85,
        < '\u007f' => 0.72,
        _ => 1,
    };

    /// <summary>Whether <paramref name="c"/> is a CJK ideograph, kana or full-width form, between which a line may break.</summary>
    private static bool IsIdeograph(char c) =>
        c is (>= '\u2e80' and <= '\u312f') or (>= '\u3190' and <= '\u9fff') or (>= '\uf900' and <= '\ufaff') or (>= '\uff00' and <= '\uffef');

    /// <summary>Lines of text; <paramref name="Full"/> is the whole text when the lines leave some out.</summary>
    private sealed record Block(List<Line> Lines, string? Full);

    /// <summary>
    /// A line of text, <paramref name="Score"/> after it in bold; placed at (<paramref name="X"/>, <paramref name="Y"/>)
    /// from the chart's centre, <paramref name="Width"/> wide at most.
    /// </summary>
    private sealed record Line(string Text, string? Score = null, double X = 0, double Y = 0, string Anchor = "middle", double Width = 0)
    {
        /// <summary>The horizontal room the line may take.</summary>
        public (double From, double To) Extent => Anchor switch
        {
            "start" => (X, X + Width),
            "end" => (X - Width, X),
            _ => (X - (Width / 2), X + (Width / 2)),
        };
    }

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
