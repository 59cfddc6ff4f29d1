namespace CloudTrust.Core.Time;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time from a chosen start, so the demo can soak a
/// ring for a simulated day in seconds. Timers created on it fire after their due time divided by the factor.
/// Every component of a run (engine, simulator, workflows through the engine) must share one instance.
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider real;
    private readonly long startTimestamp;

    /// <summary>Initializes a new instance of the <see cref="AcceleratedTimeProvider"/> class.</summary>
    /// <param name="start">The simulated time at creation.</param>
    /// <param name="factor">How many simulated seconds pass per real second; at least 1.</param>
    /// <param name="real">The real clock underneath; the system clock when omitted.</param>
    public AcceleratedTimeProvider(DateTimeOffset start, double factor, TimeProvider? real = null)
    {
        if (double.IsNaN(factor) || factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "must be 1 or more");
        }

        Start = start;
        Factor = factor;
        this.real = real ?? System;
        startTimestamp = this.real.GetTimestamp();
    }

    /// <summary>
    /// Creates a clock anchored on a real wall-clock instant: at <paramref name="anchorUtc"/> (real time) the simulated
    /// time was <paramref name="simulatedStart"/>, and it has run <paramref name="factor"/> times faster since. Two
    /// processes given the same three values read the same simulated time (to the precision of the shared wall clock),
    /// so a CLI and a simulator in separate processes share one accelerated clock.
    /// </summary>
    /// <param name="anchorUtc">The real instant the simulated clock started from.</param>
    /// <param name="simulatedStart">The simulated time at <paramref name="anchorUtc"/>.</param>
    /// <param name="factor">How many simulated seconds pass per real second; at least 1.</param>
    /// <param name="real">The real clock underneath; the system clock when omitted.</param>
    /// <returns>The clock, already advanced by the real time since the anchor.</returns>
    public static AcceleratedTimeProvider AnchoredAt(DateTimeOffset anchorUtc, DateTimeOffset simulatedStart, double factor, TimeProvider? real = null)
    {
        if (double.IsNaN(factor) || factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "must be 1 or more");
        }

        real ??= System;
        var sinceAnchor = real.GetUtcNow() - anchorUtc;
        return new AcceleratedTimeProvider(simulatedStart + TimeSpan.FromTicks((long)(sinceAnchor.Ticks * factor)), factor, real);
    }

    /// <summary>Gets the simulated time at creation.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets how many simulated seconds pass per real second.</summary>
    public double Factor { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
        => Start + TimeSpan.FromTicks((long)(real.GetElapsedTime(startTimestamp).Ticks * Factor));

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => real.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span)
        => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Factor)));
}
