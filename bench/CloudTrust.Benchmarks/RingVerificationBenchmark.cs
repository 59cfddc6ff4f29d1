using System.Diagnostics;
using System.Globalization;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Simulator.Graph;
using CloudTrust.Simulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Benchmarks;

/// <summary>
/// Verification of one large ring against the simulated tenant over HTTPS with the real Graph SDK pipeline:
/// Graph requests against the minimum the page sizes allow, wall time, and memory. Usage:
/// <c>ring-verification [devices ...]</c> (default 10000 100000).
/// </summary>
public static class RingVerificationBenchmark
{
    private const string ClientId = "bench-client";
    private const string Secret = "bench-secret";
    private static readonly Guid Tenant = new("8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b");

    /// <summary>Runs the benchmark for each fleet size given (devices in one ring).</summary>
    /// <param name="args">Fleet sizes; default 10000 and 100000.</param>
    /// <returns>0 when every run met the targets (≤ 5% over the minimum requests, no per-device requests), 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(10_000).ToList();
        if (args.Length == 0)
        {
            sizes.Add(100_000);
        }

        await MeasureAsync(1_000, print: false);
        var ok = true;
        Console.WriteLine("| devices | Graph requests | minimum | over minimum | per-device requests | wall time | managed heap after (MB) | allocated during (MB) | process peak working set (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            ok &= await MeasureAsync(size, print: true);
        }

        return ok ? 0 : 1;
    }

    private static async Task<bool> MeasureAsync(int devices, bool print)
    {
        var clock = new ShiftableClock();
        var options = new SimulatedGraphOptions();
        var intune = new SimulatedIntune(options, clock);
        var ring = Guid.NewGuid();
        intune.AddDeviceGroup(ring, devices, new FleetMix { NoTpm = 0.02, OldBuild = 0.01, NeverChecksIn = 0.01 });
        var desired = WhfbPolicySettings.Desired(true).Choices.ToDictionary(c => c.Key, c => c.Value.EndsWith("_true", StringComparison.Ordinal));
        var policyId = intune.AddPolicy("WHfB cloud trust", "bench", desired, [ring]);
        clock.Shift = TimeSpan.FromDays(1);

        await using var server = await SimulatedTenantServer.StartAsync(new SimulatorOptions { TenantId = Tenant }, [new SimulatedGraph(intune)]);
        server.Entra.RegisterClient(ClientId, Secret);
        using var graph = GraphConnection.Create(
            new GraphConnectionOptions { BaseAddress = server.BaseAddress, AuthorityHost = server.BaseAddress, TenantId = Tenant, ClientId = ClientId, PinnedCertificate = server.Certificate },
            Secret);
        var activity = new ReadRingStatusActivity(graph, NullLoggerFactory.Instance);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = await activity.RunAsync(new RingStatusInput(ProfileMode.SettingsCatalog, policyId, [ring], 20), CancellationToken.None);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();

        var graphRequests = server.Requests.Entries.Where(e => e.Path.StartsWith("/beta/", StringComparison.Ordinal) || e.Path.StartsWith("/v1.0/", StringComparison.Ordinal)).ToList();
        var minimum = Pages(devices, graph.Options.CollectionPageSize) + Pages(devices, Math.Min(graph.Options.ReportPageSize, options.MaxReportPageSize));
        var perDevice = graphRequests.Count(r => r.Path.Contains("/managedDevices/", StringComparison.Ordinal) || r.Path.Contains("/devices/", StringComparison.Ordinal));
        var over = (graphRequests.Count - minimum) / (double)minimum;
        if (print)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {devices:N0} | {graphRequests.Count} | {minimum} | {over:P1} | {perDevice} | {watch.Elapsed.TotalSeconds:F2} s | {heapAfter / 1048576.0:F0} | {allocated / 1048576.0:F0} | {process.PeakWorkingSet64 / 1048576.0:F0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  counts: {result.Counts}"));
        }

        return result.Counts.Targeted == devices && over <= 0.05 && perDevice == 0;
    }

    private static int Pages(int rows, int pageSize) => Math.Max(1, (rows + pageSize - 1) / pageSize);

    private sealed class ShiftableClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }
}
