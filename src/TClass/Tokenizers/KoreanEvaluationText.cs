using System.Collections.Immutable;
using System.Text;
using TClass.Resources;

namespace TClass.Tokenizers;

/// <summary>One register of the Korean evaluation text, e.g. news or conversation.</summary>
/// <param name="Name">The register's name (its file under <c>rules/tokenizers/korean/</c>).</param>
/// <param name="Lines">Its non-empty lines; each is tokenized on its own.</param>
public sealed record TextRegister(string Name, ImmutableArray<string> Lines)
{
    /// <summary>Unicode characters (scalar values), line breaks excluded.</summary>
    public int Characters { get; } = Lines.Sum(l => l.EnumerateRunes().Count());

    /// <summary>Eojeol: the units between spaces, as Korean writing spaces words with their particles.</summary>
    public int Eojeol { get; } = Lines.Sum(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    /// <summary>Hangul syllables (U+AC00–U+D7A3).</summary>
    public int HangulSyllables { get; } = Lines.Sum(l => l.EnumerateRunes().Count(r => TokenText.IsHangulSyllable(r.Value)));
}

/// <summary>
/// The Korean evaluation text bundled with TClass: about 20,000 Hangul syllables written for it in six
/// registers — news, conversation, administrative and legal, technical, numbers, and Korean mixed
/// with English. Every tokenizer is measured on the same text, line by line, without special tokens.
/// </summary>
public sealed class KoreanEvaluationText
{
    /// <summary>The registers, in the order they are reported.</summary>
    public static readonly ImmutableArray<string> RegisterNames = ["news", "conversation", "administrative", "technical", "numbers", "mixed"];

    private static readonly Lazy<KoreanEvaluationText> Embedded = new(() => new KoreanEvaluationText(
        [.. RegisterNames.Select(name => new TextRegister(name,
            [.. EmbeddedRules.Text($"tokenizers/korean/{name}.txt").Normalize(NormalizationForm.FormC).Split('\n')
                .Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)]))]));

    private KoreanEvaluationText(ImmutableArray<TextRegister> registers) => Registers = registers;

    /// <summary>The bundled text.</summary>
    public static KoreanEvaluationText BuiltIn => Embedded.Value;

    /// <summary>The registers.</summary>
    public ImmutableArray<TextRegister> Registers { get; }

    /// <summary>Hangul syllables in all registers.</summary>
    public int HangulSyllables => Registers.Sum(r => r.HangulSyllables);
}
