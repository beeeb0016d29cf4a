using System.Text;
using System.Text.RegularExpressions;

namespace TClass.Tests.Cli;

/// <summary>
/// The output pasted into the README and docs/ is real: every ```console block that starts with
/// "$ tclass …" is run and must print exactly what the block shows (standard error first, then
/// standard output). Run the tests with TCLASS_UPDATE_DOCS=1 to rewrite the blocks from the tool.
/// </summary>
[Collection(CliCollection.Name)]
public partial class DocsTests(Tokenizers.ReferenceFilesFixture references, Weights.RealModelsFixture models)
    : IClassFixture<Tokenizers.ReferenceFilesFixture>, IClassFixture<Weights.RealModelsFixture>
{
    /// <summary>docs/tokenizers.md runs on the reference files in .cache/tokenizers.</summary>
    private readonly Tokenizers.ReferenceFilesFixture _references = references;

    /// <summary>docs/weights.md runs on the real model weights in .cache/models.</summary>
    private readonly Weights.RealModelsFixture _models = models;

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestData.RepoRoot, "docs"), "*.md").Prepend(Path.Combine(TestData.RepoRoot, "README.md")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestData.RepoRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Pasted_output_is_what_the_tool_prints(string document)
    {
        var path = Path.Combine(TestData.RepoRoot, document);
        var text = File.ReadAllText(path);
        var update = Environment.GetEnvironmentVariable("TCLASS_UPDATE_DOCS") == "1";
        var rewritten = ConsoleBlock().Replace(text, block =>
        {
            var command = block.Groups["command"].Value;
            var run = CliRun.Of(command);
            var actual = run.Error + run.Out;
            if (!update)
            {
                Assert.True(block.Groups["output"].Value == actual,
                    $"{document}: the output of '$ tclass {command}' changed; run the tests with TCLASS_UPDATE_DOCS=1 to update it.\n--- pasted\n{block.Groups["output"].Value}\n--- now\n{actual}");
            }

            return new StringBuilder("```console\n$ tclass ").Append(command).Append('\n').Append(actual).Append("```").ToString();
        });
        if (update && rewritten != text)
        {
            File.WriteAllText(path, rewritten);
        }
    }

    [GeneratedRegex(@"```console\n\$ tclass (?<command>[^\n]*)\n(?<output>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();
}
