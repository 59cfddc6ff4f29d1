using System.Text;
using CloudTrust.Api;
using CloudTrust.Core.Rollout.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Triggers;

/// <summary>
/// <c>rollout-requests</c>: each message carries a plan and a request id. The instance id derives from the request id,
/// so a redelivered message finds its rollout and starts nothing; two deliveries racing each other both try the same
/// instance id and the store keeps one. An invalid message is not retried: it goes to <c>rollout-requests-poison</c>
/// together with its validation problem (<see cref="QueueRejection"/>). Any other failure throws, so the host retries
/// the message up to <c>maxDequeueCount</c> (host.json) and then moves it to the same poison queue itself.
/// </summary>
public static class RolloutQueue
{
    /// <summary>Starts (at most once) the rollout a message asks for.</summary>
    /// <param name="message">The message text.</param>
    /// <param name="client">The Durable client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>The poison record for an invalid message; nothing otherwise.</returns>
    [Function("RolloutFromQueue")]
    public static async Task<RolloutQueueOutput> Run([QueueTrigger(QueueRejection.RequestQueue)] string message, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var (start, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(message), requestIdRequired: true, () => string.Empty);
        if (problem is not null)
        {
            return new RolloutQueueOutput { Rejection = QueueRejection.ToJson(message, problem) };
        }

        var existing = await client.GetInstanceAsync(start!.InstanceId, getInputsAndOutputs: true, context.CancellationToken);
        if (existing is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(RolloutWorkflow.Name, start.Workflow, new StartOrchestrationOptions(start.InstanceId), context.CancellationToken);
        }
        else if (start.CheckRepeatOf(existing.SerializedInput) is { Count: > 0 } reused)
        {
            return new RolloutQueueOutput { Rejection = QueueRejection.ToJson(message, ApiProblem.Invalid("the queue message", reused)) };
        }

        return new RolloutQueueOutput();
    }
}

/// <summary>
/// The queue function's outputs. A null property writes nothing: Azure/azure-functions-dotnet-worker
/// src/DotNetWorker.Core/OutputBindings/PropertyOutputBindingsInfo.cs binds only non-null property values, and
/// OutputBindingAttribute allows properties (extensions/Worker.Extensions.Abstractions/src/OutputBindingAttribute.cs).
/// </summary>
public sealed class RolloutQueueOutput
{
    /// <summary>Gets the poison record of an invalid message, or null.</summary>
    [QueueOutput(QueueRejection.PoisonQueue)]
    public string? Rejection { get; init; }
}
