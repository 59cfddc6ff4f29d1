using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Api;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Functions.Tests.Support;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// The rollout's preflight reads on-premises readiness through the relay and the agent under the real Durable Task
/// runtime: a site whose domain controllers cannot serve cloud Kerberos trust blocks the rollout before anything is
/// assigned, and GET /api/rollouts/{id} says why.
/// </summary>
public sealed class OnPremisesReadinessTests
{
    [Fact]
    public async Task A_site_with_outdated_domain_controllers_blocks_the_rollout_over_http_and_nothing_is_assigned()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 30 });
        // The Branch site loses its only serving DC: a read-only one and a 2012 R2 one remain.
        var contoso = SimulatedActiveDirectory.DemoForest().Single(d => d.DnsName == "contoso.com");
        harness.Tenant.ActiveDirectory.AddDomain(contoso);
        var body = new JsonObject { ["requestId"] = "outdated-dcs", ["plan"] = Plans.ThreeRings(harness.Tenant, harness.Tenant.Server.Entra.TenantId) }.ToJsonString();

        await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body);
        var done = await harness.WaitUntilAsync("rollout-outdated-dcs", i => i.IsCompleted);

        var report = done.ReadOutputAs<RolloutReport>()!;
        Assert.Equal(RolloutOutcome.Blocked, report.Outcome);
        Assert.Null(report.PolicyId);
        Assert.Equal(0, harness.Invocations(FunctionNames.EnsureProfile) + harness.Invocations(FunctionNames.AssignGroups));
        Assert.Empty(harness.Tenant.Intune.Policies());
        Assert.Equal(1, report.OnPremises!.SiteCount);
        var view = JsonSerializer.Deserialize<RolloutStatusView>((await harness.HttpAsync("GetRollout", "GET", "/api/rollouts/rollout-outdated-dcs", route: new Dictionary<string, string> { ["id"] = "rollout-outdated-dcs" })).Text, ApiJson.Options)!;
        Assert.Equal("blocked", view.Phase);
        Assert.Contains(view.Reasons, r => r.StartsWith("domain controllers: contoso.com site 'Branch' has no writable domain controller on Windows Server 2016 or later: dc3.contoso.com (Windows Server 2012 R2 Standard, build 9600)", StringComparison.Ordinal));
        Assert.Equal("block", view.OnPremises!.DomainControllers);
        Assert.Equal(0, view.OnPremises.PrivilegedCount);
    }
}
