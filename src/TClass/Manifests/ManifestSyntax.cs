namespace TClass.Manifests;

/// <summary>How a manifest is written.</summary>
public enum ManifestSyntax
{
    /// <summary>Decide from the file extension (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>, <c>.md</c>), or from the text when there is none.</summary>
    Auto,

    /// <summary>A standalone YAML manifest.</summary>
    Yaml,

    /// <summary>A standalone JSON manifest.</summary>
    Json,

    /// <summary>A Markdown model card whose YAML front matter holds a <c>tclass:</c> mapping.</summary>
    Markdown,
}
