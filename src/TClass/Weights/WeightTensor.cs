using System.Collections.Immutable;

namespace TClass.Weights;

/// <summary>
/// One stored tensor of a checkpoint: its name, element type and shape, and where its bytes are.
/// Matrices are seen in the Linear layout <c>[out, in]</c>: a tensor stored as <c>[in, out]</c>
/// (an ONNX MatMul initializer, GPT-2's Conv1D) is marked <see cref="Transposed"/> and read as if it
/// were stored the other way round.
/// </summary>
/// <param name="Name">The tensor's name (for ONNX MatMul weights, the name recovered from the graph).</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The shape as stored.</param>
/// <param name="File">The file holding the bytes, relative to the model folder.</param>
/// <param name="Transposed">Whether the stored 2-D layout is <c>[in, out]</c>.</param>
public sealed record WeightTensor(string Name, TensorDType DType, ImmutableArray<long> Shape, string File, bool Transposed)
{
    /// <summary>The storage (file or in-memory blob) of the checkpoint that holds the bytes.</summary>
    internal int Storage { get; init; }

    /// <summary>Where the bytes start in <see cref="Storage"/>.</summary>
    internal long Offset { get; init; }

    /// <summary>How many bytes the tensor takes.</summary>
    public long ByteLength { get; init; }

    /// <summary>The number of elements.</summary>
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Rows of the tensor seen as a matrix: every axis but the last (1 for a vector).</summary>
    public long Rows => Transposed ? Shape[^1] : Shape.Length == 0 ? 1 : Elements / Math.Max(1, Shape[^1]);

    /// <summary>Columns of the tensor seen as a matrix: the last axis.</summary>
    public long Columns => Transposed ? (Shape.Length == 0 ? 1 : Elements / Math.Max(1, Shape[^1])) : Shape.Length == 0 ? 1 : Shape[^1];

    /// <summary>The shape as the comparison sees it: Linear layout for transposed matrices.</summary>
    public ImmutableArray<long> LogicalShape => Transposed ? [Shape[^1], .. Shape[..^1]] : Shape;

    /// <summary>The shape written <c>[a, b, c]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", LogicalShape) + "]";
}
