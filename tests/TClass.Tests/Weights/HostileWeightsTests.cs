using System.Buffers.Binary;
using System.Text;
using TClass.Tests.Cli;
using TClass.Weights;

namespace TClass.Tests.Weights;

/// <summary>
/// Broken and hostile weight files: each ends with exit 2 and a message that names the file, the
/// tensor where there is one, and what to do — never a stack trace, never a read past the limits.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HostileWeightsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tclass-hostile-weights-").FullName;
    private readonly string _reference;

    public HostileWeightsTests()
    {
        _reference = Path.Combine(_root, "reference");
        SyntheticModel.Random(new ModelShape(Layers: 2), 1).Write(_reference);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A safetensors file with <paramref name="header"/> as its JSON header and <paramref name="data"/> bytes of data.</summary>
    private string File(string name, string header, int data, ulong? declared = null)
    {
        var folder = Folder(name);
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declared ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        System.IO.File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), bytes);
        return folder;
    }

    private CliRun Weights(string model) => CliRun.Of(["weights", model, "--against", _reference]);

    private static void AssertRejected(CliRun run, string code, string text)
    {
        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains(text, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(code));
    }

    [Fact]
    public void A_file_shorter_than_the_length_field_is_truncated()
    {
        var folder = File("short", "", 0, declared: 0);
        Truncate(folder, 5);
        AssertRejected(Weights(folder), "truncated", "is 5 bytes long, shorter than the 8-byte header length");
    }

    [Fact]
    public void A_header_length_of_two_to_the_63_is_refused_before_reading() =>
        AssertRejected(Weights(File("huge-length", "{}", 0, declared: 1UL << 63)), "header-too-large", "over the 16,777,216-byte limit");

    [Fact]
    public void A_100_MB_header_is_refused() =>
        AssertRejected(Weights(File("big-header", "{}", 0, declared: 100_000_000)), "header-too-large", "declares a 100,000,000-byte header");

    [Fact]
    public void A_header_longer_than_the_file_is_truncation() =>
        AssertRejected(Weights(File("past-end", "{}", 0, declared: 4096)), "truncated", "declares a 4,096-byte header but holds only 2 bytes");

    [Fact]
    public void A_header_that_is_not_json_names_its_position() =>
        AssertRejected(Weights(File("not-json", "{\"a\": [1, 2", 0)), "invalid-header", "is not valid JSON");

    [Fact]
    public void Overlapping_tensors_are_refused() =>
        AssertRejected(Weights(File("overlap", """{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}""", 24)),
            "overlapping-tensors", "b: data_offsets [8, 24] overlap the tensor before it");

    [Fact]
    public void Offsets_past_the_end_of_the_file_are_refused() =>
        AssertRejected(Weights(File("past-data", """{"a":{"dtype":"F32","shape":[1024],"data_offsets":[0,4096]}}""", 16)),
            "offset-outside-file", "run past the end of the data (16 bytes)");

    [Fact]
    public void A_shape_that_lies_about_its_size_is_refused() =>
        AssertRejected(Weights(File("shape-lie", """{"a":{"dtype":"BF16","shape":[4,4],"data_offsets":[0,16]}}""", 16)),
            "size-mismatch", "shape [4, 4] of BF16 takes 32 bytes, but data_offsets give 16");

    [Fact]
    public void An_unknown_dtype_is_refused() =>
        AssertRejected(Weights(File("dtype", """{"a":{"dtype":"F12","shape":[4],"data_offsets":[0,6]}}""", 6)), "unknown-dtype", "unknown dtype 'F12'");

    [Fact]
    public void Bytes_no_tensor_claims_are_refused() =>
        AssertRejected(Weights(File("hole", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 16)), "hole-in-data", "leave bytes 0–8 that no tensor claims");

    [Fact]
    public void Every_error_of_a_header_is_reported()
    {
        var run = Weights(File("many", """{"a":{"dtype":"F12","shape":[4],"data_offsets":[0,6]},"b":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]},"c":{"dtype":"F32"}}""", 8));
        Assert.Equal(2, run.Exit);
        Assert.Contains("a: unknown dtype", run.Error, StringComparison.Ordinal);
        Assert.Contains("b: shape holds -1", run.Error, StringComparison.Ordinal);
        Assert.Contains("c: the tensor has no shape list", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_weights_are_named_by_tensor_and_element()
    {
        var folder = Folder("nan");
        var model = SyntheticModel.Random(new ModelShape(Layers: 2), 2);
        model.Tensors["model.layers.1.mlp.down_proj.weight"].Data[5] = float.NaN;
        model.Write(folder);
        var run = Weights(folder);
        AssertRejected(run, "non-finite-weights", "model.layers.1.mlp.down_proj.weight: the tensor holds NaN at element 5");
    }

    [Fact]
    public void A_shard_the_index_names_but_the_folder_lacks_is_an_error()
    {
        var folder = Folder("missing-shard");
        SyntheticModel.Random(new ModelShape(Layers: 2), 2).Write(folder, shards: 3);
        System.IO.File.Delete(Path.Combine(folder, "model-00002-of-00003.safetensors"));
        AssertRejected(Weights(folder), "not-found", "model-00002-of-00003.safetensors: it does not exist");
    }

    [Fact]
    public void An_index_that_points_outside_the_folder_is_refused()
    {
        var folder = Folder("escape-index");
        System.IO.File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), """{"weight_map":{"a":"../reference/model.safetensors"}}""");
        AssertRejected(Weights(folder), "invalid-index", "weight_map.a must name a shard file in the model folder");
    }

    [Fact]
    public void A_shard_linked_from_outside_the_folder_is_not_read()
    {
        var folder = Folder("linked");
        System.IO.File.CreateSymbolicLink(Path.Combine(folder, "model.safetensors"), Path.Combine(_reference, "model.safetensors"));
        AssertRejected(Weights(folder), "outside-folder", "outside the model folder; it is not read");
    }

    [Fact]
    public void A_link_through_a_linked_folder_is_not_read()
    {
        var folder = Folder("linked-dir");
        Directory.CreateSymbolicLink(Path.Combine(folder, "sub"), _reference);
        System.IO.File.CreateSymbolicLink(Path.Combine(folder, "model.safetensors"), Path.Combine("sub", "model.safetensors"));
        AssertRejected(Weights(folder), "outside-folder", "outside the model folder");
    }

    [Fact]
    public void A_link_loop_is_an_error_not_a_hang()
    {
        var folder = Folder("loop");
        System.IO.File.CreateSymbolicLink(Path.Combine(folder, "model.safetensors"), Path.Combine(folder, "model.safetensors"));
        AssertRejected(Weights(folder), "broken-link", "a link that leads nowhere (or in a loop)");
    }

    [Fact]
    public void A_pipe_named_like_a_shard_is_never_opened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Folder("fifo");
        var fifo = Path.Combine(folder, "model.safetensors");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        AssertRejected(Weights(folder), "not-a-regular-file", "it is a named pipe, not a regular file; it is not opened.");
    }

    [Fact]
    public void A_folder_named_like_a_shard_is_not_a_file()
    {
        var folder = Folder("dir-shard");
        Directory.CreateDirectory(Path.Combine(folder, "weights.safetensors"));
        AssertRejected(Weights(folder), "no-weights", "holds no *.safetensors");
    }

    [Fact]
    public void Pickle_checkpoints_are_never_loaded()
    {
        var folder = Folder("pickle");
        System.IO.File.WriteAllBytes(Path.Combine(folder, "pytorch_model.bin"), [0x80, 0x02]);
        AssertRejected(Weights(folder), "no-weights", "pytorch_model.bin, a pickle checkpoint: TClass does not read pickle files");
    }

    [Fact]
    public void A_missing_folder_says_so() =>
        AssertRejected(Weights(Path.Combine(_root, "nowhere")), "not-found", "no such folder or file");

    [Fact]
    public void Random_bytes_as_an_onnx_model_are_an_error()
    {
        var folder = Folder("onnx");
        var bytes = Enumerable.Repeat((byte)0x0F, 4096).ToArray(); // field 1 with wire type 7, which protobuf does not have
        System.IO.File.WriteAllBytes(Path.Combine(folder, "model.onnx"), bytes);
        AssertRejected(Weights(folder), "invalid-onnx", "model.onnx is not an ONNX model");
    }

    [Fact]
    public void Nothing_is_read_beyond_the_budget()
    {
        var folder = Folder("budget");
        SyntheticModel.Random(new ModelShape(Layers: 2), 1).Train(0.05, 2).Write(folder);
        var policy = LineagePolicy.BuiltIn.With(LineagePolicy.BuiltIn.Sampling with { BudgetBytes = 64 * 1024 });
        var report = WeightLineage.Compare(folder, [_reference], policy).Report!;
        var comparison = Assert.Single(report.Comparisons);
        // The tests' samples stay within the budget; the reference's header (a few KiB) and the scan
        // for NaN (at most an eighth of the budget) come on top.
        Assert.True(comparison.BytesRead <= policy.Sampling.BudgetBytes * 9 / 8 + 8192, $"read {comparison.BytesRead}");
        Assert.Contains(comparison.Notes, n => n.En.Contains("read budget", StringComparison.Ordinal));
    }

    private static void Truncate(string folder, int length)
    {
        using var file = new FileStream(Path.Combine(folder, "model.safetensors"), FileMode.Open);
        file.SetLength(length);
    }
}
