using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using TClass.Diagnostics;
using TClass.Documents;
using TClass.Resources;

namespace TClass.Weights;

/// <summary>The parts of a model whose weights are judged separately.</summary>
public enum WeightComponent
{
    /// <summary>The transformer blocks of the language model, experts included, and its final norm.</summary>
    Decoder,

    /// <summary>The input token embeddings and the output head.</summary>
    Embeddings,

    /// <summary>A vision encoder (vision tower).</summary>
    Vision,

    /// <summary>An audio encoder.</summary>
    Audio,

    /// <summary>The projector (merger, connector) between an encoder and the language model.</summary>
    Projector,

    /// <summary>Multi-token-prediction heads.</summary>
    Mtp,

    /// <summary>Every tensor the component patterns do not place.</summary>
    Other,
}

/// <summary>How the rows of an anchor tensor are indexed.</summary>
internal enum AnchorRows
{
    /// <summary>One row per vocabulary entry; columns are the residual stream.</summary>
    Tokens,

    /// <summary>Axis 0 is the residual stream; the other axes, flattened, are fixed inputs (pixels, mel bins).</summary>
    Inputs,
}

/// <summary>Where a tensor belongs: its component, its layer (block) and expert, and its role.</summary>
/// <param name="Component">The component.</param>
/// <param name="Key">The name from the component's pattern on (wrapper prefixes such as <c>model.language_model.</c> dropped): tensors of two models match by key.</param>
/// <param name="Layer">The block number within the component, if any.</param>
/// <param name="Expert">The expert number, for a mixture-of-experts tensor.</param>
/// <param name="Role">The key with the layer and expert numbers replaced by <c>{layer}</c> and <c>{expert}</c>.</param>
/// <param name="WritesResidual">Whether the matrix's rows run along the residual stream (attention output, MLP down projection).</param>
/// <param name="Anchor">How the rows are indexed when the tensor anchors its component's residual stream.</param>
/// <param name="Serves">The components whose residual stream an anchor aligns.</param>
internal sealed record TensorPlace(
    WeightComponent Component, string Key, int? Layer, int? Expert, string Role, bool WritesResidual, AnchorRows? Anchor, ImmutableArray<WeightComponent> Serves);

/// <summary>
/// The component patterns of <c>rules/weights/components.yaml</c>: which component a tensor name
/// belongs to, its layer and expert, whether it writes the residual stream, whether it is stored
/// transposed, and which tensors anchor a residual stream.
/// </summary>
internal sealed class ComponentMap
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly Lazy<ComponentMap> BuiltInMap = new(() => Read(EmbeddedRules.Text("weights/components.yaml"), "rules/weights/components.yaml"));

    private readonly ImmutableArray<(WeightComponent Component, Regex Pattern)> _components;
    private readonly Regex _layer;
    private readonly Regex _expert;
    private readonly ImmutableArray<Regex> _writers;
    private readonly ImmutableArray<Regex> _transposed;
    private readonly ImmutableArray<Regex> _ignored;
    private readonly ImmutableArray<(Regex Pattern, AnchorRows Rows, ImmutableArray<WeightComponent> Serves)> _anchors;

    private ComponentMap(
        ImmutableArray<(WeightComponent, Regex)> components, Regex layer, Regex expert,
        ImmutableArray<Regex> writers, ImmutableArray<Regex> transposed, ImmutableArray<Regex> ignored, ImmutableArray<(Regex, AnchorRows, ImmutableArray<WeightComponent>)> anchors)
    {
        _components = components;
        _layer = layer;
        _expert = expert;
        _writers = writers;
        _transposed = transposed;
        _ignored = ignored;
        _anchors = anchors;
    }

    /// <summary>The map shipped with TClass.</summary>
    public static ComponentMap BuiltIn => BuiltInMap.Value;

    /// <summary>The name of a component as reports and JSON write it.</summary>
    public static string Name(WeightComponent component) => component.ToString().ToLowerInvariant();

    /// <summary>Whether <paramref name="name"/> is stored <c>[in, out]</c> by its family's convention.</summary>
    public bool StoredTransposed(string name) => _transposed.Any(p => p.IsMatch(name));

    /// <summary>Whether <paramref name="name"/> is a buffer training never changes (a rotary table, a causal mask).</summary>
    public bool Ignored(string name) => _ignored.Any(p => p.IsMatch(name));

    /// <summary>Where <paramref name="name"/> belongs in a checkpoint laid out as <paramref name="layout"/>.</summary>
    public TensorPlace Place(string name, CheckpointLayout layout)
    {
        var component = WeightComponent.Other;
        var key = name;
        foreach (var (candidate, pattern) in _components)
        {
            var match = pattern.Match(name);
            if (match.Success)
            {
                component = candidate;
                var start = match.Index + (match.Value.StartsWith('.') ? 1 : 0);
                key = name[start..];
                break;
            }
        }

        int? layer = null;
        var role = key;
        var layerMatch = _layer.Match(key);
        if (layerMatch.Success && int.TryParse(layerMatch.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
        {
            layer = l;
            role = key[..layerMatch.Groups[1].Index] + "{layer}" + key[(layerMatch.Groups[1].Index + layerMatch.Groups[1].Length)..];
            if (component == WeightComponent.Decoder && layout.MtpLayers is > 0 && layout.Layers is { } first && l >= first && l < first + layout.MtpLayers)
            {
                component = WeightComponent.Mtp;
                layer = l - first;
            }
            else if (component == WeightComponent.Embeddings && layout.MtpLayers is > 0 && layout.Layers is { } f && l >= f)
            {
                // DeepSeek-V3 stores each MTP block's own embedding and head inside that block.
                component = WeightComponent.Mtp;
                layer = l - f;
            }
        }

        int? expert = null;
        var expertMatch = _expert.Match(role);
        if (expertMatch.Success && int.TryParse(expertMatch.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var e))
        {
            expert = e;
            role = role[..expertMatch.Groups[1].Index] + "{expert}" + role[(expertMatch.Groups[1].Index + expertMatch.Groups[1].Length)..];
        }

        var writes = _writers.Any(p => p.IsMatch(name));
        var anchor = _anchors.FirstOrDefault(a => a.Serves.Contains(component) && a.Pattern.IsMatch(name));
        return new TensorPlace(component, key, layer, expert, role, writes, anchor.Pattern is null ? null : anchor.Rows, anchor.Pattern is null ? [] : anchor.Serves);
    }

    /// <summary>Reads a component map from YAML; a broken built-in file is a bug and throws.</summary>
    public static ComponentMap Read(string yaml, string file)
    {
        var diagnostics = new DiagnosticBag(file);
        var root = DocumentReader.Read(yaml, diagnostics, DocumentLimits.Default);
        if (root is null || diagnostics.HasErrors)
        {
            throw new InvalidDataException($"{file} is not valid:\n" + string.Join("\n", diagnostics.ToImmutableSorted()));
        }

        var components = ImmutableArray.CreateBuilder<(WeightComponent, Regex)>();
        foreach (var entry in root.Items("components"))
        {
            var component = Component(entry.Text("component"), file);
            foreach (var pattern in entry.Texts("patterns"))
            {
                components.Add((component, Pattern(pattern)));
            }
        }

        var anchors = root.Items("anchors").Select(a => (
            Pattern(a.Text("pattern") ?? throw new InvalidDataException($"{file}: an anchor lacks its pattern")),
            a.Text("rows") == "tokens" ? AnchorRows.Tokens : AnchorRows.Inputs,
            a.Texts("serves").Select(s => Component(s, file)).ToImmutableArray())).ToImmutableArray();
        return new ComponentMap(
            components.ToImmutable(),
            Pattern(root.Text("layer") ?? throw new InvalidDataException($"{file} lacks layer")),
            Pattern(root.Text("expert") ?? throw new InvalidDataException($"{file} lacks expert")),
            [.. root.Texts("residual_writers").Select(Pattern)],
            [.. root.Texts("transposed").Select(Pattern)],
            [.. root.Texts("ignore").Select(Pattern)],
            anchors);
    }

    private static WeightComponent Component(string? name, string file) =>
        Enum.GetValues<WeightComponent>().FirstOrDefault(c => Name(c) == name, (WeightComponent)(-1)) is var c && Enum.IsDefined(c)
            ? c : throw new InvalidDataException($"{file}: unknown component '{name}'");

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
}
