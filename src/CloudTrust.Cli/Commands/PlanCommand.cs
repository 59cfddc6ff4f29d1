using System.CommandLine;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Preview;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Validation;
using CloudTrust.Integrations.Preview;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// <c>cloudtrust plan &lt;plan.json&gt;</c>: a dry run. Validates the plan, reads the tenant (Graph and, through the
/// relay, each domain's Kerberos server object) and prints what a rollout would change. It writes nothing.
/// </summary>
public static class PlanCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Build()
    {
        var planFile = new Argument<string>("plan") { Description = "The rollout plan (JSON; see docs/ROLLOUT.md)." };
        var plan = new Command("plan", "Dry run: validate a plan, read the tenant and show what a rollout would change (writes nothing; exit 3 when the rollout would block).");
        plan.Arguments.Add(planFile);
        TenantChoice.AddTo(plan);
        plan.SetAction((parse, _) => CommandGuard.RunAsync(parse, "stopped; nothing was changed", async scope =>
        {
            var (terminal, ct) = (scope.Terminal, scope.Stopping);
            var path = parse.GetValue(planFile)!;
            var (planJson, _) = await PlanFile.ReadAsync(path, ct);
            var settings = TenantChoice.Read(parse);
            using var loggers = CliLogging.Create();
            using var connection = TenantConnection.Open(settings, TimeProvider.System, loggers);
            var signIn = TenantCloudSignIn.Read(settings);
            var preview = await RolloutPreview.OverRelay(connection.Graph, connection.Sender, settings.CreateClock(), loggers, signIn).PreviewAsync(planJson, ct);
            if (!preview.IsValid)
            {
                throw new InvalidInputException("plan", [.. preview.PlanErrors.Select(e => e with { Path = string.IsNullOrEmpty(e.Path) ? Path.GetFileName(path) : e.Path })]);
            }

            if (scope.Json)
            {
                terminal.Json(preview);
            }
            else
            {
                foreach (var line in PlanPreviewText.Render(preview))
                {
                    terminal.Line(line);
                }

                terminal.Line(Tone.Dim, $"nothing was changed; '{scope.Next("rollout", "start", path)}' applies it");
            }

            return preview.Blockers.Count > 0 ? ExitCodes.NeedsAttention : ExitCodes.Success;
        }));
        return plan;
    }
}
