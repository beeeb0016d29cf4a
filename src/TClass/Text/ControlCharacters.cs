using System.Globalization;
using System.Text;

namespace TClass.Text;

/// <summary>
/// Characters that must not reach a terminal or a generated file as they are: C0 and C1 control
/// characters (escape sequences can retitle a terminal, move its cursor or write to its clipboard),
/// DEL, and the Unicode bidirectional overrides and isolates that make text display in an order
/// other than the one it is read in. Each is shown as a visible escape such as <c>\x1B</c>.
/// </summary>
internal static class ControlCharacters
{
    /// <summary>Whether <paramref name="c"/> is shown escaped. Line feeds and tabs are not.</summary>
    public static bool IsUnsafe(char c, bool allowLineBreaks = true) =>
        (c < 0x20 && !(allowLineBreaks && c is '\n' or '\t')) || c is >= '\u007F' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>Whether <paramref name="text"/> holds a character that <see cref="Escape"/> would change.</summary>
    public static bool Any(string text, bool allowLineBreaks = true)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c, allowLineBreaks))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> with every unsafe character written as a visible escape.</summary>
    public static string Escape(string text, bool allowLineBreaks = true)
    {
        if (!Any(text, allowLineBreaks))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            Append(escaped, c, allowLineBreaks);
        }

        return escaped.ToString();
    }

    /// <summary>Appends <paramref name="c"/> to <paramref name="builder"/>, escaped when unsafe.</summary>
    private static void Append(StringBuilder builder, char c, bool allowLineBreaks)
    {
        if (!IsUnsafe(c, allowLineBreaks))
        {
            builder.Append(c);
        }
        else if (c <= '\u00FF')
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
    }
}
