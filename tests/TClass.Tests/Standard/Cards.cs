namespace TClass.Tests.Standard;

/// <summary>Building blocks of inline manifests, so each test shows only the facts it is about.</summary>
internal static class Cards
{
    public const string Header = """
        tclass: 1
        model: { id: test-lab/model, developer: Test Lab, country: KR }
        """;

    public const string OwnArchitecture = """
        architecture: { family: own, class: TestForCausalLM, remote_code: true, topology: [attention, normalization] }
        """;

    public const string NativeTokenizer = "tokenizer: { origin: native }";

    public const string OwnData = "data: { curated_by: developer, distillation: none }";

    public const string ForeignServing = """
        infrastructure:
          serving: { chips: [nvidia-h100], cloud: [aws] }
        """;

    public const string DomesticServing = """
        infrastructure:
          serving: { chips: [rebellions-atom], cloud: [kt-cloud] }
        """;

    /// <summary>A manifest of the header and the given top-level sections.</summary>
    public static string Card(params string[] sections) => string.Join("\n", [Header, .. sections]) + "\n";

    /// <summary>A from-scratch model meeting every T5 condition, with the given serving.</summary>
    public static string Native(string serving) =>
        Card("weights: { origin: scratch }", OwnArchitecture, NativeTokenizer, OwnData, serving);
}
