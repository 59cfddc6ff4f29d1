using System.Diagnostics;
using System.Text;

namespace CloudTrust.Cli.Tests;

/// <summary>A <c>cloudtrust</c> child process left running, its output collected as it comes, so a test can kill it mid-way.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly Lock gate = new();

    private CliRun(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (gate)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (gate)
            {
                return stderr.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public static CliRun Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliProcess.BinaryPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("CLOUDTRUST_CLIENT_SECRET");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new CliRun(Process.Start(start)!);
    }

    /// <summary>Sends a POSIX signal (TERM, INT) to the process, as a service manager or Ctrl+C would.</summary>
    public void Signal(string name)
    {
        CloudTrust.Tests.Shared.PosixSignal.Send(process.Id, name);
    }

    /// <summary>
    /// Sends <paramref name="signal"/> and asserts what every long command does on Ctrl+C or SIGTERM: it stops within two
    /// seconds, exit 3, with the "stopped; <paramref name="kept"/> is kept in the journal … continues it" hint.
    /// </summary>
    /// <param name="signal">TERM or INT.</param>
    /// <param name="kept">What the hint names, for example <c>rollout &lt;id&gt;</c>.</param>
    /// <returns>The stopped process's result.</returns>
    public async Task<CliResult> SignalAndAssertStoppedAsync(string signal, string kept)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Signal(signal);
        var stopped = await WaitAsync(TimeSpan.FromSeconds(20));
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {watch.Elapsed}");
        Assert.True(stopped.ExitCode == 3, stopped.Stdout + stopped.Stderr);
        Assert.Contains($"error: stopped; {kept} is kept in the journal", stopped.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("continues it", stopped.Stderr.TrimEnd(), StringComparison.Ordinal);
        return stopped;
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        process.WaitForExit(); // drains the asynchronous output readers
        return new CliResult(process.ExitCode, Stdout, Stderr);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    private void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            builder.AppendLine(line);
        }
    }
}
