using System.Diagnostics;

namespace CloudTrust.Cli.Tests;

/// <summary>Runs the built <c>cloudtrust</c> binary as a child process, output redirected (so not a terminal).</summary>
internal static class CliProcess
{
    public static string BinaryPath
    {
        get
        {
            var here = AppContext.BaseDirectory; // tests/CloudTrust.Cli.Tests/bin/<configuration>/net10.0/
            var configuration = new DirectoryInfo(here).Parent!.Name;
            var repo = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", ".."));
            return Path.Combine(repo, "src", "CloudTrust.Cli", "bin", configuration, "net10.0", "cloudtrust.dll");
        }
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BinaryPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return await RunAsync(start, environment, timeout);
    }

    /// <summary>Runs a prepared process (no colours, the extra environment) to its end and collects its output.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start, IDictionary<string, string>? environment, TimeSpan? timeout)
    {
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped, and failed with what it printed: a bare cancellation says nothing about where it hung.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"'{string.Join(' ', start.ArgumentList)}' did not exit within {limit}; it printed:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
