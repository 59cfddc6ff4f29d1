using System.Diagnostics;
using System.Text;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// A command line the CLI printed (a <c>next:</c> hint, a resume hint), run exactly as printed: split as a POSIX shell
/// splits it (single quotes), its first word the program. The tests run the built assembly with <c>dotnet</c>, so the
/// CLI prints its commands as <c>dotnet …/cloudtrust.dll …</c>.
/// </summary>
internal static class PrintedCommand
{
    /// <summary>Finds the first printed command in <paramref name="text"/> that runs <paramref name="words"/> (for example <c>rollout resume</c>).</summary>
    public static string Find(string text, string words)
    {
        var prefix = "dotnet " + CliProcess.BinaryPath + " " + words;
        var at = text.IndexOf(prefix, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no printed '{prefix}' in:\n{text}");
        var end = text.IndexOfAny(['\n', '\r'], at);
        var line = end < 0 ? text[at..] : text[at..end];
        foreach (var stop in new[] { "  |  ", "   (", "' shows", "' continues", "' runs", "' lists", "' answers", "' approves" })
        {
            var cut = line.IndexOf(stop, StringComparison.Ordinal);
            if (cut > 0)
            {
                line = line[..cut];
            }
        }

        return line.TrimEnd();
    }

    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '\'')
                {
                    quoted = false;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c == '\'')
            {
                quoted = true;
                any = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                any = true;
            }
            else if (c == ' ')
            {
                if (any || word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    any = false;
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (any || word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Runs a printed command line from <paramref name="workingDirectory"/>, as a user would paste it there.</summary>
    public static async Task<CliResult> RunAsync(string line, IDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var words = Split(line);
        var start = new ProcessStartInfo(words[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var word in words.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        return await CliProcess.RunAsync(start, environment, timeout);
    }
}
