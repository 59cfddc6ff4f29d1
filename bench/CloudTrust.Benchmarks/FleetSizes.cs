using System.Diagnostics;
using System.Globalization;

namespace CloudTrust.Benchmarks;

/// <summary>
/// What the fleet-size benchmarks share: the sizes from the command line (default 10,000 and 100,000), a warm-up run
/// at 1,000 that prints nothing, the table header, and one measured call's wall time and memory.
/// </summary>
internal static class FleetSizes
{
    /// <summary>Runs <paramref name="measure"/> once unprinted at 1,000 devices, then printed for each size.</summary>
    /// <param name="args">Sizes; default 10000 and 100000.</param>
    /// <param name="header">The table's header and alignment rows.</param>
    /// <param name="measure">Measures one size (devices, print) and says whether it met its targets.</param>
    /// <returns>0 when every printed run met its targets, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args, string header, Func<int, bool, Task<bool>> measure)
    {
        var sizes = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(10_000).ToList();
        if (args.Length == 0)
        {
            sizes.Add(100_000);
        }

        await measure(1_000, false);
        var ok = true;
        Console.WriteLine(header);
        foreach (var size in sizes)
        {
            ok &= await measure(size, true);
        }

        return ok ? 0 : 1;
    }

    /// <summary>Runs one call after a full collection and measures it.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="call">The measured call.</param>
    /// <returns>Its result, wall time, managed heap after, bytes allocated during, and the process's peak working set.</returns>
    public static async Task<(T Result, TimeSpan Elapsed, long HeapAfter, long Allocated, long PeakWorkingSet)> MeasureAsync<T>(Func<Task<T>> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = await call();
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        return (result, watch.Elapsed, heapAfter, allocated, process.PeakWorkingSet64);
    }

    /// <summary>Bytes as megabytes for the tables.</summary>
    /// <param name="bytes">Bytes.</param>
    /// <returns>Megabytes.</returns>
    public static double Mb(long bytes) => bytes / 1048576.0;
}
