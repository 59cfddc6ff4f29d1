namespace CloudTrust.Core.Workflows;

/// <summary>
/// How an activity call is retried when the activity throws: the same shape as Microsoft.DurableTask's
/// <c>RetryPolicy(maxNumberOfAttempts, firstRetryInterval, backoffCoefficient, maxRetryInterval)</c>.
/// </summary>
public sealed record ActivityRetryPolicy
{
    /// <summary>Initializes a new instance of the <see cref="ActivityRetryPolicy"/> class.</summary>
    /// <param name="maxAttempts">Total attempts, the first included; at least 1.</param>
    /// <param name="firstRetryDelay">Delay before the second attempt; greater than zero.</param>
    /// <param name="backoffCoefficient">Multiplier applied to each further delay; at least 1.0.</param>
    /// <param name="maxRetryDelay">Upper bound on any one delay; at least <paramref name="firstRetryDelay"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public ActivityRetryPolicy(int maxAttempts, TimeSpan firstRetryDelay, double backoffCoefficient = 2.0, TimeSpan? maxRetryDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryDelay, TimeSpan.Zero);
        if (double.IsNaN(backoffCoefficient) || backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "must be 1.0 or greater");
        }

        var max = maxRetryDelay ?? TimeSpan.FromHours(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, firstRetryDelay, nameof(maxRetryDelay));
        MaxAttempts = maxAttempts;
        FirstRetryDelay = firstRetryDelay;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryDelay = max;
    }

    /// <summary>Gets the total number of attempts, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>Gets the delay before the second attempt.</summary>
    public TimeSpan FirstRetryDelay { get; }

    /// <summary>Gets the multiplier applied to each further delay.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Gets the upper bound on any one delay.</summary>
    public TimeSpan MaxRetryDelay { get; }

    /// <summary>A policy that tries once and never retries.</summary>
    public static ActivityRetryPolicy None { get; } = new(1, TimeSpan.FromSeconds(1));

    /// <summary>Gets the delay to wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    /// <param name="attempt">The attempt that just failed, counting from 1.</param>
    /// <returns>The delay before the next attempt.</returns>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = FirstRetryDelay.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}
