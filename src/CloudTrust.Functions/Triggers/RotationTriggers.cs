using System.Net;
using CloudTrust.Api;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Composition;
using CloudTrust.Integrations.Relay;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Triggers;

/// <summary>
/// Key rotation on the schedule in the <c>RotationSchedule</c> app setting (NCRONTAB, as the timer trigger reads it),
/// on demand (<c>POST /api/rotations</c>, 202 with this app's own status address), its status
/// (<c>GET /api/rotations/{id}</c>) and approval (<c>POST /api/rotations/{id}/approve|decline</c>), and the per-domain
/// health (<c>GET /api/kerberos</c>), plus <c>GET /api/health</c>.
/// </summary>
/// <param name="settings">The host's settings (policy, domains).</param>
/// <param name="kerberos">The Kerberos activities (the read of a domain's server object through the relay).</param>
/// <param name="time">The clock.</param>
public sealed class RotationTriggers(HostSettings settings, KerberosActivitySet kerberos, TimeProvider time)
{
    /// <summary>The timer: starts a due-only rotation (keys older than the policy's maximum, inside its window).</summary>
    [Function("RotateOnSchedule")]
    public Task Scheduled([TimerTrigger("%RotationSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
        => StartAsync(client, RotationMode.Due, "timer", context.CancellationToken);

    /// <summary>POST /api/rotations: rotate now.</summary>
    [Function("RotateNow")]
    public async Task<HttpResponseData> Now([HttpTrigger(AuthorizationLevel.Function, "post", Route = "rotations")] HttpRequestData request, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var id = await StartAsync(client, RotationMode.Now, "http", context.CancellationToken);
        return await HttpResponses.AcceptedAsync(request, InstanceAccepted.ForRotation(request.Url, id), context.CancellationToken);
    }

    /// <summary>GET /api/rotations/{id}: the run's state, each domain's phase and its report once done.</summary>
    [Function("GetRotation")]
    public async Task<HttpResponseData> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "rotations/{id}")] HttpRequestData request, string id, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        if (InstanceIds.CheckRouteId(id) is { Count: > 0 } errors)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the route", errors), context.CancellationToken);
        }

        return await ReadAsync(client, id, context.CancellationToken) is { } view
            ? await HttpResponses.JsonAsync(request, HttpStatusCode.OK, view, context.CancellationToken)
            : await HttpResponses.ProblemAsync(request, ApiProblem.NotFound(id), context.CancellationToken);
    }

    /// <summary>POST /api/rotations/{id}/approve|decline: answers a run that waits for approval (409 otherwise).</summary>
    [Function("AnswerRotation")]
    public async Task<HttpResponseData> Answer([HttpTrigger(AuthorizationLevel.Function, "post", Route = "rotations/{id}/{action}")] HttpRequestData request, string id, string action, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var errors = InstanceIds.CheckRouteId(id).ToList();
        if (action is not ("approve" or "decline"))
        {
            errors.Add(new Core.Validation.ValidationError("action", "must be approve or decline"));
        }

        if (errors.Count > 0)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the route", errors), context.CancellationToken);
        }

        if (await ReadAsync(client, id, context.CancellationToken) is not { } view)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.NotFound(id), context.CancellationToken);
        }

        if (!view.AwaitsApproval)
        {
            return await HttpResponses.ProblemAsync(request, ApiProblem.Invalid("the answer", [new("action", $"the rotation run is {view.RuntimeStatus} and does not wait for an approval")]) with { Status = 409, Title = "Conflict" }, context.CancellationToken);
        }

        var principal = request.Headers.TryGetValues(Approver.PrincipalNameHeader, out var names) ? names.FirstOrDefault() : null;
        if (action == "approve" && Approver.RequireSignIn(settings.AppServiceAuthentication, principal) is { } unsigned)
        {
            return await HttpResponses.ProblemAsync(request, unsigned, context.CancellationToken);
        }

        var by = Approver.Name(settings.AppServiceAuthentication, principal);
        await client.RaiseEventAsync(id, RotationActivities.ApprovalEvent, new RotationApproval(action == "approve", by), context.CancellationToken);
        return await HttpResponses.JsonAsync(request, HttpStatusCode.Accepted, new { id, raised = RotationActivities.ApprovalEvent, approved = action == "approve" }, context.CancellationToken);
    }

    /// <summary>GET /api/kerberos: each domain's server object health and key age.</summary>
    [Function("KerberosHealth")]
    public async Task<HttpResponseData> Kerberos([HttpTrigger(AuthorizationLevel.Function, "get", Route = "kerberos")] HttpRequestData request, FunctionContext context)
    {
        var rows = new List<KerberosHealthView>();
        foreach (var domain in settings.RotationPolicy.Domains)
        {
            try
            {
                // An attended domain's object is read from the directory (no cloud sign-in); the cloud half is named as not read.
                rows.Add(settings.RotationPolicy.SignIn.For(domain) == CloudSignInMode.Attended
                    ? KerberosHealthView.FromDirectory(domain, await kerberos.ReadKerberosServerDirectory.RunAsync(new KerberosDomainRequest(domain, null), context.CancellationToken), time.GetUtcNow())
                    : KerberosHealthView.From(domain, await kerberos.ReadKerberosServer.RunAsync(new KerberosDomainRequest(domain, null), context.CancellationToken), time.GetUtcNow()) with { CloudSignIn = CloudSignInModes.Password });
            }
            catch (KerberosOperationFailedException ex)
            {
                rows.Add(KerberosHealthView.Unreadable(domain, ex.Message));
            }
            catch (RelayUnavailableException)
            {
                rows.Add(KerberosHealthView.Unreadable(domain, "the relay or the on-premises agent could not be reached"));
            }
        }

        return await HttpResponses.JsonAsync(request, HttpStatusCode.OK, rows, context.CancellationToken);
    }

    /// <summary>GET /api/health: the host answers.</summary>
    [Function("Health")]
    public static Task<HttpResponseData> Health([HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequestData request, FunctionContext context)
        => HttpResponses.JsonAsync(request, HttpStatusCode.OK, new { status = "ok" }, context.CancellationToken);

    private static async Task<RotationStatusView?> ReadAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
        => id.StartsWith("rotation-", StringComparison.Ordinal) && await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { } instance
            ? RotationStatusView.From(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, instance.SerializedCustomStatus, instance.SerializedOutput)
            : null;

    // ScheduleNewOrchestrationInstanceAsync(TaskName, object?, StartOrchestrationOptions?, CancellationToken):
    // microsoft/durabletask-dotnet src/Client/Core/DurableTaskClient.cs; StartOrchestrationOptions: src/Abstractions/TaskOptions.cs.
    private Task<string> StartAsync(DurableTaskClient client, RotationMode mode, string trigger, CancellationToken cancellationToken)
        => client.ScheduleNewOrchestrationInstanceAsync(
            KeyRotationWorkflow.Name,
            new RotationRequest(settings.RotationPolicy, mode, settings.RotationPolicy.Domains, trigger),
            new StartOrchestrationOptions(InstanceIds.ForRotation(time.GetUtcNow(), Guid.NewGuid())),
            cancellationToken);
}
