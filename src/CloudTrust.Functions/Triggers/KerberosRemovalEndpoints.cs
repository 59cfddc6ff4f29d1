using System.Net;
using System.Text.Json;
using CloudTrust.Api;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Triggers;

/// <summary>
/// <c>POST /api/kerberos/removals</c> removes a domain's Microsoft Entra Kerberos server object as a durable
/// orchestration (<see cref="KerberosRemovalWorkflow"/>, attended by default), and <c>GET /api/kerberos/removals/{id}</c>
/// reads it. The request needs a principal App Service Authentication signed in (<see cref="KerberosRemovalStart.SignedIn"/>)
/// and the domain named again in <c>confirm</c>; it is refused with 409, starting nothing, while a rollout whose plan
/// names the domain is unfinished or has left cloud trust assigned (<see cref="KerberosRemovalGuard"/>, read from the
/// Durable instances), or while another removal of the domain runs. Query shapes: microsoft/durabletask-dotnet
/// src/Client/Core/DurableTaskClient.cs (GetAllInstancesAsync, OrchestrationQuery).
/// </summary>
/// <param name="settings">The host's settings (whether App Service Authentication is on; the poll interval).</param>
/// <param name="time">The clock.</param>
public sealed class KerberosRemovalEndpoints(HostSettings settings, TimeProvider time)
{
    /// <summary>POST /api/kerberos/removals.</summary>
    [Function("RemoveKerberosServerObject")]
    public async Task<HttpResponseData> Remove([HttpTrigger(AuthorizationLevel.Function, "post", Route = "kerberos/removals")] HttpRequestData request, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var ct = context.CancellationToken;
        var principal = request.Headers.TryGetValues(Approver.PrincipalNameHeader, out var names) ? names.FirstOrDefault() : null;
        var (by, unsigned) = KerberosRemovalStart.SignedIn(settings.AppServiceAuthentication, principal);
        if (unsigned is not null)
        {
            return await HttpResponses.ProblemAsync(request, unsigned, ct);
        }

        var (body, tooLarge) = await RequestBody.ReadAsync(request.Body, ct);
        if (tooLarge is not null)
        {
            return await HttpResponses.ProblemAsync(request, tooLarge, ct);
        }

        var (removal, problem) = KerberosRemovalStart.Read(body!, by!, settings.RotationPolicy.PollInterval);
        if (problem is not null)
        {
            return await HttpResponses.ProblemAsync(request, problem, ct);
        }

        if (await RefusalAsync(client, removal!.Domain, ct) is { } refusal)
        {
            return await HttpResponses.ProblemAsync(request, KerberosRemovalStart.Refused(refusal), ct);
        }

        var id = KerberosRemovalView.NewId(time.GetUtcNow(), Guid.NewGuid());
        await client.ScheduleNewOrchestrationInstanceAsync(KerberosRemovalWorkflow.Name, removal, new StartOrchestrationOptions(id), ct);
        return await HttpResponses.AcceptedAsync(request, InstanceAccepted.ForKerberosRemoval(request.Url, id), ct);
    }

    /// <summary>GET /api/kerberos/removals/{id}.</summary>
    [Function("GetKerberosRemoval")]
    public static async Task<HttpResponseData> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "kerberos/removals/{id}")] HttpRequestData request, string id, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        if (InstanceIds.CheckRouteId(id) is { Count: > 0 } errors)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the route", errors), context.CancellationToken);
        }

        return id.StartsWith(KerberosRemovalView.IdPrefix, StringComparison.Ordinal) && await client.GetInstanceAsync(id, getInputsAndOutputs: true, context.CancellationToken) is { } instance
            ? await HttpResponses.JsonAsync(request, HttpStatusCode.OK, KerberosRemovalView.From(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, instance.SerializedCustomStatus, instance.SerializedOutput), context.CancellationToken)
            : await HttpResponses.ProblemAsync(request, ApiProblem.NotFound(id) with { Detail = $"no Kerberos removal has id '{id}'" }, context.CancellationToken);
    }

    /// <summary>The guard over the Durable instances: the rollouts whose plans name the domain, and removals of it still running.</summary>
    private static async Task<string?> RefusalAsync(DurableTaskClient client, string domain, CancellationToken cancellationToken)
    {
        var relying = new List<RolloutOnDomain>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "rollout-", FetchInputsAndOutputs = true }).WithCancellation(cancellationToken))
        {
            // A rollout's children (<rollout>.ring-<n>, …) rely on the domain through their rollout.
            if (instance.InstanceId.Contains('.', StringComparison.Ordinal) || ReadPlan(instance.SerializedInput) is not { } plan
                || !plan.Domains.Contains(domain, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var finished = instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
            var assigned = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<RolloutReport>()?.Outcome == RolloutOutcome.Completed;
            relying.Add(new RolloutOnDomain(instance.InstanceId, finished, assigned));
        }

        if (KerberosRemovalGuard.Refusal(domain, relying, id => $"POST /api/rollouts/{id}/abort") is { } refusal)
        {
            return refusal;
        }

        await foreach (var removal in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = KerberosRemovalView.IdPrefix, FetchInputsAndOutputs = true }).WithCancellation(cancellationToken))
        {
            if (!removal.IsCompleted && removal.ReadInputAs<KerberosRemovalRequest>() is { } other && string.Equals(other.Domain, domain, StringComparison.OrdinalIgnoreCase))
            {
                return $"removal {removal.InstanceId} of the object of {domain} is still running (GET /api/kerberos/removals/{removal.InstanceId}). Nothing was changed";
            }
        }

        return null;
    }

    private static RolloutPlan? ReadPlan(string? serializedInput)
    {
        try
        {
            return serializedInput is null ? null : JsonSerializer.Deserialize<RolloutRequest>(serializedInput, ApiJson.Options) is { } request ? RolloutPlanReader.Read(request.PlanJson).Plan : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
