namespace TClass.Manifests;

// The enumerations of manifest format 1. Each member is written in manifests in kebab case
// (OpenDerivative is 'open-derivative'); see ManifestSymbols.

/// <summary>Where the weights come from (manifest table 1).</summary>
public enum WeightsOrigin
{
    /// <summary>The developer holds no weights; it uses a vendor's hosted model as is.</summary>
    Api,

    /// <summary>Fine-tuned a closed-weight vendor model on the vendor's platform.</summary>
    ClosedFinetune,

    /// <summary>Starts from published third-party weights.</summary>
    OpenDerivative,

    /// <summary>Random initialisation; all training by the developer.</summary>
    Scratch,

    /// <summary>Continues the developer's own earlier model whose weights were trained from scratch.</summary>
    OwnCheckpoint,
}

/// <summary>What was done to third-party weights (manifest table 2).</summary>
public enum Adaptation
{
    /// <summary>Supervised fine-tuning.</summary>
    Sft,

    /// <summary>Continual pre-training.</summary>
    Cpt,

    /// <summary>Low-rank adapters.</summary>
    Lora,

    /// <summary>Any preference tuning.</summary>
    Rlhf,

    /// <summary>Tokens added to the vocabulary.</summary>
    VocabExpansion,

    /// <summary>Merging several models' weights (SLERP, TIES, DARE…).</summary>
    Merge,

    /// <summary>Depth up-scaling: layers duplicated to deepen the model.</summary>
    DepthUpscaling,

    /// <summary>Layers copied from another model.</summary>
    LayerCopy,

    /// <summary>Parts of the third-party model removed.</summary>
    Pruning,
}

/// <summary>The configuration compared with the family's published model of the same size.</summary>
public enum ConfigComparison
{
    /// <summary>Same layers, hidden size, intermediate size, heads, kv heads and experts.</summary>
    Identical,

    /// <summary>At least one of those hyperparameters differs.</summary>
    Modified,
}

/// <summary>A structural or configuration change made to a public family (manifest table 4).</summary>
public enum ArchitectureChange
{
    /// <summary>More or fewer layers.</summary>
    Depth,

    /// <summary>Hidden or intermediate size changed.</summary>
    Width,

    /// <summary>Number of attention heads changed.</summary>
    Heads,

    /// <summary>Number of key/value heads changed.</summary>
    KvHeads,

    /// <summary>Number of experts changed.</summary>
    Experts,

    /// <summary>Grouped-query attention introduced.</summary>
    Gqa,

    /// <summary>Multi-query attention introduced.</summary>
    Mqa,

    /// <summary>Multi-head latent attention introduced.</summary>
    Mla,

    /// <summary>Sliding-window attention introduced.</summary>
    SlidingWindow,

    /// <summary>Rotary position embedding scaling.</summary>
    RopeScaling,

    /// <summary>SwiGLU activation introduced.</summary>
    Swiglu,

    /// <summary>Mixture of experts introduced.</summary>
    Moe,

    /// <summary>Layers sharing parameters.</summary>
    SharedLayers,

    /// <summary>The developer's own layers pruned.</summary>
    Pruning,

    /// <summary>Multi-token prediction.</summary>
    Mtp,

    /// <summary>Context length extended.</summary>
    ContextLength,

    /// <summary>Another change, described in the evidence.</summary>
    Other,
}

/// <summary>A part of the computation graph redesigned in the developer's own architecture (manifest table 5).</summary>
public enum TopologyChange
{
    /// <summary>A new attention mechanism or hybrid.</summary>
    Attention,

    /// <summary>Normalisation placement or formula (e.g. Peri-LN, QK-norm reorder).</summary>
    Normalization,

    /// <summary>A new activation function.</summary>
    Activation,

    /// <summary>A redesigned feed-forward network.</summary>
    Ffn,

    /// <summary>A new positional encoding.</summary>
    PositionalEncoding,

    /// <summary>Redesigned residual connections.</summary>
    Residual,

    /// <summary>A new block layout.</summary>
    BlockLayout,

    /// <summary>A new parametrisation (e.g. μP).</summary>
    Parametrization,

    /// <summary>Own mixture-of-experts routing.</summary>
    Routing,

    /// <summary>Own multimodal fusion.</summary>
    MultimodalFusion,

    /// <summary>Another redesign, described in the evidence.</summary>
    Other,
}

/// <summary>How the tokenizer was made (manifest table 6).</summary>
public enum TokenizerOrigin
{
    /// <summary>Trained from scratch by the developer on its own corpus, the national language first-class.</summary>
    Native,

    /// <summary>Trained by the developer, but not for the national language (it is not among the languages the tokenizer was built for).</summary>
    OwnNonNational,

    /// <summary>A third-party tokenizer with tokens added.</summary>
    Expanded,

    /// <summary>A third-party tokenizer as is.</summary>
    Reused,
}

/// <summary>Who assembled and controls the pre-training corpus.</summary>
public enum Curator
{
    /// <summary>The model's developer.</summary>
    Developer,

    /// <summary>Someone else.</summary>
    ThirdParty,
}

/// <summary>Share of the training signal taken from other models' outputs.</summary>
public enum Distillation
{
    /// <summary>None.</summary>
    None,

    /// <summary>Some, but not most.</summary>
    Partial,

    /// <summary>Most of the training signal.</summary>
    Dominant,
}

/// <summary>A modality a model handles.</summary>
public enum Modality
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>Images.</summary>
    Image,

    /// <summary>Audio.</summary>
    Audio,

    /// <summary>Video.</summary>
    Video,
}

/// <summary>What a component with weights of its own does.</summary>
public enum ComponentRole
{
    /// <summary>Encodes images.</summary>
    VisionEncoder,

    /// <summary>Encodes audio.</summary>
    AudioEncoder,

    /// <summary>Produces speech.</summary>
    SpeechDecoder,

    /// <summary>Produces images.</summary>
    ImageDecoder,

    /// <summary>Maps one modality's embeddings into another's.</summary>
    Projector,

    /// <summary>A small model for speculative decoding.</summary>
    DraftModel,

    /// <summary>A reward model.</summary>
    RewardModel,

    /// <summary>Something else.</summary>
    Other,
}

/// <summary>Where a component's weights come from.</summary>
public enum ComponentOrigin
{
    /// <summary>Trained from random initialisation by the developer.</summary>
    Scratch,

    /// <summary>From the developer's own earlier model.</summary>
    OwnCheckpoint,

    /// <summary>From someone else's model.</summary>
    ThirdParty,
}

/// <summary>Whose model a distillation teacher is.</summary>
public enum TeacherOrigin
{
    /// <summary>The developer's own model (trained from scratch): distilling from it does not borrow another company's knowledge.</summary>
    Own,

    /// <summary>Another organisation's model.</summary>
    ThirdParty,
}
