using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Validation;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust rollout start|status|approve|resume|abort</c>: runs the WHfB cloud Kerberos trust rollout ring by
/// ring on the local journal, in the foreground, and lets a person answer its gates from any shell.
/// </summary>
public static class RolloutCommand
{
    private const string StoppedHint = "stopped; nothing was started";

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var rollout = new Command("rollout", "Roll out WHfB cloud Kerberos trust ring by ring, with gates between the rings.");
        rollout.Subcommands.Add(BuildStart());
        rollout.Subcommands.Add(BuildStatus());
        rollout.Subcommands.Add(BuildAnswer("approve", "Approve the next ring of a rollout that waits for approval, then drive it on."));
        rollout.Subcommands.Add(BuildAnswer("resume", "Resume a rollout paused by a failed gate (accepting the ring), or continue one whose process was stopped; then drive it on."));
        rollout.Subcommands.Add(BuildAnswer("abort", "Abort a rollout in any phase that has not finished: at a gate at once, otherwise at its next safe point (a ring verifying or a tracking loop stops between two polls, a step in flight completes first); its assignments are then rolled back as at a gate, unless it was started with --no-rollback-on-abort. A finished rollout is refused (exit 2)."));
        return rollout;
    }

    private static Command BuildStart()
    {
        var planFile = new Argument<string>("plan") { Description = "The rollout plan (JSON; see docs/ROLLOUT.md)." };
        var noRollback = new Option<bool>("--no-rollback-on-abort") { Description = "Keep the assignments made so far when the rollout is aborted." };
        var start = new Command("start", "Start a rollout and drive it in the foreground until it finishes or pauses (exit 3) at a gate or for approval.");
        start.Arguments.Add(planFile);
        start.Options.Add(noRollback);
        TenantChoice.AddTo(start);
        start.SetAction((parse, _) => CommandGuard.RunAsync(parse, StoppedHint, async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var path = parse.GetValue(planFile)!;
            var (planJson, plan) = await PlanFile.ReadAsync(path, ct);
            var settings = TenantChoice.Read(parse);
            if (!Guid.TryParse(settings.TenantId, out var tenant) || tenant != plan.TenantId)
            {
                throw new InvalidInputException("plan", [new ValidationError("tenantId", $"the plan is for tenant {plan.TenantId}, the settings ({settings.SourcePath}) for {settings.TenantId}")]);
            }

            await using var host = RolloutHost.Open(scope.Database, settings);
            // Ids read by the tenant's clock, as the status's times are (the simulated tenant's accelerated one).
            var id = $"rollout-{host.Clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
            try
            {
                await host.Engine.StartExclusiveAsync(RolloutWorkflow.Name, new RolloutRequest(planJson, !parse.GetValue(noRollback)), id, ct);
            }
            catch (InstanceConflictException ex)
            {
                terminal.Error($"{ex.Message}; '{scope.NextReading("rollout", "status")}' shows it, '{scope.Next("rollout", "approve|resume|abort", "<id>")}' answers it");
                return ExitCodes.NeedsAttention;
            }

            if (settings.SourcePath is { } source)
            {
                RunTenantRecord.Save(scope.Database, id, scope.TenantArguments, source);
            }

            scope.StoppedHint = Stopped(scope, id);
            terminal.Line($"rollout {id}: {plan.Rings.Count} ring(s) ({string.Join(", ", plan.Rings.Select(r => r.Name))}), domains {string.Join(", ", plan.Domains)}");
            terminal.Line(Tone.Dim, $"follow it from another shell: {scope.NextReading("rollout", "status", id)}");
            return await RolloutFollower.FollowAsync(host, id, terminal, scope.Next, null, abortAsked: false, viewAsJson: true, ct);
        }));
        return start;
    }

    private static Command BuildStatus()
    {
        var id = new Argument<string?>("id") { Description = "The rollout; every rollout (newest first) when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var status = new Command("status", "Where each rollout stands, from the journal only (works while another shell runs it).");
        status.Arguments.Add(id);
        status.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped", scope =>
        {
            var terminal = scope.Terminal;
            return Journal.WithReadOnlyAsync(parse, terminal, engine =>
            {
                IReadOnlyList<WorkflowInstance> runs;
                if (parse.GetValue(id) is { } one)
                {
                    if (engine.GetInstance(one) is not { Name: RolloutWorkflow.Name } run)
                    {
                        terminal.Error($"no rollout has id '{one}' ('{scope.NextReading("rollout", "status")}' lists them)");
                        return ExitCodes.NotFound;
                    }

                    runs = [run];
                }
                else
                {
                    runs = engine.ListInstances(new WorkflowQuery(RolloutWorkflow.Name, null));
                }

                var views = runs.Select(r => RolloutView.Read(engine, r, args => CliInvocation.Format([.. args, .. RunTenantRecord.Load(scope.Database, r.InstanceId), .. scope.DatabaseArguments]))).ToList();
                if (scope.Json)
                {
                    terminal.Json(parse.GetValue(id) is null ? views : views[0]);
                    return ExitCodes.Success;
                }

                if (views.Count == 0)
                {
                    terminal.Line("no rollouts");
                }

                foreach (var view in views)
                {
                    Show(scope, view);
                }

                return ExitCodes.Success;
            });
        }));
        return status;
    }

    private static void Show(CommandScope scope, RolloutView view)
    {
        var terminal = scope.Terminal;
        var tone = view.RunStatus switch
        {
            WorkflowStatus.Completed when view.Report?.Outcome == RolloutOutcome.Completed => Tone.Good,
            WorkflowStatus.Failed or WorkflowStatus.Terminated or WorkflowStatus.Completed => Tone.Bad,
            _ when view.Next is not null => Tone.Warn,
            _ => Tone.Plain,
        };
        var outcome = view.Status.ToLowerInvariant();
        terminal.Line($"{view.Id}  {terminal.Paint(tone, outcome)}  {view.Summary()}  (updated {view.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z)");
        if (view.Unblock is { } unblock)
        {
            terminal.Line(Tone.Warn, $"  unblock: {unblock}");
        }

        foreach (var reason in view.Reasons.Take(5))
        {
            terminal.Line($"  - {reason}");
        }

        foreach (var line in TicketEvidenceText.Lines(view.Tickets, view.TicketCauses))
        {
            terminal.Line($"  {line}");
        }

        foreach (var line in OnPremisesFindingsText.Lines(view.OnPremises))
        {
            terminal.Line($"  {line}");
        }

        foreach (var line in view.Report is { } finished ? RolloutFollower.RingLines(finished) : [])
        {
            terminal.Line(line);
        }

        foreach (var migration in (view.Report?.Rings ?? []).Select(MigrationProgressText.Describe).OfType<string>())
        {
            terminal.Line($"  {migration}");
        }

        if (view.Failure is { } failure)
        {
            terminal.Line(Tone.Bad, $"  failure: {failure}");
        }

        if (view.Next is { } next)
        {
            terminal.Line($"  next: {next}");
        }
        else if (!view.RunStatus.IsFinal())
        {
            var resume = CliInvocation.Format(["rollout", "resume", view.Id, .. RunTenantRecord.Load(scope.Database, view.Id), .. scope.DatabaseArguments]);
            terminal.Line(Tone.Dim, $"  driven by the 'rollout start' or 'rollout resume' that runs it; if that process is gone: {resume}");
        }
    }

    private static Command BuildAnswer(string verb, string description)
    {
        var id = new Argument<string>("id") { Description = "The rollout." };
        var command = new Command(verb, description);
        command.Arguments.Add(id);
        var deleteContainers = new Option<string>("--delete-hello-containers")
        {
            Description = "Approve deleting the WHfB containers of this ring (a certificate-trust migration); its users lose their WHfB credentials and provision again. Name the ring the rollout waits on.",
        };
        if (verb == "approve")
        {
            command.Options.Add(deleteContainers);
        }

        TenantChoice.AddTo(command);
        command.SetAction((parse, _) => CommandGuard.RunAsync(parse, StoppedHint, async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var database = scope.Database;
            var rolloutId = parse.GetValue(id)!;
            if (!File.Exists(database))
            {
                terminal.Error($"--db: no journal at '{Path.GetFullPath(database)}' (rollouts are kept where they were started; pass the same --db)");
                return ExitCodes.NotFound;
            }

            var settings = TenantChoice.Read(parse);
            await using var host = RolloutHost.Open(database, settings);
            if (host.Engine.GetInstance(rolloutId) is not { Name: RolloutWorkflow.Name } run)
            {
                terminal.Error($"no rollout has id '{rolloutId}' ('{scope.NextReading("rollout", "status")}' lists them)");
                return ExitCodes.NotFound;
            }

            scope.StoppedHint = Stopped(scope, rolloutId);
            var view = RolloutView.From(run, [], scope.Next);
            if (run.Status.IsFinal())
            {
                terminal.Error($"rollout {rolloutId} has finished ({(view.Report?.Outcome.ToString() ?? run.Status.ToString()).ToLowerInvariant()}); nothing to {verb}");
                return ExitCodes.BadInput;
            }

            var deletionRing = verb == "approve" ? parse.GetValue(deleteContainers) : null;
            var (eventName, problem) = (verb, view.Phase) switch
            {
                ("approve", "awaitingDeletionApproval") when deletionRing is null => (null, $"waits for approval to delete the Hello containers of ring '{view.Ring}', which deletes its users' WHfB credentials: '{scope.Next("rollout", "approve", rolloutId, "--delete-hello-containers", view.Ring ?? string.Empty)}' approves it, 'rollout abort' restores certificate trust"),
                ("approve", "awaitingDeletionApproval") when deletionRing != view.Ring => (null, $"waits for the container deletion of ring '{view.Ring}', not '{deletionRing}'"),
                ("approve", "awaitingDeletionApproval") => (RolloutEvents.ApproveDeletion, null),
                ("approve", _) when deletionRing is not null => (null, "is not waiting to delete Hello containers"),
                ("approve", "awaitingApproval") => (RolloutEvents.Approve, null),
                ("approve", "paused") => (null, "failed its gate: 'rollout resume' accepts the ring, 'rollout abort' stops"),
                ("approve", _) => (null, "is not waiting for approval"),
                ("resume", "paused") => (RolloutEvents.Resume, null),
                ("resume", "awaitingApproval") => (null, "waits for approval: 'rollout approve' goes on, 'rollout abort' stops"),
                ("resume", _) => ((string?)null, (string?)null), // stopped mid-ring: just continue it
                ("abort", "aborted") => (null, "is being aborted already"),
                ("abort", _) => (RolloutEvents.Abort, null),
                _ => (null, "cannot be answered that way"),
            };
            if (problem is not null)
            {
                terminal.Error($"rollout {rolloutId} {problem} (it is {view.Phase ?? run.Status.ToString().ToLowerInvariant()} at ring {view.RingNumber}/{view.RingCount}); nothing changed");
                return ExitCodes.BadInput;
            }

            RolloutFollower.AnsweredGate? answered = null;
            if (eventName is not null)
            {
                // Every answer goes to the rollout itself; an abort outside a gate is taken at its next safe point (the
                // workflow passes it on to a ring's verification or a tracking loop, which stops between two polls).
                object payload = eventName == RolloutEvents.ApproveDeletion ? new ContainerDeletionApproval(deletionRing, Environment.UserName) : new { by = Environment.UserName };
                await host.Engine.RaiseEventAsync(rolloutId, eventName, payload, ct);
                answered = new RolloutFollower.AnsweredGate(view.Phase!, view.RingNumber);
                var where = view.RingNumber > 0 ? $"ring {view.RingNumber}/{view.RingCount} '{view.Ring}'" : "before its first ring";
                var when = eventName == RolloutEvents.Abort && view.Phase is not ("paused" or "awaitingApproval" or "awaitingDeletionApproval")
                    ? $" ({view.Phase ?? "starting"}); it stops at its next safe point and rolls back"
                    : string.Empty;
                terminal.Line($"{verb}: rollout {rolloutId}, {where}{when}");
            }
            else
            {
                terminal.Line($"continuing rollout {rolloutId} from its journal ({view.Summary()})");
            }

            await host.TakeOverAsync(run, ct);
            return await RolloutFollower.FollowAsync(host, rolloutId, terminal, scope.Next, answered, abortAsked: verb == "abort", viewAsJson: true, ct);
        }));
        return command;
    }

    /// <summary>What a stopped rollout command prints: the run is kept, where to see it, how to continue it.</summary>
    private static string Stopped(CommandScope scope, string id)
        => $"stopped; rollout {id} is kept in the journal: '{scope.NextReading("rollout", "status", id)}' shows where, '{scope.Next("rollout", "resume", id)}' continues it";
}
