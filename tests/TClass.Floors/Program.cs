// The floors of the whole-process benchmark: each mode does only what its name says, with the
// libraries TClass builds on and nothing of TClass.
//
//   hello                              print one line (a ReadyToRun hello-world)
//   yaml <folder>                      parse every *.yaml file of the folder with YamlDotNet (events only)
//   tokenizer <tokenizer.json> <dir>   build the file's byte-level BPE with Microsoft.ML.Tokenizers and
//                                      encode every non-empty line of the *.txt files in <dir>
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using YamlDotNet.Core;

return args switch
{
    ["hello"] => Hello(),
    ["yaml", var folder] => Yaml(folder),
    ["tokenizer", var file, var texts] => Tokenize(file, texts),
    _ => Usage(),
};

static int Hello()
{
    Console.WriteLine("hello");
    return 0;
}

static int Yaml(string folder)
{
    var files = Directory.GetFiles(folder, "*.yaml");
    Array.Sort(files, StringComparer.Ordinal);
    long events = 0;
    foreach (var file in files)
    {
        var parser = new Parser(new StringReader(File.ReadAllText(file)));
        while (parser.MoveNext())
        {
            events++;
        }
    }

    Console.WriteLine($"{files.Length} files, {events} events");
    return 0;
}

static int Tokenize(string file, string texts)
{
    using var document = JsonDocument.Parse(File.ReadAllBytes(file));
    var model = document.RootElement.GetProperty("model");
    var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var entry in model.GetProperty("vocab").EnumerateObject())
    {
        vocab[entry.Name] = entry.Value.GetInt32();
    }

    var merges = new List<string>();
    foreach (var merge in model.GetProperty("merges").EnumerateArray())
    {
        merges.Add(merge.ValueKind == JsonValueKind.Array ? merge[0].GetString() + " " + merge[1].GetString() : merge.GetString()!);
    }

    var pattern = document.RootElement.GetProperty("pre_tokenizer").GetProperty("pretokenizers")[0].GetProperty("pattern").GetProperty("Regex").GetString()!;
    var tokenizer = BpeTokenizer.Create(new BpeOptions(vocab)
    {
        Merges = merges,
        ByteLevel = true,
        PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.CultureInvariant), null),
    });

    long tokens = 0;
    foreach (var text in Directory.GetFiles(texts, "*.txt").Order(StringComparer.Ordinal))
    {
        foreach (var line in File.ReadAllText(text).Normalize(NormalizationForm.FormC).Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                tokens += tokenizer.CountTokens(line.TrimEnd('\r'));
            }
        }
    }

    Console.WriteLine($"{vocab.Count} tokens in the vocabulary, {tokens} tokens on the text");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: TClass.Floors hello | yaml <folder> | tokenizer <tokenizer.json> <text folder>");
    return 2;
}
