namespace CloudTrust.Cli.Output;

/// <summary>
/// Where the CLI writes: colours only when the output is a terminal and <c>NO_COLOR</c> is unset (and
/// <c>--no-color</c> not given); live, rewritten progress lines on a terminal, plain lines otherwise (each only when it
/// differs from the last). With <c>--json</c> standard output carries the one JSON document and nothing else: every
/// other line (progress, notes, hints) goes to standard error.
/// </summary>
public sealed class Terminal
{
    private readonly TextWriter output;
    private readonly TextWriter error;
    private readonly TextWriter text;
    private readonly bool live;
    private readonly bool color;
    private readonly Lock gate = new();
    private int liveWidth;
    private string? lastProgress;

    /// <summary>Initializes a new instance of the <see cref="Terminal"/> class.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="isTerminal">Whether the stream text lines go to is an interactive terminal.</param>
    /// <param name="noColor">Whether colours are switched off (<c>NO_COLOR</c> or <c>--no-color</c>).</param>
    /// <param name="json">Whether standard output is reserved for one JSON document (<c>--json</c>).</param>
    public Terminal(TextWriter output, TextWriter error, bool isTerminal, bool noColor, bool json = false)
    {
        this.output = output;
        this.error = error;
        text = json ? error : output;
        live = isTerminal;
        color = isTerminal && !noColor;
        IsJson = json;
    }

    /// <summary>Gets a value indicating whether progress is rewritten in place (an interactive terminal).</summary>
    public bool IsLive => live;

    /// <summary>Gets a value indicating whether standard output is reserved for one JSON document.</summary>
    public bool IsJson { get; }

    /// <summary>Creates the terminal for this process's console.</summary>
    /// <param name="noColorOption">Whether <c>--no-color</c> was given.</param>
    /// <param name="json">Whether <c>--json</c> was given.</param>
    /// <returns>The terminal.</returns>
    public static Terminal ForConsole(bool noColorOption, bool json = false)
        => new(
            Console.Out,
            Console.Error,
            json ? !Console.IsErrorRedirected : !Console.IsOutputRedirected,
            noColorOption || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            json);

    /// <summary>Writes a line of text (to standard error under <c>--json</c>).</summary>
    /// <param name="line">The text.</param>
    public void Line(string line)
    {
        lock (gate)
        {
            ClearLive();
            text.WriteLine(line);
        }
    }

    /// <summary>Writes a line in a colour (ANSI), or plain when colours are off.</summary>
    /// <param name="tone">The tone.</param>
    /// <param name="line">The text.</param>
    public void Line(Tone tone, string line) => Line(Paint(tone, line));

    /// <summary>Writes the command's JSON document to standard output.</summary>
    /// <param name="value">The value to serialize.</param>
    public void Json(object? value)
    {
        lock (gate)
        {
            ClearLive();
            output.WriteLine(JsonOutput.Render(value));
        }
    }

    /// <summary>Shows progress: rewritten in place on a terminal; otherwise a plain line, only when it changed.</summary>
    /// <param name="progress">The progress text.</param>
    public void Progress(string progress)
    {
        lock (gate)
        {
            if (!live)
            {
                if (progress != lastProgress)
                {
                    text.WriteLine(progress);
                    lastProgress = progress;
                }

                return;
            }

            var padded = progress.Length < liveWidth ? progress + new string(' ', liveWidth - progress.Length) : progress;
            text.Write("\r" + padded);
            liveWidth = progress.Length;
        }
    }

    /// <summary>Ends a progress line drawn in place, so what follows starts on a line of its own.</summary>
    public void EndProgress()
    {
        lock (gate)
        {
            ClearLive();
        }
    }

    /// <summary>Writes an error line to standard error.</summary>
    /// <param name="message">The message.</param>
    public void Error(string message)
    {
        lock (gate)
        {
            ClearLive();
            error.WriteLine(Paint(Tone.Bad, "error: ") + message);
        }
    }

    /// <summary>Colours text when colours are on.</summary>
    /// <param name="tone">The tone.</param>
    /// <param name="value">The text.</param>
    /// <returns>The text, with ANSI codes when colours are on.</returns>
    public string Paint(Tone tone, string value)
    {
        if (!color)
        {
            return value;
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
        return $"\u001b[{code}m{value}\u001b[0m";
    }

    private void ClearLive()
    {
        if (live && liveWidth > 0)
        {
            text.WriteLine();
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
