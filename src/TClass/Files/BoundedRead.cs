using System.Globalization;

namespace TClass.Files;

/// <summary>Why a file was not read: a stable code, what happened, and what to do about it.</summary>
/// <param name="Code">A kebab-case identifier, e.g. <c>not-a-regular-file</c>.</param>
/// <param name="Message">What is wrong, in one sentence, without the file's name.</param>
/// <param name="Fix">How to fix it, in one sentence.</param>
internal sealed record FileProblem(string Code, string Message, string Fix);

/// <summary>The bytes of a file, or why they were not read.</summary>
internal readonly record struct FileBytes(byte[]? Bytes, FileProblem? Problem)
{
    public static implicit operator FileBytes(byte[] bytes) => new(bytes, null);

    public static implicit operator FileBytes(FileProblem problem) => new(null, problem);
}

/// <summary>
/// Reads whole files and streams under a byte limit that holds while reading — whatever length the
/// file system reports — and only from regular files: a pipe, a device, a socket or a directory is
/// refused before it is opened. Never throws for what is on the disk.
/// </summary>
internal static class BoundedRead
{
    /// <summary>The bytes of the regular file at <paramref name="path"/>, at most <paramref name="limit"/> of them.</summary>
    public static FileBytes File(string path, long limit)
    {
        var kind = FileKinds.Of(path);
        if (kind != FileKind.Regular)
        {
            return NotRegular(path, kind);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return Stream(stream, limit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileProblem("unreadable", "it cannot be read: " + e.Message, "Check that it exists and that you may read it.");
        }
    }

    /// <summary>The bytes of <paramref name="stream"/> to its end, at most <paramref name="limit"/> of them.</summary>
    public static FileBytes Stream(Stream stream, long limit)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // A seekable stream's length sizes the buffer, so that a file is read straight into the array
        // it is returned in. The length is only a guess: the bytes actually read are counted against
        // the limit, and a stream that goes on past its length is read on (or refused) all the same.
        var buffer = new byte[ExpectedLength(stream, limit)];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (stream.ReadByte() is var next && next < 0)
                    {
                        return buffer;
                    }

                    if (length >= limit)
                    {
                        return TooLarge(limit);
                    }

                    Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 16384), Math.Min(limit, Array.MaxLength)));
                    buffer[length++] = (byte)next;
                    continue;
                }

                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    return buffer[..length];
                }

                length += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileProblem("unreadable", "it cannot be read: " + e.Message, "Check that it exists and that you may read it.");
        }
    }

    /// <summary>The length a seekable stream reports from its position, at most the limit; 0 when it reports none.</summary>
    private static int ExpectedLength(Stream stream, long limit)
    {
        try
        {
            return stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position, 0, Math.Min(limit, Array.MaxLength)) : 0;
        }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            return 0;
        }
    }

    /// <summary>The problem of a file over <paramref name="limit"/> bytes.</summary>
    public static FileProblem TooLarge(long limit) =>
        new("too-large", string.Create(CultureInfo.InvariantCulture, $"it is larger than the {limit:N0}-byte limit; it was not read."),
            "Check that this is the file you meant.");

    /// <summary>The problem of a path that is not a regular file.</summary>
    public static FileProblem NotRegular(string path, FileKind kind) => kind switch
    {
        FileKind.Missing when new FileInfo(path).LinkTarget is not null =>
            new("broken-link", "it is a link that leads nowhere (or in a loop).", "Replace the link with the file it should point at."),
        FileKind.Missing => new("not-found", "it does not exist.", "Check the path."),
        FileKind.Directory => new("not-a-file", "it is a folder, not a file.", "Point at a file in it."),
        FileKind.Pipe => new("not-a-regular-file", "it is a named pipe, not a regular file; it is not opened.", "Save the content to a file and point at that, or pipe it to standard input as -."),
        FileKind.CharacterDevice or FileKind.BlockDevice => new("not-a-regular-file", "it is a device, not a regular file; it is not read.", "Point at a regular file."),
        _ => new("not-a-regular-file", "it is not a regular file; it is not read.", "Point at a regular file."),
    };
}
