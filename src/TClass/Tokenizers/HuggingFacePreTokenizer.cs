using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace TClass.Tokenizers;

/// <summary>How a Hugging Face <c>Split</c> step keeps the text its pattern matches.</summary>
internal enum SplitBehavior
{
    /// <summary>Matches and the text between them become separate pieces.</summary>
    Isolated,

    /// <summary>Each match is joined to the piece before it.</summary>
    MergedWithPrevious,

    /// <summary>Each match is joined to the piece after it.</summary>
    MergedWithNext,

    /// <summary>Matches are dropped.</summary>
    Removed,
}

/// <summary>One step of a Hugging Face pre-tokenizer: a pattern and what to do with its matches.</summary>
internal sealed record SplitStep(Regex Pattern, SplitBehavior Behavior);

/// <summary>
/// The pre-tokenization of a Hugging Face <c>tokenizer.json</c>: added tokens are cut out of the text
/// first and kept whole, then each <c>Split</c> step divides every piece further, keeping the text
/// between matches as the Hugging Face library does (Microsoft.ML.Tokenizers' regex pre-tokenizer
/// keeps only the matches).
/// </summary>
internal sealed class HuggingFacePreTokenizer(Regex? addedTokens, IReadOnlyList<SplitStep> steps) : PreTokenizer
{
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text);
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text.ToString());

    private List<(int Offset, int Length)> Split(string text)
    {
        var pieces = new List<(int Offset, int Length, bool Whole)>();
        var at = 0;
        if (addedTokens is not null)
        {
            foreach (Match match in addedTokens.Matches(text))
            {
                if (match.Index > at)
                {
                    pieces.Add((at, match.Index - at, false));
                }

                pieces.Add((match.Index, match.Length, true));
                at = match.Index + match.Length;
            }
        }

        if (at < text.Length)
        {
            pieces.Add((at, text.Length - at, false));
        }

        foreach (var step in steps)
        {
            var next = new List<(int Offset, int Length, bool Whole)>(pieces.Count * 2);
            foreach (var piece in pieces)
            {
                if (piece.Whole)
                {
                    next.Add(piece);
                    continue;
                }

                foreach (var part in Apply(step, text, piece.Offset, piece.Length))
                {
                    next.Add((part.Offset, part.Length, false));
                }
            }

            pieces = next;
        }

        return [.. pieces.Where(p => p.Length > 0).Select(p => (p.Offset, p.Length))];
    }

    private static IEnumerable<(int Offset, int Length)> Apply(SplitStep step, string text, int offset, int length)
    {
        var end = offset + length;
        var at = offset;
        var pending = -1;
        for (var match = step.Pattern.Match(text, offset, length); match.Success; match = match.NextMatch())
        {
            if (match.Length == 0)
            {
                continue;
            }

            var gapStart = pending >= 0 ? pending : at;
            switch (step.Behavior)
            {
                case SplitBehavior.Isolated:
                    if (match.Index > at)
                    {
                        yield return (at, match.Index - at);
                    }

                    yield return (match.Index, match.Length);
                    break;
                case SplitBehavior.MergedWithPrevious:
                    yield return (at, match.Index + match.Length - at);
                    break;
                case SplitBehavior.MergedWithNext:
                    if (match.Index > gapStart)
                    {
                        yield return (gapStart, match.Index - gapStart);
                    }

                    pending = match.Index;
                    at = match.Index + match.Length;
                    continue;
                case SplitBehavior.Removed:
                    if (match.Index > at)
                    {
                        yield return (at, match.Index - at);
                    }

                    break;
            }

            pending = -1;
            at = match.Index + match.Length;
        }

        var tail = pending >= 0 ? pending : at;
        if (end > tail)
        {
            yield return (tail, end - tail);
        }
    }
}
