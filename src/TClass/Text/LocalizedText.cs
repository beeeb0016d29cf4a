namespace TClass.Text;

/// <summary>A language of the explanations.</summary>
public enum Language
{
    /// <summary>English.</summary>
    English,

    /// <summary>Korean (한국어).</summary>
    Korean,
}

/// <summary>A text written in English and in Korean, as rule files provide every question, reason and label.</summary>
/// <param name="En">The English text.</param>
/// <param name="Ko">The Korean text.</param>
public sealed record LocalizedText(string En, string Ko)
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    public string In(Language language) => language == Language.Korean ? Ko : En;

    /// <summary>The English text.</summary>
    public override string ToString() => En;
}

/// <summary>Parsing and naming of <see cref="Language"/> values as they appear on command lines and in files.</summary>
public static class Languages
{
    /// <summary>The short code of a language: <c>en</c> or <c>ko</c>.</summary>
    public static string Code(this Language language) => language == Language.Korean ? "ko" : "en";

    /// <summary>Reads <c>en</c> or <c>ko</c> (case-insensitive).</summary>
    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.ToLowerInvariant())
        {
            case "en":
                language = Language.English;
                return true;
            case "ko":
                language = Language.Korean;
                return true;
            default:
                language = Language.English;
                return false;
        }
    }
}
