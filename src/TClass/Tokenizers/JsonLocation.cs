using System.Text.Json;
using TClass.Diagnostics;

namespace TClass.Tokenizers;

/// <summary>Finds the line and column of a value in a JSON file, for diagnostics about large machine-written files.</summary>
internal static class JsonLocation
{
    /// <summary>
    /// The position of the value at <paramref name="path"/> (property names and array indexes), or of
    /// the deepest part of it that exists.
    /// </summary>
    public static SourcePosition Find(ReadOnlySpan<byte> json, params object[] path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        long found = -1;
        try
        {
            if (!reader.Read())
            {
                return SourcePosition.WholeFile;
            }

            found = reader.TokenStartIndex;
            foreach (var step in path)
            {
                if (!Enter(ref reader, step))
                {
                    break;
                }

                found = reader.TokenStartIndex;
            }
        }
        catch (JsonException)
        {
            // The file is malformed after the point looked for; the deepest position found stands.
        }

        return found < 0 ? SourcePosition.WholeFile : SourcePosition.Of(json, found);
    }

    /// <summary>Moves from the current container's start to the value of <paramref name="step"/>.</summary>
    private static bool Enter(ref Utf8JsonReader reader, object step)
    {
        switch (step)
        {
            case string name when reader.TokenType == JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var match = reader.ValueTextEquals(name);
                    reader.Read();
                    if (match)
                    {
                        return true;
                    }

                    reader.Skip();
                }

                return false;
            case int index when reader.TokenType == JsonTokenType.StartArray:
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    if (i == index)
                    {
                        return true;
                    }

                    reader.Skip();
                }

                return false;
            default:
                return false;
        }
    }
}
