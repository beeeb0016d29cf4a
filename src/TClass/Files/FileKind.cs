using System.Runtime.InteropServices;

namespace TClass.Files;

/// <summary>What a path names in the file system.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path (or it cannot be examined).</summary>
    Missing,

    /// <summary>A regular file: the only kind TClass reads.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (only when links are not followed).</summary>
    Link,

    /// <summary>A named pipe: opening it waits for a writer that may never come.</summary>
    Pipe,

    /// <summary>A character device such as <c>/dev/zero</c> or a terminal: it may never end.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A socket.</summary>
    Socket,
}

/// <summary>
/// Tells what a path is before anything opens it, so that a pipe or a device is never opened (opening
/// a pipe blocks until something writes to it; reading a device may never end). On Unix the file
/// type comes from <c>stat</c>/<c>lstat</c> through the runtime's own native shim, whose
/// <c>FileStatus</c> record starts with its flags and the mode on every Unix platform.
/// </summary>
internal static partial class FileKinds
{
    private const int TypeMask = 0xF000;

    /// <summary>What <paramref name="path"/> names, following links.</summary>
    public static FileKind Of(string path) => Probe(path, followLinks: true);

    /// <summary>What <paramref name="path"/> itself is: a link is <see cref="FileKind.Link"/>, not what it points at.</summary>
    public static FileKind OfEntry(string path) => Probe(path, followLinks: false);

    private static FileKind Probe(string path, bool followLinks)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            return Managed(path, followLinks);
        }

        Span<byte> status = stackalloc byte[512];
        int result;
        try
        {
            result = followLinks ? Stat(path, ref MemoryMarshal.GetReference(status)) : LinkStat(path, ref MemoryMarshal.GetReference(status));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Managed(path, followLinks);
        }

        if (result != 0)
        {
            return FileKind.Missing;
        }

        return (BitConverter.ToInt32(status[4..8]) & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Link,
            0x1000 => FileKind.Pipe,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Missing,
        };
    }

    /// <summary>Without the native shim: directories and links are told apart; every other existing entry counts as regular.</summary>
    private static FileKind Managed(string path, bool followLinks)
    {
        FileSystemInfo entry = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!followLinks && entry.LinkTarget is not null)
        {
            return FileKind.Link;
        }

        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkStat(string path, ref byte status);
}
