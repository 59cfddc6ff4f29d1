using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Workflow;

namespace CloudTrust.Cli.Tests.Precedence;

/// <summary>
/// Rings migrated end to end on the simulated tenant: certificate trust (the deletion of Hello containers waits for an
/// approval naming the ring; an abort before it puts certificate trust back) and key trust (sign-in tracked through
/// the ticket probe).
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Certificate_trust_ring_is_migrated_and_its_containers_are_deleted_only_after_an_approval_naming_that_ring()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        var pilot = env.Tenant.Rings[0].GroupId;
        var certificatePolicy = env.Tenant.Intune.AddCertificateTrustPolicy("WHfB certificate trust (ADFS)", [pilot]);
        env.Tenant.Intune.RegisterHello(pilot, 1_000);
        var plan = env.WritePlan("migrate.json", p => p["rings"]![0]!["migrateFrom"] = "certificateTrust");
        var seenBeforeApproval = new List<string>();

        var (run, waits) = await ScenarioRun.RolloutAsync(env, plan, "cert-1", async (host, status) =>
        {
            if (status.Phase != "awaitingDeletionApproval")
            {
                await ScenarioRun.GoOnAsync(host, status, "cert-1");
                return;
            }

            // Before any approval: certificate trust is off for the ring, cloud trust assigned, nothing deleted yet.
            Assert.DoesNotContain(pilot, env.Tenant.Intune.AssignmentLists()[certificatePolicy]);
            Assert.Contains(pilot, env.Tenant.Intune.Policies().Single(p => p.Name == "CloudTrust WHfB cloud Kerberos trust").AssignedGroups);
            Assert.DoesNotContain(env.Tenant.Intune.HealthScripts(), s => s.Script.Contains("deletehellocontainer", StringComparison.OrdinalIgnoreCase));
            Assert.Equal([RolloutEvents.ApproveDeletion, RolloutEvents.Abort], status.WaitingFor);
            seenBeforeApproval.AddRange(status.Reasons);
            var refused = status.Reasons.Count(r => r.StartsWith("an approval for ring ", StringComparison.Ordinal));
            object answer = refused switch
            {
                0 => new ContainerDeletionApproval("early", "test-admin"), // another ring
                1 => "pilot", // not an approval object at all
                _ => new ContainerDeletionApproval("pilot", "test-admin"),
            };
            await host.Engine.RaiseEventAsync("cert-1", RolloutEvents.ApproveDeletion, answer);
        });

        Assert.Equal(["awaitingDeletionApproval pilot", "awaitingDeletionApproval pilot", "awaitingDeletionApproval pilot"], waits.Where(w => w.StartsWith("awaitingDeletion", StringComparison.Ordinal)));
        Assert.Contains(seenBeforeApproval, r => r.StartsWith("deleting the Hello containers of ring 'pilot' cannot be undone", StringComparison.Ordinal));
        Assert.Contains("an approval for ring 'early' was not taken: this ring is 'pilot'", seenBeforeApproval);
        Assert.Contains("an approval for ring '(none named)' was not taken: this ring is 'pilot'", seenBeforeApproval);
        var report = run.ReadOutputAs<RolloutReport>()!;
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var migration = report.Rings[0].Migration!;
        Assert.Equal(TrustModel.CertificateTrust, migration.From);
        Assert.Equal([pilot], Assert.Single(migration.CertificateTrustDisabled).GroupIds);
        Assert.False(migration.CertificateTrustRestored);
        Assert.Equal(new ContainerDeletionApproval("pilot", "test-admin"), migration.DeletionApproval);
        var script = Assert.Single(env.Tenant.Intune.HealthScripts(), s => s.Id == migration.DeletionScriptId);
        Assert.Equal([pilot], script.AssignedGroups);
        var reprovisioning = migration.Reprovisioning!;
        Assert.True(reprovisioning.ContainersDeleted > 0, $"no container deleted: {reprovisioning}");
        Assert.True(reprovisioning.Reprovisioned > 0 && reprovisioning.Reprovisioned <= reprovisioning.Users, $"{reprovisioning}");
        Assert.All(report.Rings.Skip(1), r => Assert.Null(r.Migration));
        Assert.Equal(
            $"ring 'pilot' from certificate trust: certificate trust off (1 policy); containers deleted on {reprovisioning.ContainersDeleted} device(s); {reprovisioning.Reprovisioned} of {reprovisioning.Users} user(s) provisioned again (approved by test-admin)",
            Commands.MigrationProgressText.Describe(report.Rings[0]));
        Assert.DoesNotContain(pilot, env.Tenant.Intune.AssignmentLists()[certificatePolicy]);
    }

    [Fact]
    public async Task The_cli_refuses_a_deletion_approval_that_does_not_name_the_ring_and_abort_restores_certificate_trust()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        var pilot = env.Tenant.Rings[0].GroupId;
        var certificatePolicy = env.Tenant.Intune.AddCertificateTrustPolicy("WHfB certificate trust (ADFS)", [pilot]);
        var plan = env.WritePlan("migrate.json", p => p["rings"]![0]!["migrateFrom"] = "certificateTrust");

        var start = await env.RunAsync(env.WithSettings("rollout", "start", plan));
        var id = (await env.OnlyRolloutIdAsync())!;
        var plain = await env.RunAsync(env.WithSettings("rollout", "approve", id));
        var wrong = await env.RunAsync(env.WithSettings("rollout", "approve", id, "--delete-hello-containers", "early"));
        var stillWaiting = await env.ReadStatusAsync(id);
        var scriptsBeforeAbort = env.Tenant.Intune.HealthScripts().Count;
        var certificateGroupsBeforeAbort = env.Tenant.Intune.AssignmentLists()[certificatePolicy];
        var abort = await env.RunAsync(env.WithSettings("rollout", "abort", id));

        Assert.True(start.ExitCode == 3, start.Stdout + start.Stderr);
        Assert.Contains("ring 1/3 'pilot' has cloud trust assigned; deleting its users' Hello containers waits for approval", start.Stdout, StringComparison.Ordinal);
        Assert.Contains($"--delete-hello-containers pilot", start.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, plain.ExitCode);
        Assert.Contains($"waits for approval to delete the Hello containers of ring 'pilot', which deletes its users' WHfB credentials: 'dotnet {CliProcess.BinaryPath} rollout approve {id} --delete-hello-containers pilot --settings", plain.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("waits for the container deletion of ring 'pilot', not 'early'", wrong.Stderr, StringComparison.Ordinal);
        Assert.Equal("awaitingDeletionApproval", stillWaiting!.Phase);
        Assert.Equal(0, scriptsBeforeAbort);
        Assert.DoesNotContain(pilot, certificateGroupsBeforeAbort);
        var aborted = await env.ReadStatusAsync(id);
        Assert.True(aborted!.Phase == "aborted", abort.Stdout + abort.Stderr);
        Assert.Contains("certificate trust restored for the ring", aborted.Reasons);
        Assert.Contains(pilot, env.Tenant.Intune.AssignmentLists()[certificatePolicy]);
        Assert.Empty(env.Tenant.Intune.HealthScripts());
        var status = await env.RunAsync("rollout", "status", id);
        Assert.Contains("  ring 'pilot' from certificate trust: certificate trust taken off (1 policy) and restored by the abort; Hello containers not deleted", status.Stdout, StringComparison.Ordinal);
        env.AssertNoSecretLeaked();
    }

    [Fact]
    public async Task Key_trust_ring_is_migrated_and_its_sign_in_is_tracked_through_the_ticket_probe_on_that_ring_only()
    {
        await using var env = await TestTenant.StartAsync(devices: 120);
        var pilot = env.Tenant.Rings[0].GroupId;
        env.Tenant.Intune.AddHelloPolicy("WHfB key trust", HelloScope.Device, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = true }, [pilot]);
        env.Tenant.Intune.RegisterHello(pilot, 1_000);
        var plan = env.WritePlan("migrate.json", p => p["rings"]![0]!["migrateFrom"] = "keyTrust");

        var (run, _) = await ScenarioRun.RolloutAsync(env, plan, "key-1", (host, status) => ScenarioRun.GoOnAsync(host, status, "key-1"));

        var report = run.ReadOutputAs<RolloutReport>()!;
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var analysis = report.Analyses![0];
        Assert.Equal(TrustModel.KeyTrust, analysis.Precedence.Current.Model);
        Assert.Equal(TrustModel.CloudTrust, analysis.Precedence.Planned);
        var migration = report.Rings[0].Migration!;
        Assert.Equal(TrustModel.KeyTrust, migration.From);
        Assert.Empty(migration.CertificateTrustDisabled);
        Assert.Null(migration.DeletionScriptId);
        var signIn = migration.SignIn!;
        var targeted = report.Rings[0].Counts!.Targeted;
        Assert.True(signIn.Reported > 0 && signIn.Reported <= targeted, $"{signIn} of {targeted}");
        Assert.True(signIn.Working > 0, $"{signIn}");
        var probe = Assert.Single(env.Tenant.Intune.HealthScripts());
        Assert.Equal([pilot], probe.AssignedGroups);
        Assert.DoesNotContain("deletehellocontainer", probe.Script, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"ring 'pilot' from key trust: {signIn.Working} device(s) get cloud and on-premises TGTs after signing out and in ({signIn.Reported} reported", Commands.MigrationProgressText.Describe(report.Rings[0]), StringComparison.Ordinal);
    }
}
