using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;
using CloudTrust.Engine;
using Microsoft.Data.Sqlite;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust rotate</c>: rotates the Microsoft Entra Kerberos server keys now (or, with <c>--due</c>, only where the
/// policy says a key is due), follows the run to the end, and keeps every attempt in the history.
/// </summary>
public static class RotateCommand
{
    private static readonly Option<string> PolicyFile = new("--policy") { Description = "The rotation policy (JSON).", Required = true };
    private static readonly Option<string> SettingsFile = new("--settings") { Description = $"The tenant settings (JSON, no secrets; the client secret comes from {TenantSettings.ClientSecretVariable}).", Required = true };

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var due = new Option<bool>("--due") { Description = "Only rotate domains whose key is older than the policy's maximum age, inside its maintenance window." };
        var domains = new Option<string[]>("--domain") { Description = "A domain to rotate (repeatable); the policy's domains when omitted.", AllowMultipleArgumentsPerToken = false };
        var rotate = new Command("rotate", "Rotate the Kerberos server keys now and verify both halves agree afterwards.");
        rotate.Options.Add(PolicyFile);
        rotate.Options.Add(SettingsFile);
        rotate.Options.Add(due);
        rotate.Options.Add(domains);
        rotate.SetAction((parse, ct) => Guarded(parse, async terminal =>
        {
            var policy = RotationPolicyReader.Read(await ReadFileAsync(parse.GetValue(PolicyFile)!, "--policy", ct));
            var targets = ResolveDomains(policy, parse.GetValue(domains) ?? []);
            var settings = TenantSettings.Read(parse.GetValue(SettingsFile)!);
            await using var host = RotationHost.Open(parse.GetValue(GlobalOptions.Database)!, settings);
            host.Engine.Recover();
            var mode = parse.GetValue(due) ? RotationMode.Due : RotationMode.Now;
            string id;
            try
            {
                id = await host.Engine.StartExclusiveAsync(KeyRotationWorkflow.Name, new RotationRequest(policy, mode, targets, Environment.UserName), $"rotation-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..40], ct);
            }
            catch (InstanceConflictException ex)
            {
                terminal.Error(ex.Message + "; follow it with 'cloudtrust runs show', answer it with 'cloudtrust rotate approve'");
                return ExitCodes.NeedsAttention;
            }

            terminal.Line($"rotation run {id} ({mode.ToString().ToLowerInvariant()}) for {string.Join(", ", targets)}");
            return await FollowAsync(host, id, terminal, parse.GetValue(GlobalOptions.Json), stopAtApproval: true, ct);
        }));

        var approve = new Command("approve", "Answer a rotation run that waits for approval, then follow it to the end.");
        var runId = new Argument<string>("run-id") { Description = "The waiting rotation run." };
        var decline = new Option<bool>("--decline") { Description = "Decline instead: every domain is skipped." };
        approve.Arguments.Add(runId);
        approve.Options.Add(SettingsFile);
        approve.Options.Add(decline);
        approve.SetAction((parse, ct) => Guarded(parse, async terminal =>
        {
            var settings = TenantSettings.Read(parse.GetValue(SettingsFile)!);
            await using var host = RotationHost.Open(parse.GetValue(GlobalOptions.Database)!, settings);
            var id = parse.GetValue(runId)!;
            if (host.Engine.GetInstance(id) is not { Name: KeyRotationWorkflow.Name })
            {
                terminal.Error($"no rotation run has id '{id}'");
                return ExitCodes.NotFound;
            }

            await host.Engine.RaiseEventAsync(id, RotationActivities.ApprovalEvent, new RotationApproval(!parse.GetValue(decline), Environment.UserName), ct);
            host.Engine.Recover();
            return await FollowAsync(host, id, terminal, parse.GetValue(GlobalOptions.Json), stopAtApproval: false, ct);
        }));

        var history = new Command("history", "Every rotation attempt kept: when each domain's key last changed, and why a run skipped or failed.");
        var domain = new Option<string?>("--domain") { Description = "Only this domain." };
        history.Options.Add(domain);
        history.SetAction((parse, ct) => Guarded(parse, terminal =>
        {
            var path = parse.GetValue(GlobalOptions.Database)!;
            if (!File.Exists(path))
            {
                terminal.Error($"--db: no journal at '{Path.GetFullPath(path)}'");
                return Task.FromResult(ExitCodes.NotFound);
            }

            using var store = new Integrations.History.SqliteRotationHistory(path);
            var attempts = store.Query(parse.GetValue(domain));
            if (parse.GetValue(GlobalOptions.Json))
            {
                terminal.Line(JsonOutput.Render(attempts));
            }
            else if (attempts.Count == 0)
            {
                terminal.Line("no rotation attempts recorded");
            }
            else
            {
                foreach (var a in attempts)
                {
                    terminal.Line($"{a.FinishedAt:yyyy-MM-dd HH:mm}Z  {a.Domain,-24} {a.Outcome,-8} v{a.OldKeyVersion}→{(a.NewKeyVersion is { } v ? "v" + v : "-")}  {a.Reason}");
                }
            }

            return Task.FromResult(ExitCodes.Success);
        }));

        rotate.Subcommands.Add(approve);
        rotate.Subcommands.Add(history);
        return rotate;
    }

    private static async Task<int> FollowAsync(RotationHost host, string id, Terminal terminal, bool json, bool stopAtApproval, CancellationToken ct)
    {
        string? shown = null;
        while (true)
        {
            var run = host.Engine.GetInstance(id)!;
            if (run.CustomStatus != shown && run.CustomStatus is { } status)
            {
                shown = status;
                terminal.Progress(ProgressLine(status));
            }

            if (run.Status.IsFinal())
            {
                return Report(run, terminal, json);
            }

            if (stopAtApproval && run.Status == WorkflowStatus.Waiting && run.CustomStatus?.Contains("awaiting approval", StringComparison.Ordinal) == true)
            {
                terminal.Line(Tone.Warn, $"waiting for approval: 'cloudtrust rotate approve {id} --settings …' (or --decline); the run is kept in the journal");
                return ExitCodes.NeedsAttention;
            }

            await Task.Delay(200, ct);
        }
    }

    private static string ProgressLine(string customStatus)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(customStatus);
        return doc.RootElement.TryGetProperty("phases", out var phases)
            ? string.Join(" | ", phases.EnumerateObject().Select(p => $"{p.Name}: {p.Value.GetString()}"))
            : customStatus;
    }

    private static int Report(WorkflowInstance run, Terminal terminal, bool json)
    {
        if (run.Status != WorkflowStatus.Completed)
        {
            terminal.Error($"rotation run {run.InstanceId} ended {run.Status.ToString().ToLowerInvariant()}: {run.Failure?.Message ?? run.StatusReason}");
            return ExitCodes.Failed;
        }

        var report = run.ReadOutputAs<RotationReport>()!;
        if (json)
        {
            terminal.Line(JsonOutput.Render(report));
        }
        else
        {
            foreach (var a in report.Attempts)
            {
                var tone = a.Outcome switch { RotationOutcome.Rotated => Tone.Good, RotationOutcome.Failed => Tone.Bad, _ => Tone.Dim };
                var detail = a.Outcome == RotationOutcome.Rotated ? $"KeyVersion {a.OldKeyVersion} → {a.NewKeyVersion}, cloud agrees" : a.Reason;
                terminal.Line(tone, $"{a.Domain,-24} {a.Outcome.ToString().ToLowerInvariant(),-8} {detail}");
            }
        }

        return report.Failed.Any() ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static IReadOnlyList<string> ResolveDomains(RotationPolicy policy, string[] fromOptions)
    {
        var errors = new List<ValidationError>();
        for (var i = 0; i < fromOptions.Length; i++)
        {
            if (!DnsName.IsValid(fromOptions[i]))
            {
                errors.Add(new ValidationError($"--domain[{i}]", $"'{fromOptions[i]}' is not a DNS name"));
            }
        }

        var domains = fromOptions.Length > 0 ? fromOptions : policy.Domains;
        if (errors.Count == 0 && domains.Count == 0)
        {
            errors.Add(new ValidationError("--domain", "name the domains to rotate (in the policy's \"domains\" or with --domain)"));
        }

        return errors.Count > 0 ? throw new InvalidInputException("rotate", errors) : domains;
    }

    private static async Task<string> ReadFileAsync(string path, string option, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(option, [new ValidationError(option, $"no file at '{Path.GetFullPath(path)}'")]);
        }

        return await File.ReadAllTextAsync(path, ct);
    }

    /// <summary>Runs a command body through <see cref="CommandGuard"/>, with the rotation's own hint on Ctrl+C.</summary>
    private static Task<int> Guarded(ParseResult parse, Func<Terminal, Task<int>> body)
        => CommandGuard.RunAsync(parse, "stopped; the run is kept in the journal and continues with the next 'cloudtrust rotate' or 'rotate approve'", body);
}
