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
    public static Task<int> RunAsync(string[] args) => FleetSizes.RunAsync(
        args,
        "| devices | Graph requests | per-device requests | wall time | managed heap after (MB) | allocated during (MB) | client process peak working set (MB) |\n|---:|---:|---:|---:|---:|---:|---:|",
        MeasureAsync);

    private static async Task<bool> MeasureAsync(int devices, bool print)
    {
        await using var tenant = await RingTenantProcess.StartAsync(devices);
        using var graph = tenant.Connect();
        var activity = new ReadHelloSourcesActivity(graph, null, TimeProvider.System, NullLoggerFactory.Instance);
        var run = await FleetSizes.MeasureAsync(() => activity.RunAsync(new HelloSourcesInput([tenant.Ring], OurProfileName: "bench"), CancellationToken.None));
        var (graphRequests, perDevice) = await tenant.RequestCountsAsync();
        if (print)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {devices:N0} | {graphRequests} | {perDevice} | {run.Elapsed.TotalSeconds:F2} s | {FleetSizes.Mb(run.HeapAfter):F0} | {FleetSizes.Mb(run.Allocated):F0} | {FleetSizes.Mb(run.PeakWorkingSet):F0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sources: {run.Result.Sources.Count}, users with WHfB: {run.Result.Evidence.UsersWithHello}, hybrid joined: {run.Result.HybridJoinedDevices}"));
        }

        return perDevice == 0;
    }
}
