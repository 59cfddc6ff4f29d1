namespace CloudTrust.Benchmarks.History;

/// <summary>
/// A clock for durable timers that need not be waited out: a timer created for a delay moves the clock forward by
/// that delay and fires at once, so fourteen days of 15-minute polls run in seconds. Right for the history
/// benchmark, where at most one timer is pending at a time (the polling ring's).
/// </summary>
/// <param name="start">The clock's first reading.</param>
public sealed class LeapingClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || period != Timeout.InfiniteTimeSpan)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        if (dueTime > TimeSpan.Zero)
        {
            Interlocked.Add(ref ticks, dueTime.Ticks);
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
