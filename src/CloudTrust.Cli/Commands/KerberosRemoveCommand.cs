using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Validation;
using CloudTrust.Engine;
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
        var input = new KerberosDomainInput("The AD DNS domain whose object is removed.");
        var confirm = new Option<string?>("--confirm") { Description = "The domain again: removal cannot be undone (the object can be created again, with a new key)." };
        var remove = new Command("remove", "Remove a domain's Kerberos server object (refused while a rollout relies on it).");
        input.AddTo(remove);
        remove.Options.Add(confirm);
        TenantChoice.AddTo(remove);
        remove.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped; nothing more was sent to the agent", async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var errors = new List<ValidationError>();
            var (name, mode, timeout) = input.Read(parse, errors);
            if (!string.Equals(parse.GetValue(confirm)?.Trim().TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError("--confirm", $"must repeat the domain ('{name}') to remove its object"));
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
            var call = new AgentKerberosCall(connection.Sender, terminal, TimeProvider.System);
            var result = await call.RunAsync(mode, KerberosOperationRequest.RemoveKerberosServer(name, confirm: true), timeout, ct);
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
}
