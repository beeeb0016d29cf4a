namespace TClass.Rules;

/// <summary>
/// The texts a ruleset must provide under <c>messages:</c>, because explanations are built from them:
/// all wording comes from rule files, none from code.
/// </summary>
public static class MessageKeys
{
    /// <summary>The explanation of a decided result. Placeholders: {steps} {tier} {label}.</summary>
    public const string BecauseDecided = "because.decided";

    /// <summary>The explanation of an undecided result. Placeholders: {steps} {candidates} {missing}.</summary>
    public const string BecauseUndecided = "because.undecided";

    /// <summary>A condition node answered true.</summary>
    public const string AnswerYes = "answer.yes";

    /// <summary>A condition node answered false.</summary>
    public const string AnswerNo = "answer.no";

    /// <summary>A value outside a fact's listed values (facts declared with <c>other: true</c>).</summary>
    public const string AnswerOther = "answer.other";

    /// <summary>A fact the input does not declare.</summary>
    public const string ValueUnknown = "value.unknown";

    /// <summary>The word between alternatives: " or ".</summary>
    public const string ListOr = "list.or";

    /// <summary>Requirement phrases of next-level advice. Placeholder: {values}.</summary>
    public const string NeedsBe = "needs.be";

    /// <inheritdoc cref="NeedsBe"/>
    public const string NeedsNotBe = "needs.not-be";

    /// <inheritdoc cref="NeedsBe"/>
    public const string NeedsInclude = "needs.include";

    /// <inheritdoc cref="NeedsBe"/>
    public const string NeedsExclude = "needs.exclude";

    /// <inheritdoc cref="NeedsBe"/>
    public const string NeedsEmpty = "needs.empty";

    /// <inheritdoc cref="NeedsBe"/>
    public const string NeedsNotEmpty = "needs.not-empty";

    /// <summary>Labels of explored branches when a fact is unknown. Placeholders: {fact} {values}.</summary>
    public const string AssumeBe = "assume.be";

    /// <inheritdoc cref="AssumeBe"/>
    public const string AssumeNotBe = "assume.not-be";

    /// <inheritdoc cref="AssumeBe"/>
    public const string AssumeInclude = "assume.include";

    /// <inheritdoc cref="AssumeBe"/>
    public const string AssumeExclude = "assume.exclude";

    /// <inheritdoc cref="AssumeBe"/>
    public const string AssumeEmpty = "assume.empty";

    /// <inheritdoc cref="AssumeBe"/>
    public const string AssumeNotEmpty = "assume.not-empty";

    /// <summary>Every required key.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        BecauseDecided, BecauseUndecided, AnswerYes, AnswerNo, AnswerOther, ValueUnknown, ListOr,
        NeedsBe, NeedsNotBe, NeedsInclude, NeedsExclude, NeedsEmpty, NeedsNotEmpty,
        AssumeBe, AssumeNotBe, AssumeInclude, AssumeExclude, AssumeEmpty, AssumeNotEmpty,
    ];

    /// <summary>Placeholders a message may use besides parameters and fact paths.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["steps", "tier", "label", "candidates", "missing", "values", "fact"];
}
