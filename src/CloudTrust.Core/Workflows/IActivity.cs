namespace CloudTrust.Core.Workflows;

/// <summary>
/// One unit of I/O a workflow schedules: one input record in, one output record out, idempotent (it may run
/// more than once when a process dies before its result is journaled). Secrets are fetched inside it.
/// </summary>
/// <typeparam name="TInput">The JSON-serialisable input.</typeparam>
/// <typeparam name="TOutput">The JSON-serialisable output.</typeparam>
public interface IActivity<in TInput, TOutput>
{
    /// <summary>Runs the activity.</summary>
    /// <param name="input">The activity input.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The activity output.</returns>
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
