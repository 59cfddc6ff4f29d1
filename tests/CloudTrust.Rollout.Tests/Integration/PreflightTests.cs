using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class PreflightTests
{
    private static readonly Guid Pilot = new("c0000000-0000-4000-8000-000000000001");
    private static readonly Guid Early = new("c0000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task A_certificate_trust_policy_on_a_plan_group_blocks_before_any_write()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 10);
            intune.AddDeviceGroup(Early, 10);
            intune.AddPolicy("Legacy WHfB certificate trust", "made by hand", new Dictionary<string, bool> { [WhfbSettingIds.UseCertificateForOnPremAuth] = true }, [Early]);
            intune.AddPolicy("Unrelated kiosk policy", "made by hand", new Dictionary<string, bool> { [WhfbSettingIds.UsePassportForWork] = false }, []);
        });

        var report = await harness.RunAsync(Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early)), "conflict-1");

        Assert.Equal(RolloutOutcome.Blocked, report.Outcome);
        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal("Legacy WHfB certificate trust", conflict.PolicyName);
        Assert.Equal([Early], conflict.GroupIds);
        Assert.Contains(conflict.Reasons, r => r.Contains("UseCertificateForOnPremAuth", StringComparison.Ordinal));
        Assert.NotEmpty(harness.GraphRequests());
        Assert.DoesNotContain(harness.GraphRequests(), r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE");
        Assert.Equal(2, harness.Intune.Policies().Count);
        var status = harness.Engine.GetInstance("conflict-1")!.ReadCustomStatusAs<RolloutStatus>()!;
        Assert.Equal("blocked", status.Phase);
        Assert.Contains(status.Reasons, r => r.Contains("Legacy WHfB certificate trust", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unhealthy_Kerberos_server_blocks_before_any_write()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 5));
        harness.Kerberos.AddUnhealthy("corp.contoso.example", "KeyVersion 7 != CloudKeyVersion 5");

        var report = await harness.RunAsync(Plans.Plan(Plans.Ring("pilot", Pilot)), "kerberos-1");

        Assert.Equal(RolloutOutcome.Blocked, report.Outcome);
        Assert.Contains(report.KerberosServers, d => !d.Healthy && d.Detail.Contains("KeyVersion", StringComparison.Ordinal));
        Assert.Empty(harness.GraphWrites());
        Assert.Empty(harness.Intune.Policies());
    }

    [Fact]
    public async Task An_invalid_plan_stops_with_path_precise_errors_and_touches_nothing()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 5));
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot)).Replace(Pilot.ToString(), "not-a-guid", StringComparison.Ordinal).Replace("corp.contoso.example", "corp..example", StringComparison.Ordinal);

        var report = await harness.RunAsync(plan, "invalid-1");

        Assert.Equal(RolloutOutcome.InvalidPlan, report.Outcome);
        Assert.Contains("rings[0].groupIds[0]: not a GUID", report.PlanErrors);
        Assert.Contains("domains[0]: not a DNS name", report.PlanErrors);
        Assert.Empty(harness.GraphRequests());
    }
}
