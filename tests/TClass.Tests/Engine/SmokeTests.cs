using TClass.Manifests;
using TClass.Reports;

namespace TClass.Tests.Engine;

public class SmokeTests
{
    [Fact]
    public void Classifies_example()
    {
        var read = ManifestReader.Read("../../../../../docs/examples/t5-native-architecture.yaml");
        foreach (var d in read.Diagnostics) Console.WriteLine(d);
        var result = TClassifier.Create().Classify(read.Manifest!);
        Console.WriteLine(JsonReport.Render(result));
        Console.WriteLine(result.Because(TClass.Text.Language.Korean));
    }
}
