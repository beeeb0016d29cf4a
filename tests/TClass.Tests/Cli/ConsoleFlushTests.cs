using TClass.Cli;

namespace TClass.Tests.Cli;

/// <summary>
/// Results written to a pipe or a file are buffered; what a reader of the output sees must still come
/// in order: a question before its answer is awaited, results before a message about the next input.
/// </summary>
public sealed class ConsoleFlushTests
{
    /// <summary>A stream's writer that records only what was flushed to it.</summary>
    private sealed class FlushedOnly : TextWriter
    {
        private readonly System.Text.StringBuilder _pending = new();

        public System.Text.StringBuilder Flushed { get; } = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => _pending.Append(value);

        public override void Flush()
        {
            Flushed.Append(_pending);
            _pending.Clear();
        }
    }

    /// <summary>Standard input that notes what the output had shown when a line was read.</summary>
    private sealed class Answering(FlushedOnly output, string answer) : TextReader
    {
        public string? SeenBeforeReading { get; private set; }

        public override string? ReadLine()
        {
            SeenBeforeReading = output.Flushed.ToString();
            return answer;
        }
    }

    [Fact]
    public void A_question_is_on_the_output_before_its_answer_is_read()
    {
        var output = new FlushedOnly();
        var input = new Answering(output, "scratch");
        var console = CliConsole.Over(output, TextWriter.Null, input, color: false);

        console.Out.Write("Where do the weights come from?\n> ");
        Assert.Equal("scratch", console.In.ReadLine());

        Assert.Equal("Where do the weights come from?\n> ", input.SeenBeforeReading);
    }

    [Fact]
    public void Results_written_so_far_come_before_a_message()
    {
        var output = new FlushedOnly();
        var errors = new FlushedOnly();
        var console = CliConsole.Over(output, errors, TextReader.Null, color: false);

        console.Out.Write("{\"model\":\"a\"}\n");
        Assert.Equal("", output.Flushed.ToString());
        console.Error.WriteLine("b.yaml: warning: skipped");

        Assert.Equal("{\"model\":\"a\"}\n", output.Flushed.ToString());
    }
}
