using CloudTrust.Tests.Shared;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CloudTrust.Agent.Tests.Hyco;

/// <summary>
/// Runs Microsoft's Hybrid Connections client for Node (npm <c>hyco-https</c> 1.4.5, pinned by
/// tests/tools/hyco/package-lock.json) with the machine's Node.js: the scripts in tests/tools/hyco, one process each,
/// trusting the simulator's certificate through <c>NODE_EXTRA_CA_CERTS</c> (nothing turns TLS checks off).
/// Installed from its pinned lock through <see cref="NodeTool"/> when missing (never skipped).
/// </summary>
internal sealed class HycoNode : IAsyncDisposable
{
    private static readonly NodeTool Hyco = new("hyco", "hyco-https", "the relay conformance tests");
    private readonly List<string> lines = [];
    private readonly Process process;
    private readonly string certificateFile;

    private HycoNode(Process process, string certificateFile)
    {
        this.process = process;
        this.certificateFile = certificateFile;
    }

    /// <summary>Gets the repository's root (the folder holding tests/tools).</summary>
    public static string RepositoryRoot => NodeTool.RepositoryRoot;

    /// <summary>Gets every line the script printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>Gets a value indicating whether the script has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Installs hyco-https when missing and starts a script.</summary>
    /// <param name="script">The script's file name in tests/tools/hyco.</param>
    /// <param name="certificate">The simulator's certificate, to trust.</param>
    /// <param name="environment">The script's settings.</param>
    /// <returns>The running script.</returns>
    public static async Task<HycoNode> StartAsync(string script, X509Certificate2 certificate, IReadOnlyDictionary<string, string> environment)
    {
        await Hyco.EnsureInstalledAsync();
        var pem = Path.Combine(Path.GetTempPath(), "cloudtrust-hyco-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(RepositoryRoot, "tests", "tools", "hyco"),
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "tests", "tools", "hyco", script));
        start.Environment["NODE_EXTRA_CA_CERTS"] = pem;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var node = new HycoNode(new Process { StartInfo = start }, pem);
        node.process.OutputDataReceived += (_, e) => node.Add(e.Data);
        node.process.ErrorDataReceived += (_, e) => node.Add(e.Data is null ? null : "stderr " + e.Data);
        node.process.Start();
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until at least <paramref name="count"/> printed lines satisfy <paramref name="match"/>.</summary>
    /// <param name="match">The condition.</param>
    /// <param name="count">How many lines.</param>
    /// <param name="cancellationToken">Gives up.</param>
    /// <returns>A task that completes when they have been printed.</returns>
    public async Task WaitForLinesAsync(Func<string, bool> match, int count, CancellationToken cancellationToken)
    {
        while (Lines.Count(match) < count)
        {
            if (process.HasExited && Lines.Count(match) < count)
            {
                throw new InvalidOperationException($"the hyco script exited ({process.ExitCode}): {string.Join(" | ", Lines)}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Waits for the script to exit and returns its output.</summary>
    /// <param name="cancellationToken">Gives up.</param>
    /// <returns>Every line it printed.</returns>
    public async Task<IReadOnlyList<string>> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        process.WaitForExit();
        return Lines;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
        File.Delete(certificateFile);
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            if (lines.Count < 10_000)
            {
                lines.Add(line);
            }
        }
    }
}
