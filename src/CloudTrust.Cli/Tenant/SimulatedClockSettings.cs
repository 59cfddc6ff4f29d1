using CloudTrust.Core.Time;

namespace CloudTrust.Cli.Tenant;

/// <summary>
/// The accelerated clock a simulated tenant runs on (the <c>simulatedClock</c> section): at the real instant
/// <paramref name="AnchorUtc"/> the simulated time was <paramref name="SimulatedStart"/>, and it runs
/// <paramref name="Factor"/> times faster since. A CLI process given the same values shares the simulator's clock.
/// </summary>
/// <param name="AnchorUtc">The real wall-clock instant the simulated clock started.</param>
/// <param name="SimulatedStart">The simulated time at that instant.</param>
/// <param name="Factor">Simulated seconds per real second (1 or more).</param>
public sealed record SimulatedClockSettings(DateTimeOffset AnchorUtc, DateTimeOffset SimulatedStart, double Factor)
{
    /// <summary>Creates the clock.</summary>
    /// <returns>The accelerated clock, reading the same time as every other process with these settings.</returns>
    public AcceleratedTimeProvider CreateClock() => AcceleratedTimeProvider.AnchoredAt(AnchorUtc, SimulatedStart, Factor);
}
