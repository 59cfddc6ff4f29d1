using System.Text;
using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Integrations.TicketProbe;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Rollout.Tests.Integration;

public sealed class TicketProbeTests
{
    private static readonly Guid Pilot = new("a1000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task The_probe_is_shipped_as_a_user_detection_script_and_its_run_states_show_privileged_users_without_OnPremTgt()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 30, new FleetMix { PrivilegedUser = 0.3 }));
        var rollout = await harness.RunAsync(Plans.Plan(Plans.Ring("pilot", Pilot, threshold: 1.0)), "probe-1");
        Assert.Equal(RolloutOutcome.Completed, rollout.Outcome);
        var probe = new TicketProbeDeployment(harness.Graph);

        var scriptId = await probe.DeployAsync([Pilot], CancellationToken.None);
        TicketProbeSummary summary;
        using (var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), safety.Token);
                summary = await probe.ReadAsync(scriptId, 10, safety.Token);
            }
            while (summary.Reported < 30);
        }

        Assert.Equal(30, summary.Working + summary.OnPremTgtMissing);
        Assert.True(summary.OnPremTgtMissing > 0, summary.ToString());
        Assert.True(summary.Working > 0, summary.ToString());
        Assert.Equal(0, summary.CloudTgtMissing);
        Assert.All(summary.Samples, s => Assert.Contains("privileged user blocked by the Password Replication Policy (CloudTgt YES, OnPremTgt NO; the user is in CORP\\Domain Admins)", s, StringComparison.Ordinal));
        var cause = Assert.Single(summary.Causes!);
        Assert.Equal((Core.Rollout.Tickets.TicketFailureCause.PrivilegedUserBlocked, summary.OnPremTgtMissing), (cause.Cause, cause.Count));

        var script = Assert.Single(harness.Intune.HealthScripts());
        Assert.Equal("user", script.RunAsAccount);
        Assert.Equal(TicketProbeDeployment.Script, script.Script);
        Assert.Equal([Pilot], script.AssignedGroups);
        var create = Assert.Single(harness.GraphWrites(), w => w.Path == "/beta/deviceManagement/deviceHealthScripts");
        using var body = JsonDocument.Parse(create.Body!);
        Assert.Contains("dsregcmd.exe", Encoding.UTF8.GetString(Convert.FromBase64String(body.RootElement.GetProperty("detectionScriptContent").GetString()!)), StringComparison.Ordinal);

        Assert.Equal(scriptId, await probe.DeployAsync([Pilot], CancellationToken.None));
        Assert.Single(harness.Intune.HealthScripts());
    }

    [Fact]
    public async Task A_plan_with_ticketProbe_reports_the_tickets_in_its_final_report()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 20, new FleetMix { PrivilegedUser = 0.25 }));
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot, threshold: 1.0)).Replace("\"pollInterval\"", "\"ticketProbe\": true, \"pollInterval\"", StringComparison.Ordinal);

        var report = await harness.RunAsync(plan, "probe-2");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var probe = Assert.IsType<TicketProbeSummary>(report.TicketProbe);
        Assert.Equal(20, probe.Reported);
        Assert.Equal(20, probe.Working + probe.OnPremTgtMissing);
        Assert.True(probe.OnPremTgtMissing > 0);
        Assert.Single(harness.Intune.HealthScripts());
    }

    [Theory]
    [InlineData("{\"probe\":\"cloudtrust-ticket/1\",\"onPremTgt\":true,\"cloudTgt\":true,\"azureAdPrt\":true,\"azureAdJoined\":true,\"domainJoined\":false}", true)]
    [InlineData("{\"probe\":\"cloudtrust-ticket/1\",\"onPremTgt\":false,\"cloudTgt\":true,\"azureAdPrt\":true,\"azureAdJoined\":true,\"domainJoined\":true}\r\n", false)]
    public void The_probe_output_line_parses(string output, bool works)
        => Assert.Equal(works, TicketProbeDeployment.ParseOutput(output)!.Works);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"probe\":\"someone-else\"}")]
    public void Other_output_is_ignored(string output)
        => Assert.Null(TicketProbeDeployment.ParseOutput(output));
}
