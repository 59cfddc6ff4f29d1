using System.Diagnostics;

namespace CloudTrust.Rollout.Tests.Support;

/// <summary>A clock that runs <c>factor</c> times faster than real time, timers included, so hours of soak take seconds.</summary>
public sealed class AcceleratedClock(DateTimeOffset start, double factor) : TimeProvider
{
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks((long)(watch.Elapsed.Ticks * factor));

    /// <summary>Stops the clock where it is: every later reading gives the same time (for reads that must see one moment).</summary>
    public void Stop() => watch.Stop();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => base.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span)
        => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / factor)));
}
