using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust rotate</c>: rotates the Microsoft Entra Kerberos server keys now (or, with <c>--due</c>, only where the
/// policy says a key is due), follows the run to the end, and keeps every attempt in the history; <c>rotate plan</c>
/// says what a run would do, writing nothing. The policy format is in docs/ROTATION.md.
/// </summary>
public static class RotateCommand
{
    private static readonly Option<string> PolicyFile = new("--policy") { Description = "The rotation policy (JSON; see docs/ROTATION.md).", Required = true };
    private static readonly Option<bool> Due = new("--due") { Description = "Only rotate domains whose key is older than the policy's maximum age, inside its maintenance window." };
    private static readonly Option<string[]> Domains = new("--domain") { Description = "A domain to rotate (repeatable); the policy's domains when omitted.", AllowMultipleArgumentsPerToken = false };

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var rotate = new Command("rotate", "Rotate the Kerberos server keys now and verify both halves agree afterwards.");
        rotate.Options.Add(PolicyFile);
        rotate.Options.Add(Due);
        rotate.Options.Add(Domains);
        TenantChoice.AddTo(rotate);
        rotate.SetAction((parse, _) => Guarded(parse, async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var (policy, targets, mode) = await ReadRequestAsync(parse, ct);
            var settings = TenantChoice.Read(parse);
            await using var host = RotationHost.Open(scope.Database, settings);
            host.Engine.Recover();
            string id;
            try
            {
                id = await host.Engine.StartExclusiveAsync(KeyRotationWorkflow.Name, new RotationRequest(policy, mode, targets, Environment.UserName), $"rotation-{host.Clock.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..40], ct);
            }
            catch (InstanceConflictException ex)
            {
                terminal.Error($"{ex.Message}; '{scope.NextReading("runs", "list", "--workflow", KeyRotationWorkflow.Name)}' shows it, '{scope.Next("rotate", "approve", "<run-id>")}' answers it");
                return ExitCodes.NeedsAttention;
            }

            scope.StoppedHint = Stopped(scope, id);
            terminal.Line($"rotation run {id} ({mode.ToString().ToLowerInvariant()}) for {string.Join(", ", targets)}");
            return await FollowAsync(host, id, scope, stopAtApproval: true);
        }));

        rotate.Subcommands.Add(BuildPlan());
        rotate.Subcommands.Add(BuildApprove());
        rotate.Subcommands.Add(BuildResume());
        rotate.Subcommands.Add(BuildHistory());
        return rotate;
    }

    private static Command BuildPlan()
    {
        var plan = new Command("plan", "Dry run: read each domain's Kerberos server object and say whether a rotation would change its key, and why (writes nothing).");
        plan.Options.Add(PolicyFile);
        plan.Options.Add(Due);
        plan.Options.Add(Domains);
        TenantChoice.AddTo(plan);
        plan.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped; nothing was changed", async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var (policy, targets, mode) = await ReadRequestAsync(parse, ct);
            var settings = TenantChoice.Read(parse);
            using var loggers = CliLogging.Create();
            using var connection = Tenant.TenantConnection.Open(settings, TimeProvider.System, loggers);
            var rows = await RotationPreview.ReadAsync(connection.Sender, policy, mode, targets, settings.CreateClock().GetUtcNow(), ct);
            if (scope.Json)
            {
                terminal.Json(rows);
                return ExitCodes.Success;
            }

            foreach (var row in rows)
            {
                var tone = row.Action switch { "rotate" => Tone.Good, "cannot read" => Tone.Bad, _ => Tone.Dim };
                var key = (row.KeyVersion is { } v ? $"KeyVersion {v}, {row.KeyAgeDays:0.#} days old" : "key not read")
                    + (row.CloudHalf is { } notRead ? $" (cloud half {notRead})" : string.Empty);
                terminal.Line(tone, $"{row.Domain,-24} {row.Action,-12} {key}; {row.Reason}");
            }

            var options = new List<string> { "rotate", "--policy", parse.GetValue(PolicyFile)! };
            options.AddRange(parse.GetValue(Due) ? ["--due"] : []);
            options.AddRange((parse.GetValue(Domains) ?? []).SelectMany(d => new[] { "--domain", d }));
            terminal.Line(Tone.Dim, $"nothing was changed; '{scope.Next([.. options])}' runs it");
            return ExitCodes.Success;
        }));
        return plan;
    }

    private static Command BuildApprove()
    {
        var approve = new Command("approve", "Answer a rotation run that waits for approval, then follow it to the end.");
        var runId = new Argument<string>("run-id") { Description = "The waiting rotation run." };
        var decline = new Option<bool>("--decline") { Description = "Decline instead: every domain is skipped." };
        approve.Arguments.Add(runId);
        approve.Options.Add(decline);
        TenantChoice.AddTo(approve);
        approve.SetAction((parse, _) => Guarded(parse, async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var id = parse.GetValue(runId)!;
            if (MissingJournal(scope) is { } noJournal)
            {
                return noJournal;
            }

            var settings = TenantChoice.Read(parse);
            await using var host = RotationHost.Open(scope.Database, settings);
            if (NotRunning(scope, host, id, "approve") is { } notRunning)
            {
                return notRunning;
            }

            var run = host.Engine.GetInstance(id)!;

            if (run.CustomStatus?.Contains("awaiting approval", StringComparison.Ordinal) != true)
            {
                terminal.Error($"rotation run {id} is not waiting for approval (it is {run.Status.ToString().ToLowerInvariant()}); nothing changed");
                return ExitCodes.BadInput;
            }

            scope.StoppedHint = Stopped(scope, id);
            await host.Engine.RaiseEventAsync(id, RotationActivities.ApprovalEvent, new RotationApproval(!parse.GetValue(decline), Environment.UserName), ct);
            host.Engine.Recover();
            return await FollowAsync(host, id, scope, stopAtApproval: false);
        }));
        return approve;
    }

    /// <summary>Says so and gives the exit code when the journal a run command names does not exist.</summary>
    private static int? MissingJournal(CommandScope scope)
    {
        if (File.Exists(scope.Database))
        {
            return null;
        }

        scope.Terminal.Error($"--db: no journal at '{Path.GetFullPath(scope.Database)}' (runs are kept where they were started; pass the same --db)");
        return ExitCodes.NotFound;
    }

    /// <summary>Says so and gives the exit code when <paramref name="id"/> is no rotation run, or one that has finished.</summary>
    private static int? NotRunning(CommandScope scope, RotationHost host, string id, string verb)
    {
        if (host.Engine.GetInstance(id) is not { Name: KeyRotationWorkflow.Name } run)
        {
            scope.Terminal.Error($"no rotation run has id '{id}' ('{scope.NextReading("runs", "list", "--workflow", KeyRotationWorkflow.Name)}' lists them)");
            return ExitCodes.NotFound;
        }

        if (run.Status.IsFinal())
        {
            scope.Terminal.Error($"rotation run {id} has finished ({run.Status.ToString().ToLowerInvariant()}); nothing to {verb} ('{scope.NextReading("runs", "show", id)}' shows it)");
            return ExitCodes.BadInput;
        }

        return null;
    }

    private static Command BuildResume()
    {
        var resume = new Command("resume", "Continue a rotation run whose command was stopped (Ctrl+C, a closed terminal), from its journal, and follow it.");
        var runId = new Argument<string>("run-id") { Description = "The rotation run." };
        resume.Arguments.Add(runId);
        TenantChoice.AddTo(resume);
        resume.SetAction((parse, _) => Guarded(parse, async scope =>
        {
            var terminal = scope.Terminal;
            var id = parse.GetValue(runId)!;
            if (MissingJournal(scope) is { } noJournal)
            {
                return noJournal;
            }

            var settings = TenantChoice.Read(parse);
            await using var host = RotationHost.Open(scope.Database, settings);
            if (NotRunning(scope, host, id, "resume") is { } notRunning)
            {
                return notRunning;
            }

            var run = host.Engine.GetInstance(id)!;

            // Parked on administrators: go on only once the agent says each request was taken up; else say what is missing.
            var waits = AttendedRotationWait.Parked(run.CustomStatus);
            if (waits.Count > 0 && await AttendedRotationWait.StillWaitingAsync(host.Sender, waits, scope.Stopping) is { Count: > 0 } still)
            {
                if (scope.Json)
                {
                    terminal.Json(RunView.From(run));
                }

                AttendedRotationWait.Print(scope, id, still);
                return ExitCodes.NeedsAttention;
            }

            scope.StoppedHint = Stopped(scope, id);
            terminal.Line(waits.Count > 0
                ? $"continuing rotation run {id} from its journal: the administrator's run of {string.Join(", ", waits.Select(w => w.RequestId))} is taken up at the run's next poll"
                : $"continuing rotation run {id} from its journal");
            await host.Engine.StartJsonAsync(run.Name, run.Input, run.InstanceId, scope.Stopping);
            return await FollowAsync(host, id, scope, stopAtApproval: true, stopAtAdministrator: waits.Count == 0);
        }));
        return resume;
    }

    private static Command BuildHistory()
    {
        var history = new Command("history", "Every rotation attempt kept: when each domain's key last changed, and why a run skipped or failed.");
        var domain = new Option<string?>("--domain") { Description = "Only this domain." };
        history.Options.Add(domain);
        history.SetAction((parse, _) => Guarded(parse, scope =>
        {
            var terminal = scope.Terminal;
            if (!File.Exists(scope.Database))
            {
                terminal.Error($"--db: no journal at '{Path.GetFullPath(scope.Database)}'");
                return Task.FromResult(ExitCodes.NotFound);
            }

            using var store = new Integrations.History.SqliteRotationHistory(scope.Database);
            var attempts = store.Query(parse.GetValue(domain));
            if (scope.Json)
            {
                terminal.Json(attempts);
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
        return history;
    }

    private static async Task<(RotationPolicy Policy, IReadOnlyList<string> Targets, RotationMode Mode)> ReadRequestAsync(ParseResult parse, CancellationToken ct)
    {
        var policy = RotationPolicyReader.Read(await ReadFileAsync(parse.GetValue(PolicyFile)!, "--policy", ct));
        return (policy, ResolveDomains(policy, parse.GetValue(Domains) ?? []), parse.GetValue(Due) ? RotationMode.Due : RotationMode.Now);
    }

    private static async Task<int> FollowAsync(RotationHost host, string id, CommandScope scope, bool stopAtApproval, bool stopAtAdministrator = true)
    {
        var terminal = scope.Terminal;
        while (true)
        {
            var run = host.Engine.GetInstance(id)!;
            if (run.CustomStatus is { } status)
            {
                terminal.Progress(ProgressLine(status));
            }

            if (run.Status.IsFinal())
            {
                return Report(run, terminal);
            }

            if (stopAtApproval && run.Status == WorkflowStatus.Waiting && run.CustomStatus?.Contains("awaiting approval", StringComparison.Ordinal) == true)
            {
                if (scope.Json)
                {
                    terminal.Json(RunView.From(run));
                }

                terminal.Line(Tone.Warn, $"waiting for approval; the run is kept in the journal. next: {scope.Next("rotate", "approve", id)}  |  {scope.Next("rotate", "approve", id, "--decline")}");
                return ExitCodes.NeedsAttention;
            }

            if (stopAtAdministrator && run.Status == WorkflowStatus.Waiting && AttendedRotationWait.Parked(run.CustomStatus) is { Count: > 0 } waits)
            {
                if (scope.Json)
                {
                    terminal.Json(RunView.From(run));
                }

                AttendedRotationWait.Print(scope, id, waits);
                return ExitCodes.NeedsAttention;
            }

            await Task.Delay(200, scope.Stopping);
        }
    }

    private static string ProgressLine(string customStatus)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(customStatus);
        return doc.RootElement.TryGetProperty("phases", out var phases)
            ? string.Join(" | ", phases.EnumerateObject().Select(p => $"{p.Name}: {p.Value.GetString()}"))
            : customStatus;
    }

    private static int Report(WorkflowInstance run, Terminal terminal)
    {
        if (run.Status != WorkflowStatus.Completed)
        {
            terminal.Error($"rotation run {run.InstanceId} ended {run.Status.ToString().ToLowerInvariant()}: {run.Failure?.Message ?? run.StatusReason}");
            return ExitCodes.Failed;
        }

        var report = run.ReadOutputAs<RotationReport>()!;
        if (terminal.IsJson)
        {
            terminal.Json(report);
        }

        foreach (var a in report.Attempts)
        {
            var tone = a.Outcome switch { RotationOutcome.Rotated => Tone.Good, RotationOutcome.Failed => Tone.Bad, _ => Tone.Dim };
            var detail = a.Outcome == RotationOutcome.Rotated ? $"KeyVersion {a.OldKeyVersion} → {a.NewKeyVersion}, cloud agrees" : a.Reason;
            terminal.Line(tone, $"{a.Domain,-24} {a.Outcome.ToString().ToLowerInvariant(),-8} {detail}");
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

    private static string Stopped(CommandScope scope, string id)
        => $"stopped; rotation run {id} is kept in the journal: '{scope.NextReading("runs", "show", id)}' shows where, '{scope.Next("rotate", "resume", id)}' continues it";

    /// <summary>Runs a command body through <see cref="CommandGuard"/>.</summary>
    private static Task<int> Guarded(ParseResult parse, Func<CommandScope, Task<int>> body)
        => CommandGuard.RunAsync(parse, "stopped; nothing was started", body);
}
