namespace TClass.Weights;

/// <summary>Reads of sampled rows from a tensor, within the comparison's read budget.</summary>
internal static class TensorReads
{
    /// <summary>The bytes reading <paramref name="rows"/> rows of <paramref name="tensor"/> costs.</summary>
    public static long Cost(PlacedTensor tensor, long rows) => rows * tensor.Tensor.Columns * (tensor.Tensor.DType.Bits / 8);

    /// <summary>Rows <paramref name="rows"/> of <paramref name="tensor"/>, one after another.</summary>
    public static float[] Rows(PlacedTensor tensor, IReadOnlyList<int> rows, ReadMeter meter)
    {
        var columns = (int)tensor.Tensor.Columns;
        var values = new float[rows.Count * columns];
        var checkpoint = tensor.Owner;
        var i = 0;
        while (i < rows.Count)
        {
            // Consecutive rows are read in one go.
            var run = 1;
            while (i + run < rows.Count && rows[i + run] == rows[i] + run)
            {
                run++;
            }

            checkpoint.ReadRows(tensor.Tensor, rows[i], run, values.AsSpan(i * columns, run * columns), meter);
            i += run;
        }

        return values;
    }

    /// <summary>The whole tensor as a matrix, row after row.</summary>
    public static float[] All(PlacedTensor tensor, ReadMeter meter) =>
        Rows(tensor, [.. Enumerable.Range(0, (int)tensor.Tensor.Rows)], meter);
}
