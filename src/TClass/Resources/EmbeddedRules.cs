namespace TClass.Resources;

/// <summary>The files under <c>rules/</c>, embedded in the library at build time.</summary>
internal static class EmbeddedRules
{
    /// <summary>The text of <c>rules/<paramref name="relativePath"/></c>, e.g. <c>catalog/architectures.yaml</c>.</summary>
    public static string Text(string relativePath)
    {
        using var reader = new StreamReader(Open(relativePath));
        return reader.ReadToEnd();
    }

    /// <summary>The bytes of <c>rules/<paramref name="relativePath"/></c>.</summary>
    public static byte[] Bytes(string relativePath)
    {
        using var stream = Open(relativePath);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Stream Open(string relativePath)
    {
        var name = Prefix + relativePath.Replace('/', '.');
        return typeof(EmbeddedRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
    }

    /// <summary>Names of the embedded files directly under <c>rules/</c> (not in a sub-folder) ending with <paramref name="extension"/>.</summary>
    public static IEnumerable<string> TopLevel(string extension) =>
        typeof(EmbeddedRules).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Where(n => !n.StartsWith("catalog.", StringComparison.Ordinal) && !n.StartsWith("schema.", StringComparison.Ordinal)
                && !n.StartsWith("i18n.", StringComparison.Ordinal) && !n.StartsWith("templates.", StringComparison.Ordinal)
                && !n.StartsWith("tokenizers.", StringComparison.Ordinal) && !n.StartsWith("weights.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// The embedded text files as paths under <c>rules/</c> (e.g. <c>catalog/architectures.yaml</c>), in
    /// ordinal order: what an installed tool has instead of the repository's folder.
    /// </summary>
    public static IEnumerable<string> TextFiles() =>
        typeof(EmbeddedRules).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && (n.EndsWith(".yaml", StringComparison.Ordinal) || n.EndsWith(".json", StringComparison.Ordinal)))
            .Select(n => n[Prefix.Length..])
            .Select(n => Folders.FirstOrDefault(f => n.StartsWith(f.Replace('/', '.') + ".", StringComparison.Ordinal)) is { } folder ? folder + "/" + n[(folder.Length + 1)..] : n)
            .Order(StringComparer.Ordinal);

    /// <summary>The sub-folders of <c>rules/</c>, deepest first where one holds another.</summary>
    private static readonly string[] Folders = ["catalog", "i18n", "schema", "templates", "tokenizers/korean", "tokenizers", "weights"];

    private const string Prefix = "TClass.rules.";
}
