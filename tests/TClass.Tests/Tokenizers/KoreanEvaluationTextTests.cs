using TClass.Tokenizers;

namespace TClass.Tests.Tokenizers;

/// <summary>The bundled Korean evaluation text is large enough and covers the registers it promises.</summary>
public sealed class KoreanEvaluationTextTests
{
    private static readonly KoreanEvaluationText Text = KoreanEvaluationText.BuiltIn;

    [Fact]
    public void It_holds_at_least_twenty_thousand_Hangul_syllables() => Assert.True(Text.HangulSyllables >= 20_000, $"{Text.HangulSyllables} syllables");

    [Fact]
    public void It_has_six_registers_each_a_real_share_of_the_text()
    {
        Assert.Equal(["news", "conversation", "administrative", "technical", "numbers", "mixed"], Text.Registers.Select(r => r.Name));
        Assert.All(Text.Registers, r => Assert.True(r.HangulSyllables >= 3_000, $"{r.Name}: {r.HangulSyllables}"));
    }

    [Fact]
    public void The_numbers_register_is_full_of_digits_and_the_mixed_register_of_English()
    {
        int Count(string register, Func<char, bool> which) => Text.Registers.Single(r => r.Name == register).Lines.Sum(l => l.Count(which));
        Assert.True(Count("numbers", char.IsAsciiDigit) >= 900);
        Assert.True(Count("mixed", char.IsAsciiLetter) >= 1_200);
    }

    [Fact]
    public void Eojeol_are_the_units_between_spaces()
    {
        var register = new TextRegister("test", ["대한민국은 민주공화국이다.", "  두 칸  띄어도 같다 "]);
        Assert.Equal(6, register.Eojeol);
        Assert.Equal(19, register.HangulSyllables);
    }
}

/// <summary>
/// The cl100k_base and o200k_base counts every report compares with are stored, not recomputed at run
/// time; they must be exactly what the encodings of the packages TClass depends on spend on the text.
/// </summary>
public sealed class KoreanBaselineTests
{
    [Theory]
    [InlineData("cl100k_base")]
    [InlineData("o200k_base")]
    public void The_stored_counts_are_what_the_encoding_spends_on_each_register(string encoding)
    {
        var stored = KoreanEfficiency.ReadBaselines(BuiltInText("tokenizers/korean/baselines.yaml"))[encoding];
        var recomputed = KoreanEfficiency.Counts(Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding(encoding));
        Assert.True(stored.SequenceEqual(recomputed),
            $"rules/tokenizers/korean/baselines.yaml is stale for {encoding}: write {{ "
            + string.Join(", ", KoreanEvaluationText.RegisterNames.Zip(recomputed, (r, n) => $"{r}: {n}")) + " }");
    }

    [Fact]
    public void A_register_without_a_count_is_refused_not_read_as_zero()
    {
        const string yaml = "baselines:\n  cl100k_base: { news: 1 }\n  o200k_base: { news: 1 }\n";
        var error = Assert.Throws<InvalidDataException>(() => KoreanEfficiency.ReadBaselines(yaml));
        Assert.Contains("conversation", error.Message, StringComparison.Ordinal);
    }

    private static string BuiltInText(string path) => TClass.Resources.EmbeddedRules.Text(path);
}
