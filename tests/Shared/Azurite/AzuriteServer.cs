using CloudTrust.Tests.Shared;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudTrust.Tests.Shared.Azurite;

/// <summary>
/// Azurite, the Azure Storage emulator (npm <c>azurite</c>, pinned by tests/tools/azurite/package-lock.json), started on
/// 127.0.0.1 for a test class: blob, queue and table services on ports the system picks, kept in memory, with an
/// account and key made up for this run. Installed from its pinned lock through <see cref="NodeTool"/> when missing (never skipped).
/// Use it as an xunit class or collection fixture, and build the real Azure SDK clients from
/// <see cref="ConnectionString"/>. Include it in a test project with
/// <c>&lt;Compile Include="../Shared/Azurite/AzuriteServer.cs" Link="Shared/Azurite/AzuriteServer.cs" /&gt;</c>;
/// it needs xunit and nothing else.
/// </summary>
public sealed partial class AzuriteServer : Xunit.IAsyncLifetime
{
    private static readonly NodeTool Azurite = new("azurite", "azurite", "the storage tests");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder output = new();
    private readonly Dictionary<string, int> ports = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? process;
    private string? workDirectory;

    /// <summary>Gets the storage account's name (made up for this run).</summary>
    public string AccountName { get; } = "cloudtrust" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    /// <summary>Gets the account's key (random for this run: no well-known key is written anywhere).</summary>
    public string AccountKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    /// <summary>Gets the blob service's endpoint (path style: <c>http://127.0.0.1:port/account</c>).</summary>
    public Uri BlobEndpoint => Endpoint("Blob");

    /// <summary>Gets the queue service's endpoint.</summary>
    public Uri QueueEndpoint => Endpoint("Queue");

    /// <summary>Gets the table service's endpoint.</summary>
    public Uri TableEndpoint => Endpoint("Table");

    /// <summary>Gets a connection string the Azure SDK clients (Azure.Data.Tables, Azure.Storage.Queues, Blobs) accept.</summary>
    public string ConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Gets the repository's root (the folder holding tests/tools).</summary>
    public static string RepositoryRoot => NodeTool.RepositoryRoot;

    /// <summary>Installs Azurite when missing, starts it and waits until every service answers HTTP.</summary>
    /// <returns>A task that completes when the emulator is ready.</returns>
    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops Azurite (its whole process tree) and deletes its working folder.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            process.Dispose();
            process = null;
        }

        if (workDirectory is not null && Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private async Task StartAsync()
    {
        await Azurite.EnsureInstalledAsync();
        workDirectory = Directory.CreateTempSubdirectory("cloudtrust-azurite-").FullName;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "tests", "tools", "azurite", "run-azurite.js"));
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            start.ArgumentList.Add($"--{service}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{service}Port");
            start.ArgumentList.Add("0");
        }

        // In memory (no files), every API version the SDK sends, no telemetry (this machine reaches no such host), no access log.
        foreach (var flag in new[] { "--inMemoryPersistence", "--extentMemoryLimit", "256", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(flag);
        }

        start.Environment["AZURITE_ACCOUNTS"] = $"{AccountName}:{AccountKey}";
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout, timeout.Token));
        if (first != listening.Task)
        {
            throw new InvalidOperationException($"Azurite did not start listening within {StartTimeout.TotalSeconds} s{(process.HasExited ? $" (exited {process.ExitCode})" : string.Empty)}: {Output()}");
        }

        await timeout.CancelAsync();
        await WaitUntilAnsweringAsync();
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 16 * 1024)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (ports.Count == 3)
                {
                    listening.TrySetResult();
                }
            }
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private Uri Endpoint(string service)
    {
        lock (output)
        {
            return ports.TryGetValue(service, out var port)
                ? new Uri($"http://127.0.0.1:{port}/{AccountName}")
                : throw new InvalidOperationException("Azurite is not started: use AzuriteServer as an xunit fixture");
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        foreach (var endpoint in new[] { BlobEndpoint, QueueEndpoint, TableEndpoint })
        {
            while (true)
            {
                try
                {
                    // Any HTTP answer (an unsigned request gets 403) means the service is serving.
                    using var answer = await http.GetAsync(endpoint);
                    break;
                }
                catch (HttpRequestException) when (deadline.Elapsed < StartTimeout)
                {
                    await Task.Delay(100);
                }
            }
        }
    }
}
