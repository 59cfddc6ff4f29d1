using System.Text;
using System.Text.Json;
using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Integrations.Migration;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Rollout.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary>The certificate-trust migration's Graph activities against the simulated tenant: disable/restore, container deletion, re-provisioning.</summary>
public sealed class CertificateTrustMigrationTests
{
    private static readonly Guid Pilot = new("d1000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("d1000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task A_certificate_trust_ring_reads_as_certificate_trust_and_disable_takes_only_its_groups_out_until_restore_puts_them_back()
    {
        string policy = string.Empty, oma = string.Empty;
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 8);
            intune.AddDeviceGroup(Broad, 8);
            policy = intune.AddCertificateTrustPolicy("WHfB certificate trust", [Pilot, Broad]);
            // Device scope: the PassportForWork CSP has UseCertificateForOnPremAuth for devices only (no ./User node).
            oma = intune.AddCustomHelloConfiguration("WHfB cert trust (OMA-URI)", HelloScope.Device, RolloutHarness.TenantId, new Dictionary<HelloSetting, bool> { [HelloSetting.UseCertificateForOnPremAuth] = true }, [Pilot]);
        });

        var before = await HelloSourcesTests.ReadAsync(harness, new HelloSourcesInput([[Pilot]]));

        Assert.Equal(TrustModel.CertificateTrust, PrecedenceAnalyzer.Analyze("pilot", before.Sources, null).Current.Model);
        var custom = Assert.Single(before.Sources, s => s.Kind == HelloSourceKind.CustomOmaUri);
        Assert.Equal((oma, HelloScope.Device, (bool?)true), (custom.Id, custom.Scope, custom.UseCertificateForOnPremAuth));
        var change = before.CertificateTrustAssignments();
        Assert.Equal([(policy, ProfileMode.SettingsCatalog), (oma, ProfileMode.CustomOmaUri)], change.Policies.OrderBy(p => p.Mode).Select(p => (p.SourceId, p.Mode)));
        Assert.All(change.Policies, p => Assert.Equal([Pilot], p.GroupIds));
        Assert.Empty(harness.GraphWrites());

        var disabled = await new DisableCertificateTrustActivity(harness.Graph, NullLoggerFactory.Instance).RunAsync(change, CancellationToken.None);

        Assert.Equal(2, disabled.Changed.Count);
        Assert.Equal([Broad], harness.Intune.AssignmentLists()[policy]);
        Assert.Empty(harness.Intune.AssignmentLists()[oma]);
        var after = await HelloSourcesTests.ReadAsync(harness, new HelloSourcesInput([[Pilot]]));
        Assert.DoesNotContain(after.Sources, s => s.UseCertificateForOnPremAuth == true);
        Assert.False(PrecedenceAnalyzer.Analyze("pilot", after.Sources, HelloSourcesTests.Planned("ours")).Blocked);
        var writes = harness.GraphWrites().Count;

        var again = await new DisableCertificateTrustActivity(harness.Graph, NullLoggerFactory.Instance).RunAsync(change, CancellationToken.None);

        Assert.Empty(again.Changed);
        Assert.Equal(writes, harness.GraphWrites().Count);

        var restored = await new RestoreCertificateTrustActivity(harness.Graph, NullLoggerFactory.Instance).RunAsync(change, CancellationToken.None);

        Assert.Equal(2, restored.Changed.Count);
        Assert.Equal([Pilot, Broad], harness.Intune.AssignmentLists()[policy].Order());
        Assert.Equal([Pilot], harness.Intune.AssignmentLists()[oma]);
    }

    [Fact]
    public async Task The_container_deletion_is_one_user_script_assigned_ring_by_ring_and_reprovisioning_is_read_from_registrations()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 12);
            intune.AddDeviceGroup(Broad, 5);
            intune.RegisterHello(Pilot, 8);
            intune.RegisterHello(Broad, 5);
        });
        var deploy = new DeployContainerDeletionActivity(harness.Graph, NullLoggerFactory.Instance);
        var deployedAt = harness.Clock.GetUtcNow();

        var first = await deploy.RunAsync(new ContainerDeletionInput([Pilot]), CancellationToken.None);

        Assert.True(first.Created);
        Assert.Equal([Pilot], first.Assigned);
        var script = Assert.Single(harness.Intune.HealthScripts());
        Assert.Equal(("user", ContainerDeletionDeployment.DetectionScript), (script.RunAsAccount, script.Script));
        var create = Assert.Single(harness.GraphWrites(), w => w.Path == "/beta/deviceManagement/deviceHealthScripts");
        using (var body = JsonDocument.Parse(create.Body!))
        {
            Assert.Contains("certutil.exe\" -deletehellocontainer", Encoding.UTF8.GetString(Convert.FromBase64String(body.RootElement.GetProperty("remediationScriptContent").GetString()!)), StringComparison.Ordinal);
            Assert.Contains(ContainerDeletionDeployment.Marker, body.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        var writes = harness.GraphWrites().Count;
        var repeat = await deploy.RunAsync(new ContainerDeletionInput([Pilot]), CancellationToken.None);
        Assert.Equal((first.ScriptId, false), (repeat.ScriptId, repeat.Created));
        Assert.Equal(writes, harness.GraphWrites().Count);

        var read = new ReadReprovisioningActivity(harness.Graph);
        ReprovisioningStatus status;
        using (var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), safety.Token);
                status = await read.RunAsync(new ReprovisioningInput([Pilot], first.ScriptId, deployedAt, 3), safety.Token);
            }
            while (status.Reprovisioned < 8);
        }

        Assert.Equal((12, 8, 4, 8), (status.Users, status.ContainersDeleted, status.NothingToDelete, status.Reprovisioned));
        Assert.Equal(3, status.Waiting.Count);
        Assert.Equal(writes, harness.GraphWrites().Count);
        var broadBefore = await read.RunAsync(new ReprovisioningInput([Broad], first.ScriptId, deployedAt, 3), CancellationToken.None);
        Assert.Equal((5, 0, 0), (broadBefore.Users, broadBefore.ContainersDeleted, broadBefore.Reprovisioned));

        var second = await deploy.RunAsync(new ContainerDeletionInput([Broad]), CancellationToken.None);

        Assert.Equal(first.ScriptId, second.ScriptId);
        Assert.Equal([Pilot, Broad], second.Assigned.Order());
        Assert.Equal([Pilot, Broad], Assert.Single(harness.Intune.HealthScripts()).AssignedGroups.Order());
    }
}
