using System.Collections.Concurrent;
using System.Globalization;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;

namespace TClass.Tests.Properties;

/// <summary>Same input, same bytes out — in any culture, on any number of threads, in any run.</summary>
public class DeterminismTests
{
    private static readonly string[] Cultures = ["", "en-US", "tr-TR", "de-DE", "ar-SA", "ko-KR", "th-TH", "fa-IR"];

    private static IEnumerable<string> AllRenderings()
    {
        foreach (var ruleset in new[] { TestData.Reference, TestData.Strict })
        {
            var classifier = TClassifier.Create(new ClassifierOptions { Ruleset = ruleset });
            foreach (var file in Directory.GetFiles(TestData.ExamplesDir).Order(StringComparer.Ordinal))
            {
                var result = classifier.Classify(ManifestReader.Read(file).Manifest!);
                yield return JsonReport.Render(result, Language.English);
                yield return JsonReport.Render(result, Language.Korean);
            }
        }
    }

    [Fact]
    public void Output_is_byte_identical_in_every_culture()
    {
        var original = CultureInfo.CurrentCulture;
        var originalUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var expected = AllRenderings().ToList();
            foreach (var name in Cultures)
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
                Assert.Equal(expected, AllRenderings().ToList());
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = originalUi;
        }
    }

    [Fact]
    public void Output_is_byte_identical_on_many_threads()
    {
        var expected = AllRenderings().ToList();
        var seen = new ConcurrentBag<List<string>>();

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ => seen.Add(AllRenderings().ToList()));

        Assert.All(seen, rendering => Assert.Equal(expected, rendering));
    }

    [Fact]
    public void One_classifier_is_safe_to_share_between_threads()
    {
        var classifier = TClassifier.Create();
        var manifests = Directory.GetFiles(TestData.ExamplesDir).Order(StringComparer.Ordinal)
            .Select(f => ManifestReader.Read(f).Manifest!).ToList();
        var expected = manifests.Select(m => JsonReport.Render(classifier.Classify(m))).ToList();

        var results = new string[manifests.Count * 50];
        Parallel.For(0, results.Length, i => results[i] = JsonReport.Render(classifier.Classify(manifests[i % manifests.Count])));

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal(expected[x.i % manifests.Count], x.r));
    }
}
