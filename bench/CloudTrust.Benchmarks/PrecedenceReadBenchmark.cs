using System.Globalization;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Rollout;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Benchmarks;

/// <summary>
/// The preflight's precedence read of large rings (<see cref="ReadHelloSourcesActivity"/>: enrollment
/// configurations, assigned policies, custom profiles, the ring's members, managed devices and registration details,
/// keeping the ring's device names for the Group Policy coverage) against the simulated tenant over HTTPS, for one
/// ring and for three read together.
/// Usage: <c>precedence [devices ...]</c> (default 10000 100000).
/// </summary>
public static class PrecedenceReadBenchmark
{
    /// <summary>Runs the benchmark for each ring size given.</summary>
    /// <param name="args">Ring sizes; default 10000 and 100000.</param>
    /// <returns>0 when no run made a request per device, 1 otherwise.</returns>
    public static Task<int> RunAsync(string[] args) => FleetSizes.RunAsync(
        args,
        "| devices | rings read | Graph requests | per-device requests | wall time | managed heap after (MB) | allocated during (MB) | client process peak working set (MB) |\n|---:|---:|---:|---:|---:|---:|---:|---:|",
        MeasureAsync);

    /// <summary>
    /// One ring, then three rings in one read (the same group named by each, so every ring holds all the devices: the
    /// worst case for a plan's preflight) — the tenant-wide lists are read once however many rings there are.
    /// </summary>
    private static async Task<bool> MeasureAsync(int devices, bool print)
    {
        await using var tenant = await RingTenantProcess.StartAsync(devices);
        using var graph = tenant.Connect();
        var activity = new ReadHelloSourcesActivity(graph, null, TimeProvider.System, NullLoggerFactory.Instance);
        var ok = true;
        var (before, _) = await tenant.RequestCountsAsync();
        var beforePerDevice = 0;
        foreach (var rings in new[] { 1, 3 })
        {
            var input = new HelloSourcesInput([.. Enumerable.Repeat<IReadOnlyList<Guid>>([tenant.Ring], rings)], OurProfileName: "bench");
            var run = await FleetSizes.MeasureAsync(() => activity.RunAsync(input, CancellationToken.None));
            var (graphRequests, perDevice) = await tenant.RequestCountsAsync();
            ok &= perDevice == beforePerDevice;
            if (print)
            {
                var ring = run.Result.Rings[^1];
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {devices:N0} | {rings} | {graphRequests - before} | {perDevice - beforePerDevice} | {run.Elapsed.TotalSeconds:F2} s | {FleetSizes.Mb(run.HeapAfter):F0} | {FleetSizes.Mb(run.Allocated):F0} | {FleetSizes.Mb(run.PeakWorkingSet):F0} |"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  last ring: sources {ring.Sources.Count}, users with WHfB {ring.Evidence.UsersWithHello}, hybrid joined {ring.HybridJoinedDevices}"));
            }

            (before, beforePerDevice) = (graphRequests, perDevice);
        }

        return ok;
    }
}
