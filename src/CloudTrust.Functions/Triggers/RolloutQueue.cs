using System.Text;
using System.Text.Json;
using CloudTrust.Api;
using CloudTrust.Core.Rollout.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Triggers;

/// <summary>
/// <c>rollout-requests</c>: each message carries a plan and a request id. The instance id derives from the request id,
/// so a redelivered message finds its rollout and starts nothing. An invalid message is not retried: it goes to
/// <c>rollout-requests-poison</c> together with its validation problem (a [QueueOutput] return value; null writes nothing).
/// </summary>
public static class RolloutQueue
{
    /// <summary>Starts (at most once) the rollout a message asks for.</summary>
    [Function("RolloutFromQueue")]
    [QueueOutput("rollout-requests-poison")]
    public static async Task<string?> Run([QueueTrigger("rollout-requests")] string message, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var (start, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(message), requestIdRequired: true, () => string.Empty);
        if (problem is not null)
        {
            return JsonSerializer.Serialize(new { message, problem }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        if (await client.GetInstanceAsync(start!.InstanceId, getInputsAndOutputs: false, context.CancellationToken) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(RolloutWorkflow.Name, start.Workflow, new StartOrchestrationOptions(start.InstanceId), context.CancellationToken);
        }

        return null;
    }
}
