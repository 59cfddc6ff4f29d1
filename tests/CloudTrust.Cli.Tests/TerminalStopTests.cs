using System.Diagnostics;
using System.Text;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// Ctrl+C typed at a real terminal: <c>rollout start</c> runs on a pseudo-terminal (util-linux <c>script</c>), so its
/// progress is drawn in place with carriage returns, and the test types the interrupt character (0x03) into the
/// terminal, whose line discipline sends SIGINT to the foreground process as a keyboard would. The half-drawn progress
/// line is finished before the "stopped" hint, which starts a line of its own, and the process exits 3 within 2 s.
/// </summary>
public sealed class TerminalStopTests
{
    [Fact]
    public async Task Ctrl_C_at_a_terminal_finishes_the_progress_line_before_the_stop_hint()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script"))
        {
            return;
        }

        await using var env = await TestTenant.StartAsync(devices: 300);
        var plan = env.WritePlanWithRing2Soaking("plan.json");
        // script runs the command through $SHELL -c; "exec" makes dotnet the terminal's foreground process itself, so the
        // interrupt reaches it alone. Without it dash (Debian's /bin/sh, script's shell when SHELL is unset) is killed by
        // the same SIGINT while it waits and exits 130, whatever the CLI exits with.
        var command = "exec " + string.Join(' ', new[] { "dotnet", CliProcess.BinaryPath, "rollout", "start", plan, "--settings", env.Tenant.SettingsPath, "--db", env.Db }.Select(Quote));
        var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env.Environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "xterm";
        start.Environment["SHELL"] = "/bin/sh";
        using var terminal = Process.Start(start)!;
        var transcript = new Transcript();
        var copying = transcript.ReadAllAsync(terminal.StandardOutput.BaseStream);
        try
        {
            var id = await StopSignalTests.WaitForAsync(env, () => terminal.HasExited ? transcript.Text : null, "verifying", 2);
            await WaitUntilDrawnInPlaceAsync(transcript);

            var watch = Stopwatch.StartNew();
            await terminal.StandardInput.WriteAsync('\u0003');
            await terminal.StandardInput.FlushAsync();
            using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            {
                await terminal.WaitForExitAsync(limit.Token);
            }

            watch.Stop();
            await copying;
            var output = transcript.Text;

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {watch.Elapsed}");
            Assert.True(terminal.ExitCode == 3, output);
            var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var hint = Array.FindIndex(lines, l => l.Contains("stopped; rollout", StringComparison.Ordinal));
            Assert.True(hint > 0, output);

            // The hint's line holds nothing of the progress drawn before it; the line before it is that progress, finished.
            Assert.StartsWith($"error: stopped; rollout {id} is kept in the journal", lines[hint], StringComparison.Ordinal);
            Assert.Contains("ring 2/3", lines[hint - 1], StringComparison.Ordinal);
            Assert.StartsWith("\r", lines[hint - 1], StringComparison.Ordinal);
            env.AssertNoSecretLeaked(new CliResult(terminal.ExitCode, output, string.Empty));
        }
        finally
        {
            if (!terminal.HasExited)
            {
                terminal.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Waits until the terminal shows a progress line drawn in place (a carriage return after the last newline).</summary>
    private static async Task WaitUntilDrawnInPlaceAsync(Transcript transcript)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = transcript.Text;
            var lastLine = text[(text.LastIndexOf('\n') + 1)..];
            if (lastLine.Contains('\r', StringComparison.Ordinal) && lastLine.Contains("ring 2/3", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(20, safety.Token);
        }
    }

    /// <summary>What the terminal showed, raw (carriage returns kept), read as it comes.</summary>
    private sealed class Transcript
    {
        private readonly StringBuilder text = new();
        private readonly Lock gate = new();

        public string Text
        {
            get
            {
                lock (gate)
                {
                    return text.ToString();
                }
            }
        }

        public async Task ReadAllAsync(Stream output)
        {
            var decoder = Encoding.UTF8.GetDecoder();
            var bytes = new byte[4096];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            int read;
            while ((read = await output.ReadAsync(bytes)) > 0)
            {
                var count = decoder.GetChars(bytes, 0, read, chars, 0);
                lock (gate)
                {
                    text.Append(chars, 0, count);
                }
            }
        }
    }
}
