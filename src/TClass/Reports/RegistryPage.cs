using System.Globalization;
using System.Net;
using System.Text;
using TClass.Text;

namespace TClass.Reports;

/// <summary>
/// The registry as a web page, one per language (<c>index.html</c>, <c>index.ko.html</c>): the table
/// of <see cref="RegistryReport"/>, sortable by any column and filterable by any text of a row, with
/// every card's references and the evidence of each fact. A static file with its script inline: no
/// request leaves the page. Everything taken from a card is HTML-escaped; only http(s) addresses
/// become links.
/// </summary>
public static class RegistryPage
{
    /// <summary>The file name of the page in <paramref name="language"/>.</summary>
    public static string FileName(Language language) => language == Language.Korean ? "index.ko.html" : "index.html";

    /// <summary>The page in <paramref name="language"/>.</summary>
    public static string Render(IEnumerable<RegistryEntry> entries, Language language)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ordered = RegistryReport.Order(entries).ToList();
        string L(string key) => ReportText.Get(key, language);
        var other = language == Language.Korean ? Language.English : Language.Korean;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language == Language.Korean ? "ko" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(L("registry-title"))).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<header><h1>").Append(E(L("registry-title"))).Append("</h1>\n")
            .Append("<a class=\"language\" href=\"").Append(FileName(other)).Append("\" hreflang=\"").Append(other == Language.Korean ? "ko" : "en")
            .Append("\" data-testid=\"lang-").Append(other == Language.Korean ? "ko" : "en").Append("\">").Append(E(L("registry-other-language"))).Append("</a>\n")
            .Append("<p>").Append(E(L("registry-page-intro"))).Append("</p></header>\n");

        html.Append("<div class=\"controls\">\n<label>").Append(E(L("registry-filter")))
            .Append(" <input id=\"filter\" type=\"search\" autocomplete=\"off\" data-testid=\"registry-filter\"></label>\n<label>")
            .Append(E(L("registry-level"))).Append(" <select id=\"level\" data-testid=\"registry-level\">\n<option value=\"\">")
            .Append(E(L("registry-any-level"))).Append("</option>\n");
        foreach (var outcome in ordered.SelectMany(e => e.Result.Candidates).DistinctBy(o => o.Id).OrderBy(o => o.Rank))
        {
            html.Append("<option value=\"").Append(E(outcome.Id)).Append("\">").Append(E(outcome.Id)).Append("</option>\n");
        }

        html.Append("<option value=\"undecided\">").Append(E(L("registry-undecided"))).Append("</option>\n</select></label>\n")
            .Append("<output id=\"shown\" data-template=\"").Append(E(L("registry-shown"))).Append("\"></output>\n</div>\n");

        html.Append("<table id=\"registry\">\n<thead><tr><th></th>");
        foreach (var (label, kind) in new[]
        {
            (L("developer"), "text"), (L("model"), "text"), (L("level"), "number"), (L("weights-col"), "text"), (L("architecture-col"), "text"),
            (L("tokenizer-col"), "text"), (L("infrastructure-col"), "number"), (L("unknowns"), "number"),
        })
        {
            html.Append("<th data-sort=\"").Append(kind).Append("\"><button type=\"button\">").Append(E(label)).Append("</button></th>");
        }

        html.Append("<th>").Append(E(L("registry-sources"))).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var entry in ordered)
        {
            Row(html, entry, language, L);
        }

        html.Append("</tbody>\n</table>\n<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, RegistryEntry entry, Language language, Func<string, string> L)
    {
        var r = entry.Result;
        var levels = string.Join(' ', r.Candidates.Select(c => c.Id));
        html.Append("<tr data-testid=\"registry-row\" data-model=\"").Append(E(r.Model)).Append("\" data-levels=\"").Append(E(levels))
            .Append("\" data-decided=\"").Append(r.Outcome is null ? "false" : "true").Append("\">\n");
        html.Append("<td><img src=\"").Append(E(entry.Radar)).Append("\" width=\"96\" height=\"96\" alt=\"\"></td>\n");
        Cell(html, RegistryReport.Fact(r, "model.developer", language));
        html.Append("<td><code>").Append(E(r.Model)).Append("</code></td>\n");
        var level = r.Outcome is { } tier ? $"{tier.Id} {tier.Label.In(language)}" : string.Join(" · ", r.Candidates.Select(c => c.Id));
        html.Append("<td data-value=\"").Append(r.Candidates[0].Rank.ToString(CultureInfo.InvariantCulture)).Append('"')
            .Append(r.Outcome is null ? "" : " class=\"decided\"").Append('>').Append(E(level)).Append("</td>\n");
        Cell(html, RegistryReport.Weights(r, language));
        Cell(html, RegistryReport.Architecture(r, language));
        Cell(html, RegistryReport.Fact(r, "tokenizer.origin", language));
        var infrastructure = r.Scores.FirstOrDefault(a => a.Axis == "infrastructure");
        html.Append("<td data-value=\"").Append((infrastructure?.Min ?? -1).ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(E(RegistryReport.Score(r, "infrastructure") is { Length: > 0 } score ? score : "?")).Append("</td>\n");
        html.Append("<td data-value=\"").Append(r.UnknownFacts.Length.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(r.UnknownFacts.Length.ToString(CultureInfo.InvariantCulture)).Append("</td>\n");

        html.Append("<td><details><summary>").Append(E(L("registry-sources"))).Append(" (")
            .Append((entry.References.Length + entry.Evidence.Count).ToString(CultureInfo.InvariantCulture)).Append(")</summary>\n<ul>\n");
        foreach (var reference in entry.References)
        {
            html.Append("<li>").Append(Link(reference)).Append("</li>\n");
        }

        html.Append("</ul>\n<dl>\n");
        foreach (var (path, evidence) in entry.Evidence.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            html.Append("<dt><code>").Append(E(path)).Append("</code></dt><dd>").Append(E(evidence)).Append("</dd>\n");
        }

        html.Append("</dl></details></td>\n</tr>\n");
    }

    private static void Cell(StringBuilder html, string? text) =>
        html.Append("<td>").Append(text is null or "" ? "?" : E(text)).Append("</td>\n");

    /// <summary>An http(s) address as a link; anything else as text.</summary>
    private static string Link(string reference) =>
        Uri.TryCreate(reference, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\" rel=\"noopener noreferrer\">{E(reference)}</a>"
            : E(reference);

    /// <summary>HTML-escaped, with control characters made visible.</summary>
    private static string E(string text) => WebUtility.HtmlEncode(ControlCharacters.Escape(text));

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
        header { max-width: 60rem; }
        .language { float: right; }
        .controls { display: flex; gap: 1.5rem; align-items: center; margin: 1rem 0; flex-wrap: wrap; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
        th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; }
        th[aria-sort="ascending"] button::after { content: " ▲"; }
        th[aria-sort="descending"] button::after { content: " ▼"; }
        td.decided { font-weight: 600; }
        tr[hidden] { display: none; }
        details dd { margin: 0 0 0.4rem 1rem; max-width: 40rem; }
        details dt code, td code { font-size: 0.85em; }

        """;

    // Sorting and filtering on the rendered rows; the address (?q=…&level=…&sort=…&dir=…) keeps both.
    private const string Script = """
        (function () {
          var table = document.getElementById('registry');
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.forEach(function (row, i) { row.dataset.index = String(i); });
          var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
          var filter = document.getElementById('filter');
          var level = document.getElementById('level');
          var shown = document.getElementById('shown');
          var state = new URLSearchParams(location.search);
          filter.value = state.get('q') || '';
          level.value = state.get('level') || '';
          if (level.selectedIndex < 0) { level.value = ''; }

          function key(row, column) {
            var cell = row.cells[column];
            return cell.dataset.value !== undefined ? Number(cell.dataset.value) : cell.textContent.trim().toLowerCase();
          }

          function sort(column, direction) {
            headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
            if (column < 0) {
              rows.sort(function (a, b) { return a.dataset.index - b.dataset.index; });
            } else {
              headers[column].setAttribute('aria-sort', direction > 0 ? 'ascending' : 'descending');
              rows.sort(function (a, b) {
                var x = key(a, column), y = key(b, column);
                var order = x < y ? -1 : x > y ? 1 : 0;
                return order * direction || a.dataset.index - b.dataset.index;
              });
            }
            rows.forEach(function (row) { body.appendChild(row); });
          }

          function apply() {
            var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
            var wanted = level.value;
            var count = 0;
            rows.forEach(function (row) {
              var text = row.textContent.toLowerCase();
              var levels = row.dataset.levels.split(' ');
              var levelMatches = !wanted || (wanted === 'undecided' ? row.dataset.decided === 'false' : levels.indexOf(wanted) >= 0);
              var visible = levelMatches && words.every(function (w) { return text.indexOf(w) >= 0; });
              row.hidden = !visible;
              if (visible) { count++; }
            });
            shown.textContent = shown.dataset.template.replace('{shown}', count).replace('{total}', rows.length);
          }

          function remember() {
            var params = new URLSearchParams();
            if (filter.value) { params.set('q', filter.value); }
            if (level.value) { params.set('level', level.value); }
            var sorted = headers.findIndex(function (h) { return h.hasAttribute('aria-sort'); });
            if (sorted >= 0) {
              params.set('sort', String(sorted));
              params.set('dir', headers[sorted].getAttribute('aria-sort') === 'ascending' ? 'asc' : 'desc');
            }
            var query = params.toString();
            history.replaceState(null, '', query ? '?' + query : location.pathname);
          }

          headers.forEach(function (header, column) {
            if (!header.dataset.sort) { return; }
            header.querySelector('button').addEventListener('click', function () {
              var next = header.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
              sort(column, next);
              remember();
            });
          });
          filter.addEventListener('input', function () { apply(); remember(); });
          level.addEventListener('change', function () { apply(); remember(); });

          var column = Number(state.get('sort'));
          if (state.has('sort') && headers[column] && headers[column].dataset.sort) {
            sort(column, state.get('dir') === 'desc' ? -1 : 1);
          }
          apply();
        })();

        """;
}
