using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Benchmarks.History;

/// <summary>
/// The code path before ring sub-workflows, rebuilt from today's code for the "before" figures: a context that runs
/// each <see cref="RingVerificationWorkflow"/> call in place, on the rollout's own context, and starts it again with
/// the input it continues as new with — so every poll lands in the rollout's one history, as the rollout's inline
/// polling loop did (the same timer, read and status per poll).
/// </summary>
/// <param name="inner">The host's context of the rollout.</param>
public sealed class InlineRings(IWorkflowContext inner) : IWorkflowContext
{
    private readonly RingVerificationWorkflow ring = new();
    private object? continuedWith;

    /// <inheritdoc />
    public string InstanceId => inner.InstanceId;

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    /// <inheritdoc />
    public bool IsReplaying => inner.IsReplaying;

    /// <inheritdoc />
    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null)
        => inner.CallActivityAsync<TResult>(name, input, retry);

    /// <inheritdoc />
    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId)
    {
        if (name != RingVerificationWorkflow.Name || input is not RingVerificationRequest request)
        {
            throw new NotSupportedException($"only {RingVerificationWorkflow.Name} runs inline");
        }

        while (true)
        {
            continuedWith = null;
            var result = await ring.RunAsync(this, request);
            if (continuedWith is not RingVerificationRequest next)
            {
                return (TResult)(object)result;
            }

            request = next;
        }
    }

    /// <inheritdoc />
    public void ContinueAsNew(object? input, bool preserveUnprocessedEvents = true) => continuedWith = input;

    /// <inheritdoc />
    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    /// <inheritdoc />
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
        => inner.WaitForExternalEvent<T>(eventName, timeout, cancellationToken);

    /// <inheritdoc />
    public void SendEvent(string instanceId, string eventName, object? payload) => inner.SendEvent(instanceId, eventName, payload);

    /// <inheritdoc />
    public void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    /// <inheritdoc />
    public Guid NewGuid() => inner.NewGuid();

    /// <inheritdoc />
    public ILogger CreateReplaySafeLogger(string categoryName) => inner.CreateReplaySafeLogger(categoryName);
}
