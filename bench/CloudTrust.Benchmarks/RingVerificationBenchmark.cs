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
/// Verification of one large ring against the simulated tenant over HTTPS with the real Graph SDK pipeline — one poll's
/// two reads: the policy report and the ring's ticket probe results (group members, then the probe's device run
/// states, each device's output read and classified) — Graph requests against the minimum the page sizes allow, wall
/// time, and memory. Usage:
/// <c>ring-verification [devices ...]</c> (default 10000 100000).
/// </summary>
public static class RingVerificationBenchmark
{
    /// <summary>Runs the benchmark for each fleet size given (devices in one ring).</summary>
    /// <param name="args">Fleet sizes; default 10000 and 100000.</param>
    /// <returns>0 when every run met the targets (≤ 5% over the minimum requests, no per-device requests), 1 otherwise.</returns>
    public static Task<int> RunAsync(string[] args) => FleetSizes.RunAsync(
        args,
        "| devices | Graph requests | minimum | over minimum | per-device requests | wall time | managed heap after (MB) | allocated during (MB) | client process peak working set (MB) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        MeasureAsync);

    private static async Task<bool> MeasureAsync(int devices, bool print)
    {
        // The simulated tenant runs in a child process, so this process's memory is the client's alone.
        await using var tenant = await RingTenantProcess.StartAsync(devices);
        using var graph = tenant.Connect();
        var activity = new ReadRingStatusActivity(graph, NullLoggerFactory.Instance);
        var probe = new ReadTicketProbeActivity(graph);
        var run = await FleetSizes.MeasureAsync(async () => (
            Status: await activity.RunAsync(new RingStatusInput(ProfileMode.SettingsCatalog, tenant.PolicyId, [tenant.Ring], 20), CancellationToken.None),
            Tickets: await probe.RunAsync(new TicketProbeReadInput(tenant.ProbeScriptId, 20, [tenant.Ring], ["corp.contoso.example"]), CancellationToken.None)));

        var (graphRequests, perDevice) = await tenant.RequestCountsAsync();
        // Member pages, managed-device pages (the report names devices by IntuneDeviceId, mapped from the ring's Entra
        // ids with one listing; the bench fleet is the ring) and report pages; then the ticket probe's member and run-state pages.
        var statusMinimum = (2 * Pages(devices, graph.Options.CollectionPageSize)) + Pages(devices, Math.Min(graph.Options.ReportPageSize, new SimulatedGraphOptions().MaxReportPageSize));
        var probeMinimum = Pages(devices, graph.Options.CollectionPageSize) + Pages(run.Result.Tickets.Reported, Math.Min(graph.Options.CollectionPageSize, new SimulatedGraphOptions().MaxPageSize));
        var minimum = statusMinimum + probeMinimum;
        var over = (graphRequests - minimum) / (double)minimum;
        if (print)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {devices:N0} | {graphRequests} | {minimum} | {over:P1} | {perDevice} | {run.Elapsed.TotalSeconds:F2} s | {FleetSizes.Mb(run.HeapAfter):F0} | {FleetSizes.Mb(run.Allocated):F0} | {FleetSizes.Mb(run.PeakWorkingSet):F0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  counts: {run.Result.Status.Counts}; minimum {statusMinimum} (policy report) + {probeMinimum} (ticket probe)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tickets: {run.Result.Tickets.Counts}; causes: {string.Join(", ", run.Result.Tickets.Causes!.Select(c => $"{c.Cause} {c.Count}"))}"));
        }

        return run.Result.Status.Counts.Targeted == devices && run.Result.Tickets.Reported > 0 && over <= 0.05 && perDevice == 0 && FleetSizes.Mb(run.PeakWorkingSet) < 200;
    }

    private static int Pages(int rows, int pageSize) => Math.Max(1, (rows + pageSize - 1) / pageSize);
}
