using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TClass.Documents;

/// <summary>
/// Replays the YAML events of a rules file recorded at build time (src/TClass.Generators, which
/// describes the recording) to the same walk that reads every document: the tree, its positions and
/// its checks are those of the text, without parsing it.
/// </summary>
internal sealed class RecordedYaml(string events) : IParser
{
    private int _next = -1;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        if (_next < 0)
        {
            (_next, Current) = (0, new StreamStart());
            return true;
        }

        if (_next >= events.Length)
        {
            Current = null;
            return false;
        }

        var kind = events[_next];
        var at = new Mark(0, events[_next + 1], events[_next + 2]);
        _next += 3;
        Current = kind switch
        {
            'D' => new DocumentStart(null, null, isImplicit: true, at, at),
            'd' => new DocumentEnd(isImplicit: true, at, at),
            'M' => new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Any, at, at),
            'm' => new MappingEnd(at, at),
            'L' => new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Any, at, at),
            'l' => new SequenceEnd(at, at),
            'S' => Scalar(at),
            'E' => new StreamEnd(at, at),
            _ => throw new InvalidDataException($"a recorded rules file holds an unknown event '{kind}' at {_next - 3}"),
        };
        return true;
    }

    private Scalar Scalar(Mark at)
    {
        var style = (ScalarStyle)events[_next];
        var length = events[_next + 1];
        var value = events.Substring(_next + 2, length);
        _next += 2 + length;
        return new Scalar(AnchorName.Empty, TagName.Empty, value, style, isPlainImplicit: style == ScalarStyle.Plain, isQuotedImplicit: style != ScalarStyle.Plain, at, at);
    }
}
