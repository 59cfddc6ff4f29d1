using CloudTrust.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Engine.Execution;

/// <summary>Runs one activity request with its retry policy, waiting between attempts on the engine's clock.</summary>
internal sealed partial class ActivityInvoker(WorkflowRegistry registry, TimeProvider time, ILogger logger, PayloadLimits? limits = null)
{
    public async Task<ActivityOutcome> InvokeAsync(string instanceId, ActivityRequest request, CancellationToken cancellationToken)
    {
        if (!registry.TryGetActivity(request.Name, out var activity))
        {
            var unknown = new UnknownWorkflowException($"no activity is registered as '{request.Name}'");
            return new ActivityOutcome(null, new ActivityFailurePayload(1, WorkflowFailure.From(unknown)));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var output = await activity.Invoke(request.InputJson, cancellationToken);
                if ((limits ?? PayloadLimits.None).PayloadProblem($"the output of activity '{request.Name}'", output) is { } tooLarge)
                {
                    // Not retried: the same work gives the same too-large answer.
                    return new ActivityOutcome(null, new ActivityFailurePayload(attempt, WorkflowFailure.From(tooLarge)));
                }

                return new ActivityOutcome(output, null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // An activity may throw anything; the workflow decides what a failure means.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var failure = WorkflowFailure.From(ex);
                if (attempt >= request.Retry.MaxAttempts)
                {
                    LogGaveUp(instanceId, request.Name, attempt, failure.ErrorType);
                    return new ActivityOutcome(null, new ActivityFailurePayload(attempt, failure));
                }

                var delay = request.Retry.DelayAfter(attempt);
                LogRetrying(instanceId, request.Name, attempt, failure.ErrorType, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: activity {Activity} attempt {Attempt} threw {ErrorType}; retrying in {Delay}")]
    private partial void LogRetrying(string instanceId, string activity, int attempt, string errorType, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: activity {Activity} failed after {Attempts} attempt(s) with {ErrorType}")]
    private partial void LogGaveUp(string instanceId, string activity, int attempts, string errorType);
}

/// <summary>An activity's result: output JSON, or the failure after the last attempt.</summary>
/// <param name="Output">The output JSON on success.</param>
/// <param name="Failure">The failure otherwise.</param>
internal sealed record ActivityOutcome(string? Output, ActivityFailurePayload? Failure);
