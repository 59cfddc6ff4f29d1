using System.Diagnostics;
using System.Globalization;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Rollout;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Benchmarks;

/// <summary>
/// The preflight's precedence read of one large ring (<see cref="ReadHelloSourcesActivity"/>: enrollment
/// configurations, assigned policies, custom profiles, the ring's members, managed devices and registration details,
/// keeping the ring's device names for the Group Policy coverage) against the simulated tenant over HTTPS.
/// Usage: <c>precedence [devices ...]</c> (default 10000 100000).
/// </summary>
public static class PrecedenceReadBenchmark
{
    /// <summary>Runs the benchmark for each ring size given.</summary>
    /// <param name="args">Ring sizes; default 10000 and 100000.</param>
    /// <returns>0 when no run made a request per device, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(10_000).ToList();
        if (args.Length == 0)
        {
            sizes.Add(100_000);
        }

        await MeasureAsync(1_000, print: false);
        var ok = true;
        Console.WriteLine("| devices | Graph requests | per-device requests | wall time | managed heap after (MB) | allocated during (MB) | client process peak working set (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            ok &= await MeasureAsync(size, print: true);
        }

        return ok ? 0 : 1;
    }

    private static async Task<bool> MeasureAsync(int devices, bool print)
    {
        await using var tenant = await RingTenantProcess.StartAsync(devices);
        using var graph = GraphConnection.Create(
            new GraphConnectionOptions { BaseAddress = tenant.BaseAddress, AuthorityHost = tenant.BaseAddress, TenantId = RingTenantProcess.Tenant, ClientId = RingTenantProcess.ClientId, PinnedCertificate = tenant.Certificate },
            RingTenantProcess.Secret);
        var activity = new ReadHelloSourcesActivity(graph, null, TimeProvider.System, NullLoggerFactory.Instance);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = await activity.RunAsync(new HelloSourcesInput([tenant.Ring], OurProfileName: "bench"), CancellationToken.None);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        var (graphRequests, perDevice) = await tenant.RequestCountsAsync();
        if (print)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {devices:N0} | {graphRequests} | {perDevice} | {watch.Elapsed.TotalSeconds:F2} s | {heapAfter / 1048576.0:F0} | {allocated / 1048576.0:F0} | {process.PeakWorkingSet64 / 1048576.0:F0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sources: {result.Sources.Count}, users with WHfB: {result.Evidence.UsersWithHello}, hybrid joined: {result.HybridJoinedDevices}"));
        }

        return perDevice == 0;
    }
}
