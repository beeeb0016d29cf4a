namespace TClass.Text;

/// <summary>Finds the known word a mistyped one was most likely meant to be.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="typed"/> by edit distance (insertions, deletions,
    /// substitutions and adjacent transpositions, ignoring case), or <see langword="null"/> when none
    /// is close enough to be a plausible typo. Ties go to the earlier candidate.
    /// </summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestScore = (Distance: int.MaxValue, Length: int.MaxValue);
        var typedLower = typed.ToLowerInvariant();
        var tolerance = Math.Max(2, typed.Length / 3);
        foreach (var candidate in candidates)
        {
            var candidateLower = candidate.ToLowerInvariant();
            var lengthGap = Math.Abs(candidateLower.Length - typedLower.Length);

            // A fragment of a key ("naver" for "naver-cloud") is as good a hint as a one-letter typo.
            var distance = typedLower.Length >= 3 && candidateLower.Contains(typedLower, StringComparison.Ordinal)
                ? Math.Min(1, lengthGap)
                : EditDistance(typedLower, candidateLower);
            if (distance <= tolerance && (distance, lengthGap).CompareTo(bestScore) < 0)
            {
                best = candidate;
                bestScore = (distance, lengthGap);
            }
        }

        return best;
    }

    /// <summary>Optimal-string-alignment distance between two strings.</summary>
    public static int EditDistance(string a, string b)
    {
        if (a.Length > 256 || b.Length > 256)
        {
            return Math.Max(a.Length, b.Length);
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
