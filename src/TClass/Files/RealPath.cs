namespace TClass.Files;

/// <summary>
/// The real path of a file: every link on the way resolved, component by component, the way the
/// operating system would follow them. A file is inside a folder only when its real path is.
/// </summary>
internal static class RealPath
{
    /// <summary>Links followed before a path is taken to be a loop (Linux allows 40).</summary>
    private const int MaxLinks = 40;

    /// <summary>The real path of the absolute path <paramref name="path"/>, or null for a dangling link or a loop.</summary>
    public static string? Of(string path)
    {
        var links = 0;
        var pending = new Stack<string>(Components(Path.GetFullPath(path)).Reverse());
        var current = Path.GetPathRoot(Path.GetFullPath(path)) ?? "/";
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // Resolve the target against the link's folder and walk it again from its root.
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            foreach (var component in Components(resolved).Reverse())
            {
                pending.Push(component);
            }

            current = Path.GetPathRoot(resolved) ?? "/";
            if (!File.Exists(resolved) && !Directory.Exists(resolved) && new FileInfo(resolved).LinkTarget is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it (both real paths).</summary>
    public static bool IsInside(string path, string folder)
    {
        var root = folder.TrimEnd(Path.DirectorySeparatorChar);
        return path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string[] Components(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "";
        return fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
    }
}
