using BenchmarkDotNet.Attributes;
using TClass.References;
using TClass.Tokenizers;

namespace TClass.Benchmarks;

/// <summary>
/// The figure issue 6 sets: analysing a 150k-vocabulary tokenizer.json — load, Korean efficiency and
/// every reference comparison — in ≤ 2 s. Qwen 2.5's tokenizer.json (151,643 tokens, 7 MB) comes
/// from the reference cache (<c>dotnet run --project tools/TClass.References -- fetch</c>).
/// </summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private string _path = null!;
    private TokenizerFile _tokenizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(ReferenceFiles.DefaultCache(Repo.Root), "qwen2_5", "tokenizer.json");
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException("fetch the reference tokenizers first: dotnet run --project tools/TClass.References -- fetch", _path);
        }

        _tokenizer = TokenizerReader.Read(_path).Tokenizer!;
        _ = TokenizerAnalysis.Of(_tokenizer);
    }

    /// <summary>The whole analysis of <c>tclass tokenizer</c>: read, measure, compare with all references, propose.</summary>
    [Benchmark(Baseline = true)]
    public TokenizerAnalysis Analyse() => TokenizerAnalysis.Analyse(_path).Analysis!;

    /// <summary>Reading the file and building the tokenizer with Microsoft.ML.Tokenizers.</summary>
    [Benchmark]
    public TokenizerFile Load() => TokenizerReader.Read(_path).Tokenizer!;

    /// <summary>Encoding the Korean evaluation text.</summary>
    [Benchmark]
    public KoreanEfficiency? Efficiency() => KoreanEfficiency.Measure(_tokenizer);

    /// <summary>Comparing with all eight references and proposing the origin.</summary>
    [Benchmark]
    public TokenizerAnalysis Compare() => TokenizerAnalysis.Of(_tokenizer, measureEfficiency: false);
}
