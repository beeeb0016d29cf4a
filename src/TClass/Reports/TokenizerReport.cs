using System.Globalization;
using System.Text;
using System.Text.Json;
using TClass.Manifests;
using TClass.Text;
using TClass.Tokenizers;

namespace TClass.Reports;

/// <summary>
/// Renders a tokenizer analysis as text, Markdown or JSON: the vocabulary, the efficiency on the Korean
/// evaluation text per register, the comparison with each reference, and the proposed origin with its
/// reasons. Labels come from <c>rules/i18n/reports.yaml</c>, reasons from <c>rules/tokenizers/verdict.yaml</c>.
/// </summary>
public static class TokenizerReport
{
    private const int LabelWidth = 12;

    private static readonly string[] EfficiencyColumns = ["tok.register", "tok.chars", "tok.eojeol", "tok.tokens", "tok.chars-per-token", "tok.tokens-per-eojeol", "tok.vs-cl100k", "tok.vs-o200k"];

    private static readonly string[] ReferenceColumns = ["tok.reference", "tok.candidate-in", "tok.reference-in", "tok.first-merges", "tok.rank"];

    /// <summary>The analysis as terminal text.</summary>
    public static string Text(TokenizerAnalysis analysis, Language language = Language.English, int width = 100)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        string L(string key) => ReportText.Get(key, language);
        var text = new StringBuilder();
        text.Append(analysis.Path).Append('\n');
        Field(text, L("tok.format"), analysis.Format);
        Field(text, L("tok.vocabulary"), Vocabulary(analysis.Vocabulary, language));
        Field(text, L("tok.learned"), Learned(analysis.Vocabulary, language));
        Field(text, L("tok.hangul"), Hangul(analysis.Vocabulary, language));
        text.Append('\n');
        if (analysis.Efficiency is { } efficiency)
        {
            text.Append("  ").Append(Placeholders.Fill(L("tok.efficiency"), ("syllables", Count(efficiency.Total.HangulSyllables)))).Append('\n');
            Table(text, EfficiencyRows(efficiency, language), rightFrom: 1);
        }
        else
        {
            text.Append("  ").Append(L("tok.no-efficiency")).Append(": ").Append(analysis.EncoderNote).Append('\n');
        }

        text.Append('\n');
        Table(text, ReferenceRows(analysis, language), rightFrom: 1);
        text.Append('\n');
        var verdict = analysis.Verdict;
        Field(text, L("tok.verdict"), L("tok.origin." + Symbol(verdict.Origin)) + (verdict.Origin == TokenizerLineage.Native || verdict.Reference is null ? "" : " — " + analysis.NameOf(verdict.Reference)));
        Field(text, L("because"), string.Join("\n", verdict.Reasons.Select(r => TextReport.Wrap(r.Text.In(language), width - LabelWidth - 2))));
        if (analysis.EncoderNote is { } note && analysis.Efficiency is not null)
        {
            Field(text, L("tok.note"), note);
        }

        Field(text, L("tok.rules"), L("tok.thresholds"));
        return text.ToString();
    }

    /// <summary>The analysis as a Markdown section.</summary>
    public static string Markdown(TokenizerAnalysis analysis, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        string L(string key) => ReportText.Get(key, language);
        var text = new StringBuilder();
        text.Append("## ").Append(L("tok.title")).Append(": `").Append(analysis.Path).Append("`\n\n");
        text.Append("- **").Append(L("tok.format")).Append("**: ").Append(analysis.Format).Append('\n');
        text.Append("- **").Append(L("tok.vocabulary")).Append("**: ").Append(Vocabulary(analysis.Vocabulary, language)).Append('\n');
        text.Append("- **").Append(L("tok.learned")).Append("**: ").Append(Learned(analysis.Vocabulary, language)).Append('\n');
        text.Append("- **").Append(L("tok.hangul")).Append("**: ").Append(Hangul(analysis.Vocabulary, language)).Append("\n\n");
        if (analysis.Efficiency is { } efficiency)
        {
            text.Append("### ").Append(Placeholders.Fill(L("tok.efficiency"), ("syllables", Count(efficiency.Total.HangulSyllables)))).Append("\n\n");
            MarkdownTable(text, EfficiencyRows(efficiency, language));
        }
        else
        {
            text.Append(L("tok.no-efficiency")).Append(": ").Append(analysis.EncoderNote).Append("\n\n");
        }

        text.Append("### ").Append(L("tok.reference")).Append("\n\n");
        MarkdownTable(text, ReferenceRows(analysis, language));
        var verdict = analysis.Verdict;
        text.Append("### ").Append(L("tok.verdict")).Append(": **").Append(L("tok.origin." + Symbol(verdict.Origin))).Append("**")
            .Append(verdict.Origin == TokenizerLineage.Native || verdict.Reference is null ? "" : " — " + analysis.NameOf(verdict.Reference)).Append("\n\n");
        foreach (var reason in verdict.Reasons)
        {
            text.Append("- ").Append(reason.Text.In(language)).Append('\n');
        }

        text.Append('\n').Append(L("tok.thresholds")).Append('\n');
        return text.ToString();
    }

    /// <summary>The analysis as indented JSON: every number, the reasons in both languages.</summary>
    public static string Json(TokenizerAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return JsonReport.Indent(w => WriteAnalysis(w, analysis)) + "\n";
    }

    private static void WriteAnalysis(Utf8JsonWriter w, TokenizerAnalysis analysis)
    {
        w.WriteStartObject();
        w.WriteString("file", analysis.Path);
        w.WriteString("format", analysis.Format);
        var v = analysis.Vocabulary;
        w.WriteStartObject("vocabulary");
        w.WriteNumber("size", v.VocabularySize);
        w.WriteNumber("added_tokens", v.AddedTokens);
        w.WriteNumber("total_ids", v.TotalSize);
        if (v.ConfigVocabSize is { } config)
        {
            w.WriteNumber("config_vocab_size", config);
        }
        else
        {
            w.WriteNull("config_vocab_size");
        }

        w.WriteNumber("learned_tokens", v.LearnedTokens);
        w.WriteNumber("merges", v.MergeCount);
        w.WriteNumber("hangul_tokens", v.HangulTokens);
        w.WriteNumber("hangul_word_tokens", v.HangulWordTokens);
        Number(w, "hangul_share", v.HangulShare, 4);
        w.WriteEndObject();
        if (analysis.Efficiency is { } efficiency)
        {
            w.WriteStartObject("korean_efficiency");
            w.WriteStartArray("registers");
            foreach (var register in efficiency.Registers)
            {
                WriteEfficiency(w, register);
            }

            w.WriteEndArray();
            w.WritePropertyName("total");
            WriteEfficiency(w, efficiency.Total);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("korean_efficiency");
        }

        if (analysis.EncoderNote is { } note)
        {
            w.WriteString("encoder_note", note);
        }

        w.WriteStartArray("references");
        foreach (var (c, reference) in analysis.Comparisons.Zip(analysis.References))
        {
            w.WriteStartObject();
            w.WriteString("id", reference.Id);
            w.WriteString("name", reference.Name);
            w.WriteNumber("learned_tokens", c.ReferenceTokens);
            w.WriteNumber("shared_tokens", c.Shared);
            Number(w, "candidate_in_reference", c.CandidateInReference, 4);
            Number(w, "reference_in_candidate", c.ReferenceInCandidate, 4);
            w.WriteNumber("only_candidate", c.OnlyCandidate);
            w.WriteNumber("only_candidate_hangul", c.OnlyCandidateHangul);
            w.WriteNumber("merges_compared", c.MergesCompared);
            w.WriteNumber("identical_first_merges", c.IdenticalFirstMerges);
            w.WriteNumber("common_prefix", c.CommonPrefix);
            if (c.RankCorrelation is { } rho)
            {
                Number(w, "rank_correlation", rho, 4);
            }
            else
            {
                w.WriteNull("rank_correlation");
            }

            w.WriteNumber("correlation_sample", c.CorrelationSample);
            w.WriteBoolean("merge_order_agrees", TokenizerVerdict.OrderAgrees(c, TokenizerVerdict.Thresholds));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("verdict");
        w.WriteString("origin", Symbol(analysis.Verdict.Origin));
        if (analysis.Verdict.Reference is { } id)
        {
            w.WriteString("reference", id);
        }
        else
        {
            w.WriteNull("reference");
        }

        w.WriteStartArray("because");
        foreach (var reason in analysis.Verdict.Reasons)
        {
            w.WriteStartObject();
            w.WriteString("key", reason.Key);
            w.WriteString("en", reason.Text.En);
            w.WriteString("ko", reason.Text.Ko);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteEfficiency(Utf8JsonWriter w, RegisterEfficiency r)
    {
        w.WriteStartObject();
        w.WriteString("register", r.Register);
        w.WriteNumber("characters", r.Characters);
        w.WriteNumber("eojeol", r.Eojeol);
        w.WriteNumber("hangul_syllables", r.HangulSyllables);
        w.WriteNumber("tokens", r.Tokens);
        w.WriteNumber("cl100k_tokens", r.Cl100kTokens);
        w.WriteNumber("o200k_tokens", r.O200kTokens);
        Number(w, "characters_per_token", r.CharactersPerToken, 3);
        Number(w, "tokens_per_eojeol", r.TokensPerEojeol, 3);
        Number(w, "cost_vs_cl100k", r.CostVsCl100k, 3);
        Number(w, "cost_vs_o200k", r.CostVsO200k, 3);
        w.WriteEndObject();
    }

    /// <summary>A rounded number written from its invariant text, so the bytes never depend on culture or binary noise.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value, int decimals)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture));
    }

    private static List<string[]> EfficiencyRows(KoreanEfficiency efficiency, Language language)
    {
        string L(string key) => ReportText.Get(key, language);
        var rows = new List<string[]>
        {
            EfficiencyColumns.Select(L).ToArray(),
        };
        rows.AddRange(efficiency.Registers.Append(efficiency.Total).Select(r => new[]
        {
            L("tok.register." + r.Register), Count(r.Characters), Count(r.Eojeol), Count(r.Tokens),
            Fixed(r.CharactersPerToken), Fixed(r.TokensPerEojeol), Fixed(r.CostVsCl100k), Fixed(r.CostVsO200k),
        }));
        return rows;
    }

    private static List<string[]> ReferenceRows(TokenizerAnalysis analysis, Language language)
    {
        string L(string key) => ReportText.Get(key, language);
        var rows = new List<string[]>
        {
            ReferenceColumns.Select(L).ToArray(),
        };
        rows.AddRange(analysis.Comparisons.Zip(analysis.References).Select(x => new[]
        {
            x.Second.Name,
            TokenizerVerdict.Percent(x.First.CandidateInReference),
            TokenizerVerdict.Percent(x.First.ReferenceInCandidate),
            x.First.MergesCompared == 0 ? "—" : $"{Count(x.First.IdenticalFirstMerges)} / {Count(x.First.MergesCompared)}",
            x.First.RankCorrelation is { } rho ? rho.ToString("0.000", CultureInfo.InvariantCulture) + $" ({Count(x.First.CorrelationSample)})" : "—",
        }));
        return rows;
    }

    private static void Table(StringBuilder text, List<string[]> rows, int rightFrom)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => TextReport.DisplayWidth(r[i]))).ToArray();
        foreach (var row in rows)
        {
            text.Append(' ');
            for (var i = 0; i < row.Length; i++)
            {
                var pad = new string(' ', widths[i] - TextReport.DisplayWidth(row[i]));
                text.Append(' ').Append(i >= rightFrom ? pad + row[i] : row[i] + pad).Append(i < row.Length - 1 ? " " : "");
            }

            text.Append('\n');
        }
    }

    private static void MarkdownTable(StringBuilder text, List<string[]> rows)
    {
        text.Append("| ").Append(string.Join(" | ", rows[0])).Append(" |\n");
        text.Append("|---").Append(string.Concat(Enumerable.Repeat("|---:", rows[0].Length - 1))).Append("|\n");
        foreach (var row in rows.Skip(1))
        {
            text.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }

        text.Append('\n');
    }

    private static void Field(StringBuilder text, string label, string value)
    {
        text.Append("  ").Append(label).Append(' ', Math.Max(1, LabelWidth - TextReport.DisplayWidth(label)));
        text.Append(value.Replace("\n", "\n  " + new string(' ', LabelWidth), StringComparison.Ordinal)).Append('\n');
    }

    private static string Vocabulary(VocabularyProfile v, Language language) =>
        Placeholders.Fill(ReportText.Get("tok.vocabulary-value", language), ("vocab", Count(v.VocabularySize)), ("added", Count(v.AddedTokens)), ("total", Count(v.TotalSize)))
        + (v.ConfigVocabSize is { } size ? " · " + Placeholders.Fill(ReportText.Get("tok.config", language), ("size", Count(size))) : "");

    private static string Learned(VocabularyProfile v, Language language) =>
        Placeholders.Fill(ReportText.Get("tok.learned-value", language), ("learned", Count(v.LearnedTokens)), ("merges", Count(v.MergeCount)));

    private static string Hangul(VocabularyProfile v, Language language) =>
        Placeholders.Fill(ReportText.Get("tok.hangul-value", language), ("hangul", Count(v.HangulTokens)), ("share", (v.HangulShare * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"), ("words", Count(v.HangulWordTokens)));

    private static string Symbol(TokenizerLineage origin) => origin.ToString().ToLowerInvariant();

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
