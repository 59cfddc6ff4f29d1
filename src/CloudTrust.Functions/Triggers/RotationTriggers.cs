using System.Net;
using CloudTrust.Api;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Relay;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Triggers;

/// <summary>
/// Key rotation on the schedule in the <c>RotationSchedule</c> app setting (NCRONTAB, as the timer trigger reads it),
/// on demand (<c>POST /api/rotations</c>), and the per-domain health (<c>GET /api/kerberos</c>), plus <c>GET /api/health</c>.
/// </summary>
/// <param name="settings">The host's settings (policy, domains).</param>
/// <param name="reader">Reads a domain's Kerberos server object through the relay.</param>
/// <param name="time">The clock.</param>
public sealed class RotationTriggers(HostSettings settings, ReadKerberosServerActivity reader, TimeProvider time)
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
        return await client.CreateCheckStatusResponseAsync(request, id, context.CancellationToken);
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
                rows.Add(KerberosHealthView.From(domain, await reader.RunAsync(new KerberosDomainRequest(domain, null), context.CancellationToken), time.GetUtcNow()));
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

    // ScheduleNewOrchestrationInstanceAsync(TaskName, object?, StartOrchestrationOptions?, CancellationToken):
    // microsoft/durabletask-dotnet src/Client/Core/DurableTaskClient.cs; StartOrchestrationOptions: src/Abstractions/TaskOptions.cs.
    private Task<string> StartAsync(DurableTaskClient client, RotationMode mode, string trigger, CancellationToken cancellationToken)
        => client.ScheduleNewOrchestrationInstanceAsync(
            KeyRotationWorkflow.Name,
            new RotationRequest(settings.RotationPolicy, mode, settings.RotationPolicy.Domains, trigger),
            new StartOrchestrationOptions(InstanceIds.ForRotation(time.GetUtcNow(), Guid.NewGuid())),
            cancellationToken);
}
