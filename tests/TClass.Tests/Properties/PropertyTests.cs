using CsCheck;
using TClass.Manifests;
using TClass.Reports;

namespace TClass.Tests.Properties;

/// <summary>Properties that hold for every input, checked on generated ones.</summary>
public class PropertyTests
{
    private static readonly TClassifier Reference = TClassifier.Create();
    private static readonly TClassifier Strict = TClassifier.Create(new ClassifierOptions { Ruleset = TestData.Strict });

    private static readonly string[] Seeds = Directory.GetFiles(TestData.ExamplesDir).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    /// <summary>A card from the space: a choice per group, with up to four groups hidden.</summary>
    private static readonly Gen<int[]> Cards =
        from picks in Gen.Int[0, 1000].Array[CardSpace.Groups.Length]
        from hide in Gen.Int[0, CardSpace.Hideable.Length - 1].Array[0, 4]
        select picks.Select((p, g) => hide.Any(h => CardSpace.Hideable[h] == g) ? -1 : p % CardSpace.Groups[g].Length).ToArray();

    private static Classification Classify(TClassifier classifier, int[] choices)
    {
        var read = ManifestReader.Parse(CardSpace.Render(choices), "generated.yaml");
        Assert.True(read.Succeeded, CardSpace.Render(choices) + string.Join("\n", read.Diagnostics));
        return classifier.Classify(read.Manifest!);
    }

    [Fact]
    public void No_edit_of_a_card_crashes_the_reader_or_the_engine()
    {
        const string Alphabet = "{}[]:,-&*!|>#'\"\n\t ?%@`\\0xTtrue~.";
        var edits = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 5000].Array[1, 8], Gen.Char[Alphabet].Array[1, 8]);

        edits.Sample((seed, positions, inserts) =>
        {
            var text = Seeds[seed];
            for (var i = 0; i < positions.Length; i++)
            {
                var at = positions[i] % (text.Length + 1);
                text = (positions[i] % 3) switch
                {
                    0 => text.Insert(at, inserts[i % inserts.Length].ToString()),
                    1 => text.Remove(at, Math.Min(1 + (positions[i] % 7), text.Length - at)),
                    _ => text.Insert(at, text[..Math.Min(at, 40)]),
                };
            }

            foreach (var syntax in new[] { ManifestSyntax.Yaml, ManifestSyntax.Markdown })
            {
                var read = ManifestReader.Parse(text, "fuzzed", syntax);
                Assert.True(read.Succeeded || read.Errors.Any());
                Assert.All(read.Diagnostics, d => Assert.False(string.IsNullOrEmpty(d.Message)));
                if (read.Manifest is { } manifest)
                {
                    _ = JsonReport.Render(Reference.Classify(manifest));
                }
            }
        }, iter: 3000);
    }

    [Fact]
    public void No_random_text_crashes_the_reader()
    {
        Gen.String[0, 300].Sample(text =>
        {
            var read = ManifestReader.Parse(text, "random.yaml");
            Assert.True(read.Succeeded || read.Errors.Any());
        }, iter: 3000);
    }

    [Fact]
    public void Candidates_are_exactly_the_levels_some_completion_of_the_unknown_facts_reaches()
    {
        Cards.Sample(choices =>
        {
            foreach (var classifier in new[] { Reference, Strict })
            {
                var partial = Classify(classifier, choices).Candidates();
                var reached = CardSpace.Completions(choices)
                    .Select(c => Classify(classifier, c).Outcome!.Id)
                    .Distinct()
                    .ToHashSet(StringComparer.Ordinal);

                Assert.True(reached.SetEquals(partial),
                    $"{CardSpace.Render(choices)}\ncandidates: {string.Join(", ", partial)}\ncompletions reach: {string.Join(", ", reached.Order(StringComparer.Ordinal))}");
            }
        }, iter: 150);
    }

    [Fact]
    public void Declaring_a_fact_never_widens_the_candidates()
    {
        var gen = from choices in Cards
                  from index in Gen.Int[0, CardSpace.Groups.Length - 1]
                  from value in Gen.Int[0, 1000]
                  select (choices, index, value);
        gen.Sample(t =>
        {
            var (choices, index, value) = t;
            var declared = (int[])choices.Clone();
            declared[index] = choices[index] >= 0 ? choices[index] : value % CardSpace.Groups[index].Length;

            var before = Classify(Reference, choices).Candidates();
            var after = Classify(Reference, declared).Candidates();

            Assert.Subset(before.ToHashSet(StringComparer.Ordinal), after.ToHashSet(StringComparer.Ordinal));
        }, iter: 500);
    }

    [Fact]
    public void Every_missing_fact_would_narrow_the_candidates_and_a_decided_result_misses_none()
    {
        Cards.Sample(choices =>
        {
            var result = Classify(Reference, choices);
            if (result.Outcome is not null)
            {
                Assert.Empty(result.Missing);
            }
            else
            {
                Assert.NotEmpty(result.Missing);
            }
        }, iter: 300);
    }
}
