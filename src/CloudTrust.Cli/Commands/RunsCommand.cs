using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Engine;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust runs list|show</c>: every workflow run in the local journal (rollouts, rotations, Kerberos server
/// set-up), readable from any shell while another one runs them.
/// </summary>
public static class RunsCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var list = new Command("list", "List runs, newest first.");
        var status = new Option<string?>("--status") { Description = "Only runs in this status (pending, running, waiting, suspended, completed, failed, terminated)." };
        var name = new Option<string?>("--workflow") { Description = "Only runs of this workflow." };
        list.Options.Add(status);
        list.Options.Add(name);
        list.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped", scope =>
        {
            var terminal = scope.Terminal;
            WorkflowStatus? filter = null;
            if (parse.GetValue(status) is { } text)
            {
                if (!Enum.TryParse<WorkflowStatus>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(text[0]))
                {
                    terminal.Error($"--status: '{text}' is not a status (pending, running, waiting, suspended, completed, failed, terminated)");
                    return Task.FromResult(ExitCodes.BadInput);
                }

                filter = parsed;
            }

            return Journal.WithReadOnlyAsync(parse, terminal, engine =>
            {
                var runs = engine.ListInstances(new WorkflowQuery(parse.GetValue(name), filter is { } f ? [f] : null));
                if (parse.GetValue(GlobalOptions.Json))
                {
                    terminal.Json(runs.Select(RunView.From));
                }
                else if (runs.Count == 0)
                {
                    terminal.Line("no runs");
                }
                else
                {
                    foreach (var run in runs)
                    {
                        terminal.Line($"{run.InstanceId,-40} {run.Name,-24} {Paint(terminal, run.Status),-10} {run.UpdatedAt:yyyy-MM-dd HH:mm:ss}Z");
                    }
                }

                return ExitCodes.Success;
            });
        }));

        var show = new Command("show", "Show one run: status, custom status, output or failure.");
        var id = new Argument<string>("id") { Description = "The run (instance) id." };
        show.Arguments.Add(id);
        show.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped", scope =>
        {
            var terminal = scope.Terminal;
            return Journal.WithReadOnlyAsync(parse, terminal, engine =>
            {
                var runId = parse.GetValue(id)!;
                if (engine.GetInstance(runId) is not { } run)
                {
                    terminal.Error($"no run has id '{runId}'");
                    return ExitCodes.NotFound;
                }

                if (parse.GetValue(GlobalOptions.Json))
                {
                    terminal.Json(RunView.From(run));
                }
                else
                {
                    terminal.Line($"run       {run.InstanceId}");
                    terminal.Line($"workflow  {run.Name}");
                    terminal.Line($"status    {Paint(terminal, run.Status)}{(run.StatusReason is { } why ? $" ({why})" : string.Empty)}");
                    terminal.Line($"created   {run.CreatedAt:u}");
                    terminal.Line($"updated   {run.UpdatedAt:u}");
                    if (run.CustomStatus is { } custom)
                    {
                        terminal.Line($"progress  {custom}");
                    }

                    if (run.Failure is { } failure)
                    {
                        terminal.Line(Tone.Bad, $"failure   {failure.Message}");
                    }
                }

                return run.Status switch
                {
                    WorkflowStatus.Failed => ExitCodes.Failed,
                    WorkflowStatus.Suspended => ExitCodes.NeedsAttention,
                    _ => ExitCodes.Success,
                };
            });
        }));

        var runs = new Command("runs", "Runs kept in the local journal.");
        runs.Subcommands.Add(list);
        runs.Subcommands.Add(show);
        return runs;
    }

    private static string Paint(Terminal terminal, WorkflowStatus status) => terminal.Paint(
        status switch
        {
            WorkflowStatus.Completed => Tone.Good,
            WorkflowStatus.Failed or WorkflowStatus.Terminated => Tone.Bad,
            WorkflowStatus.Suspended or WorkflowStatus.Waiting => Tone.Warn,
            _ => Tone.Plain,
        },
        status.ToString().ToLowerInvariant());
}
