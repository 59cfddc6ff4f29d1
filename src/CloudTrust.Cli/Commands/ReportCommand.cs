using System.CommandLine;
using CloudTrust.Cli.Report;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Engine;
using CloudTrust.Integrations.History;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust report [&lt;rollout-id&gt;] [--out report.html]</c>: a self-contained HTML page about a rollout from the
/// journal — ring progress, device states over time, gate verdicts, failing devices, and each domain's Kerberos
/// health and key age (read live through the agent with <c>--settings</c>/<c>--simulated</c>, else from the rotation history).
/// </summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var id = new Argument<string?>("rollout-id") { Description = "The rollout; the newest when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--out") { Description = "The HTML file to write.", DefaultValueFactory = _ => "cloudtrust-report.html" };
        var report = new Command("report", "Write a self-contained HTML report of a rollout (no external assets; no secret).");
        report.Arguments.Add(id);
        report.Options.Add(output);
        TenantChoice.AddTo(report);
        report.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped; no report written", async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var database = scope.Database;
            if (!File.Exists(database))
            {
                terminal.Error($"--db: no journal at '{Path.GetFullPath(database)}' (runs are kept where they were started; pass the same --db)");
                return ExitCodes.NotFound;
            }

            string rolloutId;
            IReadOnlyList<string> domains;
            await using (var engine = new WorkflowEngine(new WorkflowRegistry(), new WorkflowEngineOptions { DatabasePath = database, RunInstances = false }))
            {
                var chosen = parse.GetValue(id) is { } given
                    ? engine.GetInstance(given) is { Name: RolloutWorkflow.Name } found ? found : null
                    : engine.ListInstances(new WorkflowQuery(RolloutWorkflow.Name, null)).MaxBy(i => i.CreatedAt);
                if (chosen is null)
                {
                    terminal.Error(parse.GetValue(id) is { } missing ? $"no rollout has id '{missing}' ('{scope.NextReading("rollout", "status")}' lists them)" : "the journal holds no rollout yet");
                    return ExitCodes.NotFound;
                }

                rolloutId = chosen.InstanceId;
                var request = chosen.Input is null ? null : System.Text.Json.JsonSerializer.Deserialize<RolloutRequest>(chosen.Input, EngineJson.Options);
                domains = request is null ? [] : RolloutPlanReader.Read(request.PlanJson).Plan?.Domains ?? [];
            }

            var kerberos = parse.GetValue(TenantChoice.Settings) is not null || parse.GetValue(TenantChoice.Simulated)
                ? await LiveAsync(TenantChoice.Read(parse), domains, ct)
                : FromHistory(database, domains);
            var path = await ReportFile.WriteAsync(database, rolloutId, kerberos, parse.GetValue(output)!, "--out", ct);
            if (scope.Json)
            {
                terminal.Json(new ReportWritten(rolloutId, path, kerberos));
            }
            else
            {
                terminal.Line($"report of {rolloutId}: {path}");
            }

            return ExitCodes.Success;
        }));
        return report;
    }

    private static async Task<IReadOnlyList<DomainKerberosStatus>> LiveAsync(TenantSettings settings, IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        using var loggers = Output.CliLogging.Create();
        using var connection = TenantConnection.Open(settings, TimeProvider.System, loggers);
        return await DomainKerberosStatus.ReadAllAsync(connection.Sender, domains, TenantCloudSignIn.Read(settings), settings.CreateClock().GetUtcNow(), cancellationToken);
    }

    /// <summary>Without a tenant to ask, each domain as the rotation history last saw it.</summary>
    private static List<DomainKerberosStatus> FromHistory(string database, IReadOnlyList<string> domains)
    {
        using var history = new SqliteRotationHistory(database);
        var last = history.LastRotations();
        return [.. domains.Select(d => last.TryGetValue(d, out var a)
            ? new DomainKerberosStatus(d, "as last rotated", a.NewKeyVersion == a.CloudKeyVersion, a.NewKeyVersion, a.CloudKeyVersion, a.NewKeyUpdatedOn, null, a.Reason is null ? [] : [a.Reason])
            : new DomainKerberosStatus(d, "not read", false, null, null, null, null, ["no rotation recorded; pass --settings or --simulated to read it live"]))];
    }
}

/// <summary>What <c>report --json</c> prints: the rollout, the file written and the Kerberos health it shows.</summary>
/// <param name="RolloutId">The rollout reported on.</param>
/// <param name="Path">The HTML file's full path.</param>
/// <param name="Kerberos">Each domain's Kerberos server object as the report shows it.</param>
internal sealed record ReportWritten(string RolloutId, string Path, IReadOnlyList<DomainKerberosStatus> Kerberos);
