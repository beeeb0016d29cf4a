using System.Text.RegularExpressions;

namespace TClass.Tests.Architecture;

/// <summary>
/// The library's folders are layers that depend one way: each may use only the layers listed for
/// it, every folder is its namespace, and nothing below the classification façade (the root
/// namespace) uses the façade's types.
/// </summary>
public partial class LayeringTests
{
    /// <summary>Each namespace under <c>TClass.</c> and the namespaces it may use.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Text"] = [],
        ["Diagnostics"] = [],
        ["Resources"] = [],
        ["Files"] = [],
        ["Documents"] = ["Diagnostics", "Files", "Resources", "Text"],
        ["Catalogs"] = ["Diagnostics", "Documents", "Resources"],
        ["Facts"] = ["Documents"],
        ["ModelFiles"] = ["Diagnostics", "Files", "Text"],
        ["Rules"] = ["Diagnostics", "Documents", "Facts", "Resources", "Text"],
        ["Engine"] = ["Facts", "Rules", "Text"],
        ["Manifests"] = ["Catalogs", "Diagnostics", "Documents", "Facts", "Files", "Resources", "Text"],
        ["Tokenizers"] = ["Diagnostics", "Documents", "ModelFiles", "Resources", "Text"],
        ["Weights"] = ["Diagnostics", "Documents", "ModelFiles", "Resources", "Text", "Tokenizers"],
        ["Evidence"] = ["Catalogs", "Diagnostics", "Documents", "Facts", "Manifests", "ModelFiles", "Text", "Tokenizers", "Weights"],
        [""] = ["Catalogs", "Diagnostics", "Documents", "Engine", "Evidence", "Facts", "Manifests", "Resources", "Rules", "Text"],
        ["Reports"] = ["", "Diagnostics", "Documents", "Facts", "Manifests", "Resources", "Rules", "Text", "Tokenizers", "Weights"],
        ["Exports"] = ["", "Diagnostics", "Documents", "Evidence", "Manifests", "Reports", "Rules", "Text", "Weights"],
        ["Audits"] = ["", "Diagnostics", "Documents", "Engine", "Facts", "Manifests", "Reports", "Resources", "Rules", "Text"],
    };

    private static string SourceRoot => Path.Combine(TestData.RepoRoot, "src", "TClass");

    public static TheoryData<string> SourceFiles() => [.. Files()];

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SourceRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void Every_folder_is_its_namespace(string file)
    {
        var folder = Path.GetDirectoryName(file)!.Replace('/', '.');
        Assert.Equal(folder.Length == 0 ? "TClass" : "TClass." + folder, Namespace(file));
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void A_layer_uses_only_the_layers_below_it(string file)
    {
        var layer = Layer(file);
        Assert.True(Allowed.ContainsKey(layer), $"the folder '{layer}' is not a known layer; add it to the table with what it may use.");
        var used = UsingPattern().Matches(Code(file)).Select(m => m.Groups[1].Value.TrimStart('.')).Where(u => u != layer).Distinct();
        Assert.Empty(used.Except(Allowed[layer]));
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void Nothing_below_the_facade_uses_its_types(string file)
    {
        var layer = Layer(file);
        if (Allowed[layer].Contains("") || layer.Length == 0)
        {
            return;
        }

        var facade = typeof(TClassifier).Assembly.GetTypes()
            .Where(t => t.Namespace == "TClass" && !t.IsNested && !t.Name.StartsWith('<'))
            .Select(t => t.Name.Split('`')[0]);
        var code = Code(file);
        Assert.DoesNotContain(facade, name => Regex.IsMatch(code, $@"\b{name}\b"));
    }

    [Fact]
    public void The_table_names_every_layer_and_only_known_layers()
    {
        var layers = Files().Select(Layer).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(layers.Order(StringComparer.Ordinal), Allowed.Keys.Order(StringComparer.Ordinal));
        Assert.All(Allowed.Values.SelectMany(v => v), used => Assert.Contains(used, Allowed.Keys));
    }

    private static string Layer(string file) => file.Contains('/', StringComparison.Ordinal) ? file[..file.IndexOf('/', StringComparison.Ordinal)] : "";

    private static string Namespace(string file) =>
        NamespacePattern().Match(File.ReadAllText(Path.Combine(SourceRoot, file))).Groups[1].Value;

    /// <summary>The file without comments, so a <c>see cref</c> in a doc comment is not counted as a use.</summary>
    private static string Code(string file) =>
        CommentPattern().Replace(File.ReadAllText(Path.Combine(SourceRoot, file)), "");

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^using TClass((?:\.\w+)?)(?:\.\w+)*;", RegexOptions.Multiline)]
    private static partial Regex UsingPattern();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex CommentPattern();
}
