using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Validation;
using CloudTrust.Engine;
using CloudTrust.Integrations.Relay;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust kerberos remove &lt;domain&gt; --confirm &lt;domain&gt;</c>: removes a domain's Microsoft Entra Kerberos
/// server object (both halves) through the agent — the rollback of the object, or the first step of a move to another
/// tenant. Refused, changing nothing, when the confirmation does not repeat the domain, or while a rollout in the
/// journal relies on the object (unfinished, or completed with cloud trust assigned). The cloud sign-in is attended
/// unless <c>--sign-in password</c>: the command waits while an administrator runs the agent command it prints.
/// </summary>
internal static class KerberosRemoveCommand
{
    public static Command Build()
    {
        var domain = new Argument<string>("domain") { Description = "The AD DNS domain whose object is removed." };
        var confirm = new Option<string?>("--confirm") { Description = "The domain again: removal cannot be undone (the object can be created again, with a new key)." };
        var signIn = new Option<string>("--sign-in") { Description = "attended (default: an administrator signs in on the agent's host, MFA included) or password (a stored MFA-excluded account).", DefaultValueFactory = _ => CloudSignInModes.Attended };
        var timeout = new Option<int>("--timeout-minutes") { Description = "How long to wait for the administrator (attended).", DefaultValueFactory = _ => 30 };
        var remove = new Command("remove", "Remove a domain's Kerberos server object (refused while a rollout relies on it).");
        remove.Arguments.Add(domain);
        remove.Options.Add(confirm);
        remove.Options.Add(signIn);
        remove.Options.Add(timeout);
        TenantChoice.AddTo(remove);
        remove.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped; nothing more was sent to the agent", async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var name = (parse.GetValue(domain) ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
            var errors = new List<ValidationError>();
            if (!DnsName.IsValid(name, out var problem))
            {
                errors.Add(new ValidationError("<domain>", problem));
            }

            if (!string.Equals(parse.GetValue(confirm)?.Trim().TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError("--confirm", $"must repeat the domain ('{name}') to remove its object"));
            }

            if (!CloudSignInModes.TryParse(parse.GetValue(signIn), out var mode))
            {
                errors.Add(new ValidationError("--sign-in", "must be attended or password"));
            }

            if (parse.GetValue(timeout) is < 1 or > 1440)
            {
                errors.Add(new ValidationError("--timeout-minutes", "must be 1 to 1440"));
            }

            if (errors.Count > 0)
            {
                throw new InvalidInputException("kerberos remove (nothing was changed)", errors);
            }

            if (await RefusalAsync(parse, name) is { } refusal)
            {
                terminal.Error(refusal);
                return ExitCodes.BadInput;
            }

            var settings = TenantChoice.Read(parse);
            using var loggers = CliLogging.Create();
            using var connection = TenantConnection.Open(settings, TimeProvider.System, loggers);
            var result = mode == CloudSignInMode.Password
                ? await SendAsync(connection.Sender, KerberosOperationRequest.RemoveKerberosServer(name, confirm: true), ct)
                : await AttendedAsync(connection.Sender, name, TimeSpan.FromMinutes(parse.GetValue(timeout)), terminal, ct);
            if (result.Succeeded)
            {
                terminal.Line(Tone.Good, $"removed the Kerberos server object of {name} (both halves)");
                return ExitCodes.Success;
            }

            terminal.Error($"{result.ErrorCode}: {result.ErrorMessage}");
            return result.ErrorCode is KerberosErrorCodes.ServerNotFound or KerberosErrorCodes.DomainNotFound ? ExitCodes.NotFound : ExitCodes.Failed;
        }));
        return remove;
    }

    /// <summary>Reads the journal's rollouts whose plans name the domain; a journal that does not exist holds none.</summary>
    private static async Task<string?> RefusalAsync(ParseResult parse, string domain)
    {
        var path = parse.GetValue(GlobalOptions.Database)!;
        if (!File.Exists(path))
        {
            return null;
        }

        await using var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = path, RunInstances = false });
        var relying = new List<RolloutOnDomain>();
        foreach (var run in engine.ListInstances(new WorkflowQuery(RolloutWorkflow.Name, null)))
        {
            var request = run.Input is null ? null : System.Text.Json.JsonSerializer.Deserialize<RolloutRequest>(run.Input, EngineJson.Options);
            var plan = request is null ? null : RolloutPlanReader.Read(request.PlanJson).Plan;
            if (plan is null || !plan.Domains.Contains(domain, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var finished = run.Status is WorkflowStatus.Completed or WorkflowStatus.Failed;
            var outcome = run.Status == WorkflowStatus.Completed ? run.ReadOutputAs<RolloutReport>()?.Outcome : null;
            relying.Add(new RolloutOnDomain(run.InstanceId, finished, outcome == RolloutOutcome.Completed));
        }

        return KerberosRemovalGuard.Refusal(domain, relying);
    }

    private static async Task<KerberosOperationResult> AttendedAsync(RelaySender sender, string domain, TimeSpan timeout, Terminal terminal, CancellationToken cancellationToken)
    {
        var queued = await SendAsync(sender, KerberosOperationRequest.QueueAttendedOperation(domain, KerberosOperations.RemoveKerberosServer, Guid.NewGuid().ToString("D")), cancellationToken);
        if (queued.Attended is not { } request)
        {
            return queued;
        }

        terminal.Line($"waiting for an administrator to sign in on {request.Host}: {request.Command} (up to {timeout.TotalMinutes:0} minutes)");
        var giveUp = DateTimeOffset.UtcNow + timeout;
        while (request.State is AttendedStates.Waiting or AttendedStates.Running)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var read = await SendAsync(sender, DateTimeOffset.UtcNow >= giveUp && request.IsWaiting
                ? KerberosOperationRequest.CancelAttendedOperation(request.RequestId)
                : KerberosOperationRequest.GetAttendedOperation(request.RequestId), cancellationToken);
            request = read.Attended ?? request;
            if (request.State == AttendedStates.Cancelled)
            {
                return KerberosOperationResult.Failure(null, KerberosErrorCodes.AttendedTimeout,
                    $"no administrator signed in on {request.Host} within {timeout.TotalMinutes:0} minutes; request {request.RequestId} is withdrawn and nothing was changed");
            }
        }

        return request.State == AttendedStates.Completed
            ? new KerberosOperationResult { Operation = KerberosOperations.RemoveKerberosServer, Domain = domain, Succeeded = true, Changed = true }
            : KerberosOperationResult.Failure(null, request.ErrorCode ?? KerberosErrorCodes.BackendFailed, $"the administrator's run ({request.CompletedBy}) failed: {request.ErrorMessage}");
    }

    private static async Task<KerberosOperationResult> SendAsync(RelaySender sender, KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(request, cancellationToken);
        return outcome.Result ?? KerberosOperationResult.Failure(request, outcome.ErrorCode ?? KerberosErrorCodes.RelayUnavailable, $"the agent could not be reached: {outcome.Message}");
    }
}
