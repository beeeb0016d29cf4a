using System.Diagnostics;
using CsCheck;
using TClass.Text;

namespace TClass.Tests.Cli;

/// <summary>
/// Every file of <c>tests/fixtures/hostile</c>, and generated ones, through the commands that read
/// manifests: each is refused cleanly — exit 2, a message naming the file, no stack trace, no control
/// character reaching the terminal — in bounded time.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HostileCorpusTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("tclass-hostile-corpus-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, "tests", "fixtures", "hostile")).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "README.md")
            {
                continue;
            }

            foreach (var command in new[] { "validate", "classify", "explain" })
            {
                data.Add(Path.GetRelativePath(TestData.RepoRoot, file), command);
            }
        }

        return data;
    }

    private static void AssertCleanRefusal(CliRun run, string file)
    {
        Assert.Equal(2, run.Exit);
        Assert.Contains(file, run.Error, StringComparison.Ordinal);
        FirstHourTests.AssertNoStackTrace(run);
        Assert.False(ControlCharacters.Any(run.Out + run.Error), "a control character reached the terminal");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_hostile_card_is_refused_cleanly(string file, string command)
    {
        var clock = Stopwatch.StartNew();
        var run = CliRun.Of([command, file]);

        AssertCleanRefusal(run, file);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the refusal took " + clock.Elapsed);
    }

    [Fact]
    public void A_card_past_the_size_limit_is_refused_without_being_read_whole()
    {
        var file = Path.Combine(_scratch, "huge.yaml");
        using (var stream = File.Create(file))
        {
            stream.Write("tclass: 1\nmodel: { id: a/b }\n# "u8);
            stream.SetLength(64L * 1024 * 1024);
        }

        var run = CliRun.Of(["validate", file]);

        AssertCleanRefusal(run, file);
        Assert.Contains("the limit of a document", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_and_mangled_cards_never_crash_a_command()
    {
        var seeds = Directory.GetFiles(TestData.ExamplesDir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        var file = Path.Combine(_scratch, "card.yaml");
        var inputs = Gen.OneOf(
            Gen.Byte.Array[0, 400],
            Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 4000].Array[1, 6], Gen.Byte.Array[1, 6], (seed, positions, bytes) =>
            {
                var card = seeds[seed].ToList();
                for (var i = 0; i < positions.Length; i++)
                {
                    card.Insert(positions[i] % (card.Count + 1), bytes[i % bytes.Length]);
                }

                return card.ToArray();
            }));

        inputs.Sample(bytes =>
        {
            File.WriteAllBytes(file, bytes);
            var run = CliRun.Of(["classify", file, "--format", "json"]);

            Assert.Contains(run.Exit, new[] { 0, 2 });
            FirstHourTests.AssertNoStackTrace(run);
            Assert.False(ControlCharacters.Any(run.Error), "a control character reached the terminal");
        }, iter: 300, threads: 1);
    }
}
