using System.Collections.Frozen;
using System.Collections.Immutable;

namespace TClass.Weights;

/// <summary>A tensor with its place in the model.</summary>
/// <param name="Tensor">The tensor (transposed where its family stores matrices <c>[in, out]</c>).</param>
/// <param name="Place">Its component, layer, expert and role.</param>
/// <param name="Owner">The checkpoint it is read from.</param>
internal sealed record PlacedTensor(WeightTensor Tensor, TensorPlace Place, WeightCheckpoint Owner)
{
    public string Name => Tensor.Name;

    /// <summary>A buffer training never changes (components.yaml's <c>ignore</c>): listed, never compared.</summary>
    public bool Buffer { get; init; }

    public bool Comparable => Tensor.DType.Comparable && Tensor.Elements > 0 && !Buffer;
}

/// <summary>A checkpoint's tensors placed in components, blocks and roles, with the look-ups the tests need.</summary>
internal sealed class PlacedCheckpoint
{
    private readonly FrozenDictionary<string, PlacedTensor> _byKey;
    private readonly FrozenDictionary<(WeightComponent, int, string, int), PlacedTensor> _byLayerRole;

    public PlacedCheckpoint(WeightCheckpoint checkpoint, ComponentMap map)
    {
        Checkpoint = checkpoint;
        Tensors = [.. checkpoint.Tensors.Select(t =>
        {
            var tensor = !t.Transposed && t.Shape.Length == 2 && map.StoredTransposed(t.Name) ? t with { Transposed = true } : t;
            return new PlacedTensor(tensor, map.Place(t.Name, checkpoint.Layout), checkpoint) { Buffer = map.Ignored(t.Name) };
        })];
        _byKey = Tensors.GroupBy(t => t.Place.Key, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _byLayerRole = Tensors.Where(t => t.Place.Layer is not null)
            .GroupBy(t => (t.Place.Component, t.Place.Layer!.Value, t.Place.Role, t.Place.Expert ?? -1))
            .ToFrozenDictionary(g => g.Key, g => g.First());
        Components = [.. Tensors.Select(t => t.Place.Component).Distinct().Order()];
    }

    public WeightCheckpoint Checkpoint { get; }

    public ImmutableArray<PlacedTensor> Tensors { get; }

    /// <summary>The components that have tensors, in enum order.</summary>
    public ImmutableArray<WeightComponent> Components { get; }

    public IEnumerable<PlacedTensor> In(WeightComponent component) => Tensors.Where(t => t.Place.Component == component);

    public PlacedTensor? ByKey(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The tensor of <paramref name="role"/> in block <paramref name="layer"/> (and expert <paramref name="expert"/>), if any.</summary>
    public PlacedTensor? At(WeightComponent component, int layer, string role, int? expert = null) => _byLayerRole.GetValueOrDefault((component, layer, role, expert ?? -1));

    /// <summary>The block numbers of <paramref name="component"/>, in order.</summary>
    public ImmutableArray<int> Layers(WeightComponent component) =>
        [.. In(component).Where(t => t.Place.Layer is not null).Select(t => t.Place.Layer!.Value).Distinct().Order()];

    /// <summary>The anchor of <paramref name="component"/>'s residual stream: the first tensor whose anchor pattern serves it.</summary>
    public PlacedTensor? Anchor(WeightComponent component) =>
        Tensors.Where(t => t.Comparable && t.Place.Anchor is not null && t.Place.Serves.Contains(component))
            .OrderBy(t => t.Place.Component == component ? 0 : 1).ThenBy(t => t.Place.Key.Contains("lm_head", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault();
}
