namespace CloudTrust.Cli.Output;

/// <summary>
/// Where the CLI writes: colours only when the output is a terminal and <c>NO_COLOR</c> is unset (and
/// <c>--no-color</c> not given); live, rewritten progress lines on a terminal, plain lines otherwise.
/// </summary>
public sealed class Terminal
{
    private readonly TextWriter output;
    private readonly TextWriter error;
    private readonly bool live;
    private readonly bool color;
    private readonly Lock gate = new();
    private int liveWidth;

    /// <summary>Initializes a new instance of the <see cref="Terminal"/> class.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="isTerminal">Whether standard output is an interactive terminal.</param>
    /// <param name="noColor">Whether colours are switched off (<c>NO_COLOR</c> or <c>--no-color</c>).</param>
    public Terminal(TextWriter output, TextWriter error, bool isTerminal, bool noColor)
    {
        this.output = output;
        this.error = error;
        live = isTerminal;
        color = isTerminal && !noColor;
    }

    /// <summary>Gets a value indicating whether progress is rewritten in place (an interactive terminal).</summary>
    public bool IsLive => live;

    /// <summary>Creates the terminal for this process's console.</summary>
    /// <param name="noColorOption">Whether <c>--no-color</c> was given.</param>
    /// <returns>The terminal.</returns>
    public static Terminal ForConsole(bool noColorOption)
        => new(Console.Out, Console.Error, !Console.IsOutputRedirected, noColorOption || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Writes a line.</summary>
    /// <param name="text">The text.</param>
    public void Line(string text)
    {
        lock (gate)
        {
            ClearLive();
            output.WriteLine(text);
        }
    }

    /// <summary>Writes a line in a colour (ANSI), or plain when colours are off.</summary>
    /// <param name="tone">The tone.</param>
    /// <param name="text">The text.</param>
    public void Line(Tone tone, string text) => Line(Paint(tone, text));

    /// <summary>Shows progress: rewritten in place on a terminal, one plain line otherwise.</summary>
    /// <param name="text">The progress text.</param>
    public void Progress(string text)
    {
        lock (gate)
        {
            if (!live)
            {
                output.WriteLine(text);
                return;
            }

            var padded = text.Length < liveWidth ? text + new string(' ', liveWidth - text.Length) : text;
            output.Write("\r" + padded);
            liveWidth = text.Length;
        }
    }

    /// <summary>Writes an error line to standard error.</summary>
    /// <param name="text">The message.</param>
    public void Error(string text)
    {
        lock (gate)
        {
            ClearLive();
            error.WriteLine(Paint(Tone.Bad, "error: ") + text);
        }
    }

    /// <summary>Colours text when colours are on.</summary>
    /// <param name="tone">The tone.</param>
    /// <param name="text">The text.</param>
    /// <returns>The text, with ANSI codes when colours are on.</returns>
    public string Paint(Tone tone, string text)
    {
        if (!color)
        {
            return text;
        }

        var code = tone switch
        {
            Tone.Good => "32",
            Tone.Warn => "33",
            Tone.Bad => "31",
            Tone.Dim => "2",
            Tone.Bold => "1",
            _ => "0",
        };
        return $"\u001b[{code}m{text}\u001b[0m";
    }

    private void ClearLive()
    {
        if (live && liveWidth > 0)
        {
            output.WriteLine();
            liveWidth = 0;
        }
    }
}

/// <summary>How a line should look.</summary>
public enum Tone
{
    /// <summary>Ordinary text.</summary>
    Plain,

    /// <summary>Success.</summary>
    Good,

    /// <summary>Needs attention.</summary>
    Warn,

    /// <summary>Failure.</summary>
    Bad,

    /// <summary>Secondary detail.</summary>
    Dim,

    /// <summary>A heading.</summary>
    Bold,
}
