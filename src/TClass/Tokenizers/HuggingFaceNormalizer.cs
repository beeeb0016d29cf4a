using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace TClass.Tokenizers;

/// <summary>One step of a Hugging Face normalizer.</summary>
internal abstract record NormalizerStep
{
    public abstract string Apply(string text);

    /// <summary>Unicode normalization (NFC, NFKC, NFD, NFKD).</summary>
    public sealed record Form(NormalizationForm Kind) : NormalizerStep
    {
        public override string Apply(string text) => text.Normalize(Kind);
    }

    /// <summary>Lower-casing, culture-invariant.</summary>
    public sealed record Lowercase : NormalizerStep
    {
        public override string Apply(string text) => text.ToLowerInvariant();
    }

    /// <summary>A literal replacement, e.g. a space by <c>▁</c>.</summary>
    public sealed record Replace(string From, string To) : NormalizerStep
    {
        public override string Apply(string text) => text.Replace(From, To, StringComparison.Ordinal);
    }

    /// <summary>A prefix added to non-empty text, e.g. <c>▁</c>.</summary>
    public sealed record Prepend(string Prefix) : NormalizerStep
    {
        public override string Apply(string text) => text.Length == 0 ? text : Prefix + text;
    }
}

/// <summary>
/// The normalizer of a <c>tokenizer.json</c>: its steps in order. A text that grows past
/// <see cref="TokenizerLimits.MaxNormalizerGrowth"/> times its length (Unicode normalization can
/// lengthen what a replacement put in, step after step) stops the normalizer with a
/// <see cref="NormalizerLimitException"/> before it takes the memory of the machine.
/// </summary>
internal sealed class HuggingFaceNormalizer(IReadOnlyList<NormalizerStep> steps) : Normalizer
{
    public IReadOnlyList<NormalizerStep> Steps => steps;

    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var limit = ((long)original.Length * TokenizerLimits.MaxNormalizerGrowth) + ((long)TokenizerLimits.MaxSteps * TokenizerLimits.MaxInsertedText);
        var text = original;
        foreach (var step in steps)
        {
            text = step.Apply(text);
            if (text.Length > limit)
            {
                throw new NormalizerLimitException(string.Create(CultureInfo.InvariantCulture,
                    $"the normalizer made a text of {original.Length:N0} characters longer than {limit:N0}, more than {TokenizerLimits.MaxNormalizerGrowth} times its length"));
            }
        }

        return text;
    }

    public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());
}

/// <summary>A normalizer made a text longer than <see cref="TokenizerLimits.MaxNormalizerGrowth"/> times its length.</summary>
internal sealed class NormalizerLimitException : Exception
{
    public NormalizerLimitException()
    {
    }

    public NormalizerLimitException(string message)
        : base(message)
    {
    }

    public NormalizerLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
