using System.Net;
using CloudTrust.Api;
using CloudTrust.Core.Rollout.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Triggers;

/// <summary>
/// <c>/api/rollouts</c>: start from a plan (202 with this app's status address, never Durable's keyed management URLs:
/// see <see cref="InstanceAccepted"/>), list, read one, and answer its gates. Function-key authorization; the approver of
/// a Hello container deletion is the signed-in principal only when App Service Authentication is on
/// (<see cref="Approver"/>). Validation lives in CloudTrust.Api (tested); these are adapters. DurableTaskClient shapes
/// checked against microsoft/durabletask-dotnet src/Client/Core/DurableTaskClient.cs.
/// </summary>
/// <param name="settings">The host's settings (whether App Service Authentication is on).</param>
public sealed class RolloutEndpoints(HostSettings settings)
{
    /// <summary>POST /api/rollouts.</summary>
    [Function("StartRollout")]
    public async Task<HttpResponseData> Start([HttpTrigger(AuthorizationLevel.Function, "post", Route = "rollouts")] HttpRequestData request, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var (body, tooLarge) = await RequestBody.ReadAsync(request.Body, context.CancellationToken);
        if (tooLarge is not null)
        {
            return await HttpResponses.ProblemAsync(request, tooLarge, context.CancellationToken);
        }

        var (start, problem) = RolloutStartRequest.Read(body!, requestIdRequired: false, () => Guid.NewGuid().ToString("N"));
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, context.CancellationToken);
        }

        var existing = await client.GetInstanceAsync(start!.InstanceId, getInputsAndOutputs: true, context.CancellationToken);
        if (existing is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(RolloutWorkflow.Name, start.Workflow, new StartOrchestrationOptions(start.InstanceId), context.CancellationToken);
        }
        else if (start.CheckRepeatOf(existing.SerializedInput) is { Count: > 0 } reused)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the request", reused) with { Status = 409, Title = "Conflict" }, context.CancellationToken);
        }

        return await HttpResponses.AcceptedAsync(request, InstanceAccepted.ForRollout(request.Url, start.InstanceId), context.CancellationToken);
    }

    /// <summary>GET /api/rollouts.</summary>
    [Function("ListRollouts")]
    public async Task<HttpResponseData> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "rollouts")] HttpRequestData request, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var views = new List<RolloutStatusView>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "rollout-", FetchInputsAndOutputs = true }).WithCancellation(context.CancellationToken))
        {
            // A rollout's children (<rollout>.ring-<n>, …) are shown through their rollout, not as rollouts.
            if (!instance.InstanceId.Contains('.', StringComparison.Ordinal))
            {
                views.Add(await ViewAsync(client, instance, context.CancellationToken));
            }
        }

        return await HttpResponses.JsonAsync(request, HttpStatusCode.OK, views, context.CancellationToken);
    }

    /// <summary>GET /api/rollouts/{id}.</summary>
    [Function("GetRollout")]
    public async Task<HttpResponseData> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "rollouts/{id}")] HttpRequestData request, string id, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        if (InstanceIds.CheckRouteId(id) is { Count: > 0 } errors)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the route", errors), context.CancellationToken);
        }

        return await client.GetInstanceAsync(id, getInputsAndOutputs: true, context.CancellationToken) is { } instance
            ? await HttpResponses.JsonAsync(request, HttpStatusCode.OK, await ViewAsync(client, instance, context.CancellationToken), context.CancellationToken)
            : await HttpResponses.ProblemAsync(request, ApiProblem.NotFound(id), context.CancellationToken);
    }

    /// <summary>POST /api/rollouts/{id}/approve|resume|abort (abort in any phase until the rollout has finished: 409 then).</summary>
    [Function("AnswerRollout")]
    public async Task<HttpResponseData> Answer([HttpTrigger(AuthorizationLevel.Function, "post", Route = "rollouts/{id}/{action}")] HttpRequestData request, string id, string action, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var errors = InstanceIds.CheckRouteId(id).Concat(RolloutAction.TryMap(action, out var eventName)).ToList();
        if (errors.Count > 0)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the route", errors), context.CancellationToken);
        }

        if (await client.GetInstanceAsync(id, getInputsAndOutputs: true, context.CancellationToken) is not { } instance)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.NotFound(id), context.CancellationToken);
        }

        // An abort is taken in any phase until the rollout finishes; the other answers only when the rollout waits for them.
        var own = RolloutStatusView.From(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, instance.SerializedCustomStatus, instance.SerializedOutput).AsStatus();
        var refused = eventName == RolloutEvents.Abort
            ? RolloutAction.CheckAbortable(instance.RuntimeStatus.ToString(), own)
            : RolloutAction.CheckWaitingFor((await ViewAsync(client, instance, context.CancellationToken)).AsStatus(), eventName);
        if (refused is { Count: > 0 } notWaiting)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the answer", notWaiting) with { Status = 409, Title = "Conflict" }, context.CancellationToken);
        }

        var principal = request.Headers.TryGetValues(Approver.PrincipalNameHeader, out var names) ? names.FirstOrDefault() : null;
        if (eventName is RolloutEvents.Approve or RolloutEvents.ApproveDeletion && Approver.RequireSignIn(settings.AppServiceAuthentication, principal) is { } unsigned)
        {
            return await HttpResponses.ProblemAsync(request, unsigned, context.CancellationToken);
        }

        object? payload = null;
        if (eventName == RolloutEvents.ApproveDeletion)
        {
            var (body, tooLarge) = await RequestBody.ReadAsync(request.Body, context.CancellationToken);
            if (tooLarge is not null)
            {
                return await HttpResponses.ProblemAsync(request, tooLarge, context.CancellationToken);
            }

            var by = Approver.Name(settings.AppServiceAuthentication, principal);
            var current = (await ViewAsync(client, instance, context.CancellationToken)).AsStatus();
            if (RolloutAction.ReadDeletionApproval(body, current, by, out var approval) is { Count: > 0 } wrong)
            {
                return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the deletion approval", wrong), context.CancellationToken);
            }

            payload = approval;
        }

        // Every answer goes to the rollout itself: it takes an abort outside a gate at its next safe point (passing it on
        // to a ring's verification or a tracking loop, which stops between two polls), then rolls back as at a gate.
        // Durable buffers an event raised before the rollout waits for it, even before the instance has started.
        await client.RaiseEventAsync(id, eventName, eventName == RolloutEvents.Abort ? new { by = Approver.Name(settings.AppServiceAuthentication, principal) } : payload, context.CancellationToken);
        return await HttpResponses.JsonAsync(request, HttpStatusCode.Accepted, new { id, raised = eventName }, context.CancellationToken);
    }

    // While the rollout waits for a child (a ring's verification, a tracking loop), the child's status has the counts.
    private static async Task<RolloutStatusView> ViewAsync(DurableTaskClient client, OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        var own = RolloutStatusView.From(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, instance.SerializedCustomStatus, instance.SerializedOutput);
        var childId = RolloutChildInstances.ToRead(instance.InstanceId, own.AsStatus());
        return childId is not null && await client.GetInstanceAsync(childId, getInputsAndOutputs: true, cancellationToken) is { } child
            ? RolloutStatusView.From(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, instance.SerializedCustomStatus, instance.SerializedOutput, child.SerializedCustomStatus)
            : own;
    }
}
