using System.Collections.Immutable;
using System.Text.Json;

namespace TClass.ModelFiles;

/// <summary>The hyperparameters T-Class compares (vocabulary is recorded, never compared).</summary>
/// <param name="Layers">Hidden layers.</param>
/// <param name="Hidden">Hidden size.</param>
/// <param name="Intermediate">Intermediate (feed-forward) size.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="KvHeads">Key/value heads.</param>
/// <param name="Experts">Routed experts, for mixture-of-experts models.</param>
/// <param name="Vocab">Vocabulary size.</param>
public sealed record HyperParameters(int? Layers, int? Hidden, int? Intermediate, int? Heads, int? KvHeads, int? Experts, int? Vocab);

/// <summary>A sub-model described inside config.json (a vision or audio encoder of a multimodal model).</summary>
/// <param name="Key">The config key, e.g. <c>vision_config</c>.</param>
/// <param name="ModelType">Its <c>model_type</c>, if given.</param>
public sealed record SubModel(string Key, string? ModelType);

/// <summary>
/// One entry of <c>auto_map</c>: the code an Auto class loads when <c>trust_remote_code</c> is given,
/// written <c>module.Class</c> (a module shipped with the weights) or <c>org/repo--module.Class</c>
/// (a module of another repository).
/// </summary>
/// <param name="AutoClass">The Auto class, e.g. <c>AutoModelForCausalLM</c> or <c>AutoTokenizer</c>.</param>
/// <param name="Repository">The other repository the module lives in, or null when it is shipped with the weights.</param>
/// <param name="Module">The Python module, e.g. <c>modeling_phi3</c>.</param>
/// <param name="ClassName">The class inside the module.</param>
public sealed record CodeReference(string AutoClass, string? Repository, string Module, string ClassName)
{
    /// <summary>Whether this entry loads the model itself (an <c>AutoModel…</c> class), not its configuration or tokenizer.</summary>
    public bool IsModel => AutoClass.StartsWith("AutoModel", StringComparison.Ordinal);

    /// <summary>The module's file name, e.g. <c>modeling_phi3.py</c>.</summary>
    public string File => Module + ".py";

    /// <summary>Reads one <c>auto_map</c> value, or null when it is not <c>[repo--]module.Class</c>.</summary>
    internal static CodeReference? Parse(string autoClass, string value)
    {
        var split = value.IndexOf("--", StringComparison.Ordinal);
        var repository = split > 0 ? value[..split] : null;
        var reference = split > 0 ? value[(split + 2)..] : value;
        var dot = reference.LastIndexOf('.');
        return dot <= 0 || dot == reference.Length - 1 ? null : new CodeReference(autoClass, repository, reference[..dot], reference[(dot + 1)..]);
    }
}

/// <summary>What a Hugging Face <c>config.json</c> says, read leniently: absent or mistyped fields are null.</summary>
/// <param name="Class">The first <c>architectures</c> entry.</param>
/// <param name="ModelType">The <c>model_type</c>.</param>
/// <param name="Code">The <c>auto_map</c> entries, in the file's order.</param>
/// <param name="Parameters">The text model's hyperparameters (from <c>text_config</c> when there is one).</param>
/// <param name="SubModels">Sub-models with their own configuration.</param>
/// <param name="Quantization">The <c>quantization_config.quant_method</c>, if any.</param>
public sealed record ModelConfig(string? Class, string? ModelType, ImmutableArray<CodeReference> Code, HyperParameters Parameters, ImmutableArray<SubModel> SubModels, string? Quantization)
{
    /// <summary>Whether <c>auto_map</c> names code that loads the model (shipped with the weights or in another repository).</summary>
    public bool RemoteCode => Code.Any(c => c.IsModel);

    private static readonly string[] SubModelKeys = ["vision_config", "audio_config", "speech_config", "vision_tower_config", "image_config", "talker_config", "thinker_config", "encoder_config"];

    /// <summary>Reads the fields TClass uses from a parsed config.json.</summary>
    public static ModelConfig From(JsonElement root)
    {
        var text = root.TryGetProperty("text_config", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
        var parameters = new HyperParameters(
            Int(text, "num_hidden_layers", "num_layers", "n_layer", "n_layers"),
            Int(text, "hidden_size", "n_embd", "d_model", "dim"),
            Int(text, "intermediate_size", "ffn_hidden_size", "n_inner"),
            Int(text, "num_attention_heads", "n_head", "n_heads"),
            Int(text, "num_key_value_heads", "num_kv_heads", "n_head_kv", "multi_query_group_num") ?? (Bool(text, "multi_query") == true ? 1 : null),
            Int(text, "num_local_experts", "n_routed_experts", "num_experts", "moe_num_experts"),
            Int(text, "vocab_size", "padded_vocab_size") ?? Int(root, "vocab_size"));
        return new ModelConfig(
            root.TryGetProperty("architectures", out var classes) && classes.ValueKind == JsonValueKind.Array && classes.GetArrayLength() > 0
                && classes[0].ValueKind == JsonValueKind.String ? classes[0].GetString() : null,
            Str(root, "model_type"),
            AutoMap(root),
            parameters,
            [.. SubModelKeys.Where(k => root.TryGetProperty(k, out var sub) && sub.ValueKind == JsonValueKind.Object)
                .Select(k => new SubModel(k, Str(root.GetProperty(k), "model_type")))],
            root.TryGetProperty("quantization_config", out var q) && q.ValueKind == JsonValueKind.Object ? Str(q, "quant_method") ?? "unspecified" : null);
    }

    /// <summary>
    /// The entries of <c>auto_map</c>: each value is <c>[repo--]module.Class</c>, or a list of them (a
    /// tokenizer's slow and fast classes, either possibly null).
    /// </summary>
    private static ImmutableArray<CodeReference> AutoMap(JsonElement root)
    {
        if (!root.TryGetProperty("auto_map", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var entries = ImmutableArray.CreateBuilder<CodeReference>();
        foreach (var entry in map.EnumerateObject())
        {
            var values = entry.Value.ValueKind == JsonValueKind.Array ? entry.Value.EnumerateArray().ToList() : [entry.Value];
            entries.AddRange(values.Where(v => v.ValueKind == JsonValueKind.String)
                .Select(v => CodeReference.Parse(entry.Name, v.GetString()!)).OfType<CodeReference>());
        }

        return entries.ToImmutable();
    }

    private static int? Int(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0)
            {
                return number;
            }
        }

        return null;
    }

    private static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
