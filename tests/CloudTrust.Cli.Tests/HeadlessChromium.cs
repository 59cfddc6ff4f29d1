using System.Diagnostics;

namespace CloudTrust.Cli.Tests;

/// <summary>
/// Debian's Chromium, headless: installed by tests/tools/install-chromium.sh when missing (never skipped), started with
/// a fresh profile and without background networking (this machine's network is closed).
/// </summary>
internal static class HeadlessChromium
{
    private const string Binary = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<string> DumpDomAsync(string htmlFile) => (await RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri])).Stdout;

    public static async Task ScreenshotAsync(string htmlFile, string png)
        => await RunAsync([$"--screenshot={png}", "--window-size=1280,2200", new Uri(htmlFile).AbsoluteUri]);

    private static async Task<(string Stdout, string Stderr)> RunAsync(IEnumerable<string> args)
    {
        await EnsureInstalledAsync();
        var profile = Directory.CreateTempSubdirectory("cloudtrust-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}" }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await stderr}");
            return (await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Binary))
            {
                return;
            }

            var script = Path.Combine(Path.GetDirectoryName(CliProcess.BinaryPath)!, "..", "..", "..", "..", "..", "tests", "tools", "install-chromium.sh");
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.GetFullPath(script));
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(File.Exists(Binary), $"Chromium is needed for the report test and could not be installed by tests/tools/install-chromium.sh: {await stderr}");
        }
        finally
        {
            Install.Release();
        }
    }
}
