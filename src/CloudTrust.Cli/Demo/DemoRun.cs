using System.Diagnostics;
using System.Security.Cryptography;
using CloudTrust.Cli.Commands;
using CloudTrust.Cli.Preview;
using CloudTrust.Cli.Output;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Rotation;
using CloudTrust.Engine;
using Microsoft.Extensions.Logging;
using CloudTrust.Core.Rollout.Gate;

namespace CloudTrust.Cli.Demo;

/// <summary>
/// The main job on one machine: a simulated tenant (two AD domains, a few thousand devices in three rings), then the
/// real rollout and key rotation workflows on the local journal against it — preflight creates the Kerberos server
/// objects through the relay and the agent, the rings roll out on compressed time, the failing ring pauses with its
/// reasons and is approved, the keys are rotated, and a report is written.
/// </summary>
internal sealed class DemoRun(DemoOptions options, CommandScope scope)
{
    private const int Steps = 6;
    private readonly Terminal terminal = scope.Terminal;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var directory = OutputDirectory.Prepare("--dir", options.Directory);
        var database = Path.Combine(directory, "demo.db");
        var dbArguments = new[] { "--db", Relative(database) };
        DeleteJournal(database);
        scope.StoppedHint = $"stopped; the demo's journal is kept in {directory}, and its simulated tenant stopped with it: run the demo again to start over";

        Step(1, "simulated tenant");
        using var loggers = CliLogging.Create();
        await using var tenant = await SimulatedTenant.StartStoppableAsync(
            new SimulatedTenantOptions
            {
                Directory = Path.Combine(directory, "tenant"),
                DeviceCount = options.DeviceCount,
                Seed = options.Seed,
                Rings = DemoFleet.Rings,
                KerberosServersExist = false,
                // Held in memory only: the environment's secret when set (tests plant a canary there), else a random one.
                ClientSecret = Environment.GetEnvironmentVariable(Tenant.TenantSettings.ClientSecretVariable) is { Length: > 0 } given ? given : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            },
            null,
            cancellationToken);
        var settings = tenant.ReadSettings();
        terminal.Line($"  tenant {tenant.Endpoints.TenantId} at {tenant.Server.BaseAddress} (Entra, Graph, Key Vault, relay)");
        terminal.Line($"  {options.DeviceCount} devices: {string.Join(", ", DemoFleet.Rings.Select(r => $"{r.Name} {SimulatedTenant.DevicesIn(r, options.DeviceCount)}"))}");
        terminal.Line($"  agent listening on the relay for {string.Join(" and ", SimulatedTenant.Domains)}; no Kerberos server object yet");
        DemoFleet.SeedExistingHello(tenant.Intune);
        terminal.Line($"  Intune already has: {DemoFleet.ExistingHello}");
        terminal.Line($"  time runs x{tenant.Clock.Factor:0} (a simulated day in {TimeSpan.FromDays(1) / tenant.Clock.Factor:s\\.f} s)");

        var planPath = Path.Combine(directory, "plan.json");
        await File.WriteAllTextAsync(planPath, DemoFleet.Plan(tenant.Endpoints.TenantId, SimulatedTenant.Domains), cancellationToken);
        // Ids read by the simulated tenant's clock, as the rollout's status times are.
        var rolloutId = $"demo-rollout-{tenant.Clock.GetUtcNow():yyyyMMdd-HHmmss}";
        scope.StoppedHint = $"stopped; the demo's journal is kept in {directory}: '{CliInvocation.Format(["rollout", "status", rolloutId, .. dbArguments])}' shows where it stopped. Its simulated tenant stopped with it, so no resume continues it: run the demo again to start over";
        int rolloutExit;
        RolloutReport? rolloutReport;
        await using (var host = RolloutHost.Open(database, settings, LoggerFactory.Create(b => b.AddFilter(_ => false)), tenant.CreateCredential()))
        {
            Step(2, "rollout: preflight (Kerberos server objects through the relay and agent), profile, rings");
            terminal.Line($"  plan {planPath}");
            await host.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(await File.ReadAllTextAsync(planPath, cancellationToken)), rolloutId, cancellationToken);
            string Next(string[] args) => CliInvocation.Format([.. args, .. dbArguments]);
            rolloutExit = await RolloutFollower.FollowAsync(host, rolloutId, terminal, Next, null, abortAsked: false, viewAsJson: false, cancellationToken);
            while (rolloutExit == ExitCodes.NeedsAttention)
            {
                var status = host.Engine.GetInstance(rolloutId)!.ReadCustomStatusAs<RolloutStatus>()!;
                Step(3, $"an admin accepts ring '{status.Ring}' as it is ({CliInvocation.Format(["rollout", "resume", rolloutId])} against a real tenant)");
                var answer = status.Phase == "paused" ? RolloutEvents.Resume : RolloutEvents.Approve;
                await host.Engine.RaiseEventAsync(rolloutId, answer, null, cancellationToken);
                rolloutExit = await RolloutFollower.FollowAsync(host, rolloutId, terminal, Next, new RolloutFollower.AnsweredGate(status.Phase, status.RingNumber), abortAsked: false, viewAsJson: false, cancellationToken);
            }

            rolloutReport = host.Engine.GetInstance(rolloutId)?.ReadOutputAs<RolloutReport>();
            foreach (var analysis in rolloutReport?.Analyses ?? [])
            {
                var p = analysis.Precedence;
                var cloud = p.Of(Core.Precedence.HelloSetting.UseCloudTrustForOnPremAuth).Winner?.Label ?? "nothing";
                terminal.Line($"  precedence, ring '{p.Ring}': {RingAnalysisText.Model(p.Current.Model)} before, {RingAnalysisText.Model(p.Planned)} after (cloud trust from {cloud}); {p.Findings.Count(f => f.Severity != Core.Precedence.PrecedenceSeverity.Info)} warning(s)");
            }
        }

        if (rolloutExit != ExitCodes.Success)
        {
            terminal.Error($"the rollout did not finish (exit {rolloutExit}); '{CliInvocation.Format(["rollout", "status", rolloutId, .. dbArguments])}' shows why");
            return rolloutExit;
        }

        Step(4, "key rotation: rotate both domains' Kerberos server keys and prove both halves agree");
        var rotation = await RotateAsync(database, settings, tenant, cancellationToken);

        Step(5, "Kerberos health");
        var health = await KerberosHealthAsync(settings, tenant, loggers, cancellationToken);

        Step(6, "report");
        var report = await Report.ReportFile.WriteAsync(database, rolloutId, health, Path.Combine(directory, "report.html"), "--dir", cancellationToken);
        terminal.Line($"  {report}");

        terminal.Line(string.Empty);
        terminal.Line(Tone.Good, $"demo finished in {watch.Elapsed.TotalSeconds:0} s: rollout {rolloutId} completed, {rotation.Attempts.Count(a => a.Outcome == RotationOutcome.Rotated)} key(s) rotated");
        terminal.Line("  read the journal afterwards:");
        terminal.Line($"  {CliInvocation.Format(["rollout", "status", rolloutId, .. dbArguments])}");
        terminal.Line($"  {CliInvocation.Format(["rotate", "history", .. dbArguments])}");
        terminal.Line($"  open {CliInvocation.Quote(report)}");
        if (terminal.IsJson)
        {
            terminal.Json(new DemoResult(rolloutId, rolloutReport?.Outcome.ToString() ?? "unknown", rolloutReport?.Rings.Select(r => new DemoRing(r.Name, r.Verdict?.ToString(), r.Counts, r.ResumedByPerson)).ToList() ?? [], rotation.Attempts, health, report, database));
        }

        return rotation.Failed.Any() || health.Any(h => !h.Healthy) ? ExitCodes.Failed : ExitCodes.Success;
    }

    private async Task<RotationReport> RotateAsync(string database, Tenant.TenantSettings settings, SimulatedTenant tenant, CancellationToken cancellationToken)
    {
        await using var host = RotationHost.Open(database, settings, LoggerFactory.Create(b => b.AddFilter(_ => false)), tenant.CreateCredential());
        var now = tenant.Clock.GetUtcNow();
        var policy = new RotationPolicy("0 0 3 * * 0", TimeSpan.FromDays(30), SimulatedTenant.Domains, null, false, false, TimeSpan.FromHours(6), TimeSpan.FromMinutes(5), CloudSignInPolicy.PasswordEverywhere);
        var id = await host.Engine.StartExclusiveAsync(KeyRotationWorkflow.Name, new RotationRequest(policy, RotationMode.Now, SimulatedTenant.Domains, "demo"), $"demo-rotation-{now:yyyyMMdd-HHmmss}", cancellationToken);
        var done = await host.Engine.WaitForCompletionAsync(id, cancellationToken);
        if (done.Status != WorkflowStatus.Completed)
        {
            throw new InvalidOperationException($"rotation {id} ended {done.Status}: {done.Failure}");
        }

        var report = done.ReadOutputAs<RotationReport>()!;
        foreach (var attempt in report.Attempts)
        {
            var tone = attempt.Outcome == RotationOutcome.Rotated ? Tone.Good : Tone.Bad;
            terminal.Line(tone, $"  {attempt.Domain}: {attempt.Outcome.ToString().ToLowerInvariant()} (key version {attempt.OldKeyVersion} -> {attempt.NewKeyVersion}){(attempt.Reason is { Length: > 0 } r ? "; " + r : string.Empty)}");
        }

        return report;
    }

    private async Task<IReadOnlyList<DomainKerberosStatus>> KerberosHealthAsync(Tenant.TenantSettings settings, SimulatedTenant tenant, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var connection = Tenant.TenantConnection.Open(settings, TimeProvider.System, loggers, tenant.CreateCredential());
        var rows = await DomainKerberosStatus.ReadAllAsync(connection.Sender, SimulatedTenant.Domains, Tenant.TenantCloudSignIn.Read(settings), settings.CreateClock().GetUtcNow(), cancellationToken);
        foreach (var row in rows)
        {
            terminal.Line(row.Healthy ? Tone.Good : Tone.Bad, $"  {row.Domain}: {row.State}, key version {row.KeyVersion} (cloud {row.CloudKeyVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? row.CloudHalf}), key age {row.KeyAgeDays:0.0} day(s)");
        }

        return rows;
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private void Step(int number, string text)
    {
        terminal.Line(string.Empty);
        terminal.Line(Tone.Bold, $"[{number}/{Steps}] {text}");
    }

    private static void DeleteJournal(string database)
    {
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>What <c>demo --json</c> prints: the rollout's outcome per ring, the rotation, the Kerberos health and where the files are.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Outcome">The rollout's outcome.</param>
/// <param name="Rings">Each ring's verdict and counts.</param>
/// <param name="Rotation">Each domain's rotation attempt.</param>
/// <param name="Kerberos">Each domain's Kerberos server object afterwards.</param>
/// <param name="Report">The HTML report.</param>
/// <param name="Database">The journal.</param>
internal sealed record DemoResult(string RolloutId, string Outcome, IReadOnlyList<DemoRing> Rings, IReadOnlyList<RotationAttempt> Rotation, IReadOnlyList<DomainKerberosStatus> Kerberos, string Report, string Database);

/// <summary>One ring of <see cref="DemoResult"/>.</summary>
/// <param name="Name">The ring.</param>
/// <param name="Verdict">Its gate's verdict.</param>
/// <param name="Counts">Its devices' states at the gate.</param>
/// <param name="ResumedByPerson">Whether a person accepted it after a failed gate.</param>
internal sealed record DemoRing(string Name, string? Verdict, RingCounts? Counts, bool ResumedByPerson);
