using System.Collections.Immutable;
using System.Globalization;
using TClass.Catalogs;
using TClass.Manifests;
using TClass.ModelFiles;

namespace TClass.Evidence;

/// <summary>One hyperparameter that differs from the reference configuration.</summary>
/// <param name="Field">The config field, e.g. <c>num_hidden_layers</c>.</param>
/// <param name="Value">The model's value.</param>
/// <param name="Reference">The reference's value.</param>
/// <param name="Change">The manifest change it maps to.</param>
public sealed record HyperParameterDifference(string Field, int Value, int Reference, ArchitectureChange Change);

/// <summary>An imported configuration compared with the published configurations of the catalog.</summary>
/// <param name="Family">The family the configuration belongs to (by model type or class), or the one it copies.</param>
/// <param name="Reference">The nearest published configuration of that family, if any.</param>
/// <param name="Differences">The compared hyperparameters that differ from it (vocabulary is never compared).</param>
/// <param name="RenamedFrom">Set when a class outside the catalog has exactly a published model's hyperparameters.</param>
public sealed record ArchitectureComparison(ArchitectureFamily? Family, ReferenceConfig? Reference, ImmutableArray<HyperParameterDifference> Differences, ReferenceConfig? RenamedFrom)
{
    /// <summary>Whether the configuration equals the reference in every compared hyperparameter.</summary>
    public bool Identical => Reference is not null && Differences.IsEmpty;

    /// <summary>The manifest changes the differences map to, each once, in the order of the format.</summary>
    public ImmutableArray<ArchitectureChange> Changes => [.. Differences.Select(d => d.Change).Distinct().Order()];

    /// <summary>One sentence for evidence and reports.</summary>
    public string Describe()
    {
        if (RenamedFrom is { } renamed)
        {
            return $"hyperparameters identical to {renamed.Model} ({Family?.Key}), under another class name";
        }

        if (Reference is null)
        {
            return Family is null ? "no published family matches the model type or class" : $"{Family.Key} family, no published reference configuration to compare";
        }

        return Differences.IsEmpty
            ? $"identical to {Reference.Model} in layers, hidden, intermediate, heads, kv heads and experts"
            : $"nearest published configuration {Reference.Model}; differs in " + string.Join(", ", Differences.Select(d =>
                string.Create(CultureInfo.InvariantCulture, $"{d.Field} {d.Value} (reference {d.Reference})")));
    }

    /// <summary>Compares <paramref name="config"/> with the catalog.</summary>
    public static ArchitectureComparison Compare(ModelConfig config, ArchitectureCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        var family = catalog.Families.FirstOrDefault(f => config.ModelType is not null && f.ModelTypes.Contains(config.ModelType))
            ?? catalog.Families.FirstOrDefault(f => config.Class is not null && f.Classes.Contains(config.Class));
        if (family is null)
        {
            // A class no catalog family declares: is it a published model under another name?
            var twin = catalog.Families.SelectMany(f => f.References.Select(r => (Family: f, Reference: r)))
                .FirstOrDefault(x => Differ(config.Parameters, x.Reference).IsEmpty && Known(config.Parameters));
            return twin.Reference is null
                ? new ArchitectureComparison(null, null, [], null)
                : new ArchitectureComparison(twin.Family, twin.Reference, [], twin.Reference);
        }

        var nearest = family.References
            .Select(r => (Reference: r, Differences: Differ(config.Parameters, r)))
            .OrderBy(x => x.Differences.Length)
            .ThenBy(x => Math.Abs((long)(config.Parameters.Hidden ?? 0) - x.Reference.Hidden) + Math.Abs((long)(config.Parameters.Layers ?? 0) - x.Reference.Layers))
            .FirstOrDefault();
        return new ArchitectureComparison(family, nearest.Reference, nearest.Differences, null);
    }

    private static bool Known(HyperParameters p) => p.Layers is not null && p.Hidden is not null && p.Heads is not null;

    private static ImmutableArray<HyperParameterDifference> Differ(HyperParameters p, ReferenceConfig r)
    {
        var differences = ImmutableArray.CreateBuilder<HyperParameterDifference>();
        void Check(string field, int? value, int? reference, ArchitectureChange change)
        {
            if (value is { } v && reference is { } expected && v != expected)
            {
                differences.Add(new HyperParameterDifference(field, v, expected, change));
            }
        }

        Check("num_hidden_layers", p.Layers, r.Layers, ArchitectureChange.Depth);
        Check("hidden_size", p.Hidden, r.Hidden, ArchitectureChange.Width);
        Check("intermediate_size", p.Intermediate, r.Intermediate, ArchitectureChange.Width);
        Check("num_attention_heads", p.Heads, r.Heads, ArchitectureChange.Heads);
        Check("num_key_value_heads", p.KvHeads ?? p.Heads, r.KvHeads, ArchitectureChange.KvHeads);
        Check("experts", p.Experts, r.Experts, ArchitectureChange.Experts);
        if ((p.Experts is null) != (r.Experts is null))
        {
            differences.Add(new HyperParameterDifference("experts", p.Experts ?? 0, r.Experts ?? 0, ArchitectureChange.Moe));
        }

        return differences.ToImmutable();
    }
}
