using System.Text;

namespace TClass.Tests.Properties;

/// <summary>
/// A finite space of valid manifests: each field group has a few representative choices, enough to
/// reach every branch of the T-Class trees. A card is a choice per group, or "hidden" (undeclared);
/// groups whose facts constrain each other's validity are hidden together.
/// </summary>
internal static class CardSpace
{
    public static readonly string[][] Groups =
    [
        // weights (origin, base, adaptation)
        [
            "weights: { origin: api }",
            "weights: { origin: closed-finetune, base: gpt-4o-mini }",
            "weights: { origin: open-derivative, base: Qwen/Qwen2.5-7B, adaptation: [sft, cpt] }",
            "weights: { origin: open-derivative, base: mistralai/Mistral-7B-v0.1, adaptation: [depth-upscaling] }",
            "weights: { origin: scratch }",
            "weights: { origin: own-checkpoint, base: test-lab/earlier }",
        ],
        // architecture (family with its topology, config, changes)
        [
            "architecture: { family: own, topology: [attention] }",
            "architecture: { family: llama, config: identical }",
            "architecture: { family: llama, config: modified }",
            "architecture: { family: qwen2, changes: [moe] }",
        ],
        // tokenizer
        ["tokenizer: { origin: native }", "tokenizer: { origin: expanded, base: llama3 }", "tokenizer: { origin: reused, base: qwen2.5 }"],
        // components (absent means none; a third-party one is partial reuse)
        ["", "components: [{ name: vit, origin: third-party, base: google/siglip-so400m }]", "components: [{ name: vit, origin: scratch }]"],
        // data, one group per fact
        ["data.curated_by: developer", "data.curated_by: third-party"],
        ["data.distillation: none", "data.distillation: partial", "data.distillation: dominant"],
        ["data.teachers: [{ id: test-lab/own-large, origin: own }]", "data.teachers: [{ id: gpt-4o, origin: third-party }]"],
        // serving and training chips and clouds
        ["infrastructure.serving.chips: [rebellions-atom]", "infrastructure.serving.chips: [nvidia-h100]", "infrastructure.serving.chips: [furiosa-rngd, nvidia-h100]"],
        ["infrastructure.serving.cloud: [kt-cloud]", "infrastructure.serving.cloud: [aws]"],
        ["infrastructure.training.chips: [rebellions-atom]", "infrastructure.training.chips: [nvidia-h100]"],
        ["infrastructure.training.cloud: [naver-cloud]", "infrastructure.training.cloud: [gcp]"],
    ];

    /// <summary>
    /// The groups that can be left undeclared. Components cannot: the format reads absent components
    /// as "none", a known fact.
    /// </summary>
    public static readonly int[] Hideable = [.. Enumerable.Range(0, Groups.Length).Where(g => g != ComponentsGroup)];

    private const int ComponentsGroup = 3;

    /// <summary>The manifest of <paramref name="choices"/>; a negative choice hides the group.</summary>
    public static string Render(IReadOnlyList<int> choices)
    {
        var text = new StringBuilder("tclass: 1\nmodel: { id: test-lab/generated, country: KR }\n");
        var sections = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        for (var group = 0; group < Groups.Length; group++)
        {
            var line = choices[group] < 0 ? "" : Groups[group][choices[group]];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? "" : line[..colon];
            if (!key.Contains('.', StringComparison.Ordinal))
            {
                text.Append(line).Append(line.Length > 0 ? "\n" : "");
                continue;
            }

            // "data.distillation: none" is merged with its siblings into "data: { distillation: none, ... }".
            var dot = key.LastIndexOf('.');
            sections.TryAdd(key[..dot], []);
            sections[key[..dot]].Add(key[(dot + 1)..] + line[colon..]);
        }

        foreach (var parent in sections.Keys.Select(k => k.Split('.')[0]).Distinct())
        {
            if (sections.TryGetValue(parent, out var flat))
            {
                text.Append(parent).Append(": { ").Append(string.Join(", ", flat)).Append(" }\n");
                continue;
            }

            text.Append(parent).Append(":\n");
            foreach (var (section, entries) in sections.Where(s => s.Key.StartsWith(parent + ".", StringComparison.Ordinal)))
            {
                text.Append("  ").Append(section[(parent.Length + 1)..]).Append(": { ").Append(string.Join(", ", entries)).Append(" }\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Every way to fill the hidden groups of <paramref name="choices"/>.</summary>
    public static IEnumerable<int[]> Completions(int[] choices)
    {
        var hidden = Enumerable.Range(0, choices.Length).Where(g => choices[g] < 0).ToList();
        IEnumerable<int[]> all = [(int[])choices.Clone()];
        foreach (var group in hidden)
        {
            all = all.SelectMany(c => Enumerable.Range(0, Groups[group].Length).Select(v =>
            {
                var next = (int[])c.Clone();
                next[group] = v;
                return next;
            }));
        }

        return all;
    }
}
