using System.Security.Cryptography;
using System.Text;

namespace TClass.Files;

/// <summary>
/// Writes files without ever writing through a link and without leaving a half-written file: the
/// folders below the one a user named are created as needed and must not be links; the file itself
/// must be absent or a regular file; the content goes to a new temporary file beside it (created
/// exclusively, so never through a link), is flushed to disk, and is renamed over the target — a
/// rename replaces a link or a file, it never writes into what a link points at.
/// </summary>
internal static class SafeWrite
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Checks that <paramref name="folder"/> can hold written files: a folder, or absent (then it is created when written to).</summary>
    public static FileProblem? CheckFolder(string folder)
    {
        return FileKinds.Of(folder) switch
        {
            FileKind.Directory => null,
            FileKind.Missing when new FileInfo(folder).LinkTarget is null => null,
            FileKind.Missing => new("broken-link", "it is a link that leads nowhere; nothing is written through it.", "Remove the link or name another folder."),
            FileKind.Regular => new("not-a-folder", "it is a file, not a folder; reports are written into a folder.", "Name a folder (it is created if missing)."),
            _ => new("not-a-folder", "it is not a folder (a device or a pipe); nothing is written there.", "Name a folder (it is created if missing)."),
        };
    }

    /// <summary>Checks that <paramref name="file"/> may be written: absent, or a regular file (not a link, not a folder) when <paramref name="overwrite"/>.</summary>
    public static FileProblem? CheckFile(string file, bool overwrite)
    {
        var kind = FileKinds.OfEntry(file);
        return kind switch
        {
            FileKind.Missing => null,
            FileKind.Regular when overwrite => null,
            FileKind.Regular => new("exists", "the file exists; it is not overwritten.", "Pass --force to replace it, or name another file."),
            FileKind.Link => new("is-a-link", "it is a link; nothing is written through a link.", "Remove the link or name another file."),
            FileKind.Directory => new("not-a-file", "it is a folder, not a file.", "Name a file in it."),
            _ => new("not-a-regular-file", "it is not a regular file (a device or a pipe); nothing is written to it.", "Name a regular file."),
        };
    }

    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 to <paramref name="relative"/> inside <paramref name="root"/>
    /// (a folder the user named; created if missing). Null when written, else why not.
    /// </summary>
    public static FileProblem? Into(string root, string relative, string text, bool overwrite = true) =>
        Into(root, relative, stream => stream.Write(Utf8.GetBytes(text)), overwrite);

    /// <summary>Writes what <paramref name="write"/> writes as UTF-8 text to <paramref name="file"/> (created with its folder if missing), as it is written; null when written, else why not.</summary>
    public static FileProblem? File(string file, Action<TextWriter> write, bool overwrite)
    {
        var full = Path.GetFullPath(file);
        return Into(Path.GetDirectoryName(full) ?? ".", Path.GetFileName(full), stream =>
        {
            using var text = new StreamWriter(stream, Utf8, leaveOpen: true) { NewLine = "\n" };
            write(text);
        }, overwrite);
    }

    private static FileProblem? Into(string root, string relative, Action<Stream> write, bool overwrite)
    {
        if (CheckFolder(root) is { } problem)
        {
            return problem;
        }

        var parts = relative.Split('/', '\\');
        if (parts.Any(p => p is "" or "." or ".."))
        {
            return new("bad-name", $"'{relative}' is not a plain relative name.", "Name a file inside the folder.");
        }

        try
        {
            Directory.CreateDirectory(root);
            var folder = root;
            foreach (var part in parts[..^1])
            {
                folder = Path.Combine(folder, part);
                switch (FileKinds.OfEntry(folder))
                {
                    case FileKind.Missing:
                        Directory.CreateDirectory(folder);
                        break;
                    case FileKind.Directory:
                        break;
                    case FileKind.Link:
                        return new("is-a-link", $"{folder} is a link; nothing is written through a link.", "Remove the link; the folder is created again.");
                    default:
                        return new("not-a-folder", $"{folder} is not a folder.", "Remove it or write elsewhere.");
                }
            }

            return Replace(Path.Combine(folder, parts[^1]), write, overwrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new("unwritable", "it cannot be written: " + e.Message, "Check that the folder exists, is writable and has space.");
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="file"/>, creating its folder if missing. Null when written, else why not.</summary>
    public static FileProblem? File(string file, string text, bool overwrite)
    {
        var full = Path.GetFullPath(file);
        return Into(Path.GetDirectoryName(full) ?? ".", Path.GetFileName(full), text, overwrite);
    }

    private static FileProblem? Replace(string target, Action<Stream> write, bool overwrite)
    {
        if (CheckFile(target, overwrite) is { } problem)
        {
            return problem;
        }

        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".tclass-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && FileKinds.OfEntry(target) != FileKind.Missing)
            {
                return new("exists", "the file exists; it is not overwritten.", "Pass --force to replace it, or name another file.");
            }

            System.IO.File.Move(temporary, target, overwrite: true);
            return null;
        }
        finally
        {
            if (System.IO.File.Exists(temporary))
            {
                System.IO.File.Delete(temporary);
            }
        }
    }
}
