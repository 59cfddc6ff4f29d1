using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Integrations.Graph;
using CloudTrust.Simulator.Graph;
using CloudTrust.Simulator.Hosting;

namespace CloudTrust.Benchmarks;

/// <summary>
/// The simulated tenant of the ring benchmark, in a child process of its own (<c>ring-tenant N</c>), so the parent
/// measures the client's memory without the simulator's fleet. The child prints one JSON line with its address,
/// certificate file, policy and ring, answers <c>count</c> on standard input with its Graph request counts, and
/// exits when standard input closes.
/// </summary>
public sealed class RingTenantProcess : IAsyncDisposable
{
    /// <summary>The simulated tenant id.</summary>
    public static readonly Guid Tenant = new("8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b");

    /// <summary>The benchmark's app registration.</summary>
    public const string ClientId = "bench-client";

    /// <summary>The benchmark app's secret (a throwaway for the simulator).</summary>
    public const string Secret = "bench-secret";

    private readonly Process child;

    private RingTenantProcess(Process child, Uri baseAddress, X509Certificate2 certificate, string policyId, Guid ring, string probeScriptId)
    {
        ProbeScriptId = probeScriptId;
        this.child = child;
        BaseAddress = baseAddress;
        Certificate = certificate;
        PolicyId = policyId;
        Ring = ring;
    }

    /// <summary>Gets the tenant's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the certificate to pin.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the WHfB policy's id.</summary>
    public string PolicyId { get; }

    /// <summary>Gets the ticket probe's Remediations script id (assigned to the ring with the policy).</summary>
    public string ProbeScriptId { get; }

    /// <summary>Gets the ring's group id.</summary>
    public Guid Ring { get; }

    /// <summary>Starts the child with a ring of <paramref name="devices"/> devices.</summary>
    /// <param name="devices">The ring size.</param>
    /// <returns>The running child.</returns>
    public static async Task<RingTenantProcess> StartAsync(int devices)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(RingTenantProcess).Assembly.Location);
        start.ArgumentList.Add("ring-tenant");
        start.ArgumentList.Add(devices.ToString(CultureInfo.InvariantCulture));
        var child = Process.Start(start)!;
        var line = await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the ring tenant process said nothing");
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new RingTenantProcess(
            child,
            new Uri(root.GetProperty("baseAddress").GetString()!),
            X509CertificateLoader.LoadCertificateFromFile(root.GetProperty("certificate").GetString()!),
            root.GetProperty("policyId").GetString()!,
            root.GetProperty("ring").GetGuid(),
            root.GetProperty("probeScriptId").GetString()!);
    }

    /// <summary>Asks the child how many Graph requests it served, and how many of them were per-device.</summary>
    /// <returns>The counts.</returns>
    /// <summary>Connects the real Graph client (Azure.Identity client credentials, pinned certificate) to the tenant.</summary>
    /// <returns>The connection; the caller disposes it.</returns>
    public GraphConnection Connect() => GraphConnection.Create(
        new GraphConnectionOptions { BaseAddress = BaseAddress, AuthorityHost = BaseAddress, TenantId = Tenant, ClientId = ClientId, PinnedCertificate = Certificate },
        Secret);

    /// <summary>Asks the child how many Graph requests it served, and how many of them were per device.</summary>
    /// <returns>The counts.</returns>
    public async Task<(int Graph, int PerDevice)> RequestCountsAsync()
    {
        await child.StandardInput.WriteLineAsync("count");
        await child.StandardInput.FlushAsync();
        var parts = (await child.StandardOutput.ReadLineAsync())!.Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The child's side: serve until standard input closes.</summary>
    /// <param name="args">The ring size.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> ServeAsync(string[] args)
    {
        var devices = int.Parse(args[0], CultureInfo.InvariantCulture);
        var clock = new ShiftableClock();
        var intune = new SimulatedIntune(new SimulatedGraphOptions(), clock);
        var ring = Guid.NewGuid();
        intune.AddDeviceGroup(ring, devices, new FleetMix { NoTpm = 0.02, OldBuild = 0.01, NeverChecksIn = 0.01, PrivilegedUser = 0.01, OffNetwork = 0.03, StalePrt = 0.02, RemoteDesktop = 0.01, OtherDomain = 0.01, CloudTrustGpoOff = 0.01 });
        var desired = WhfbPolicySettings.Desired(true).Choices.ToDictionary(c => c.Key, c => c.Value.EndsWith("_true", StringComparison.Ordinal));
        var policyId = intune.AddPolicy("WHfB cloud trust", "bench", desired, [ring]);
        var probe = intune.CreateHealthScript("CloudTrust cloud Kerberos ticket probe", "user", "# probe");
        AssignmentSet.Replace(probe.Assignments, [ring], clock.GetUtcNow());
        clock.Shift = TimeSpan.FromDays(1);
        await using var server = await SimulatedTenantServer.StartAsync(new SimulatorOptions { TenantId = Tenant }, [new SimulatedGraph(intune)]);
        server.Entra.RegisterClient(ClientId, Secret);
        var certificate = Path.Combine(Path.GetTempPath(), $"cloudtrust-bench-{Environment.ProcessId}.cer");
        await File.WriteAllBytesAsync(certificate, server.Certificate.Export(X509ContentType.Cert));
        Console.WriteLine(JsonSerializer.Serialize(new { baseAddress = server.BaseAddress, certificate, policyId, ring, probeScriptId = probe.Id }));
        try
        {
            while (await Console.In.ReadLineAsync() is { } command)
            {
                if (command == "count")
                {
                    var graph = server.Requests.Entries.Where(e => e.Path.StartsWith("/beta/", StringComparison.Ordinal) || e.Path.StartsWith("/v1.0/", StringComparison.Ordinal)).ToList();
                    var perDevice = graph.Count(r => r.Path.Contains("/managedDevices/", StringComparison.Ordinal) || r.Path.Contains("/devices/", StringComparison.Ordinal));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{graph.Count} {perDevice}"));
                }
            }
        }
        finally
        {
            File.Delete(certificate);
        }

        return 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        child.StandardInput.Close();
        await child.WaitForExitAsync();
        child.Dispose();
        Certificate.Dispose();
    }

    private sealed class ShiftableClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }
}
