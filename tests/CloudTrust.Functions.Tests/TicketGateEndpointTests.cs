using System.Net;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Core.Workflows;
using CloudTrust.Functions.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Functions.Tests;

/// <summary>A ring held by its ticket evidence under the real Durable runtime, read through the HTTP status view.</summary>
public sealed class TicketGateEndpointTests
{
    [Fact]
    public async Task A_ring_held_by_tickets_answers_its_next_action_counts_and_causes_over_HTTP()
    {
        var ring = new SimulatedRing("pilot", new Guid("f1000000-0000-4000-8000-000000000001"), 1.0, new FleetMix { OffNetwork = 0.2, StalePrt = 0.1, PrivilegedUser = 0.1 });
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 60, Rings = [ring] });
        var plan = new JsonObject
        {
            ["tenantId"] = harness.Tenant.Server.Entra.TenantId.ToString(),
            ["domains"] = new JsonArray([.. SimulatedTenant.Domains.Select(d => (JsonNode)d)]),
            ["profileName"] = "CloudTrust WHfB cloud Kerberos trust",
            ["pollInterval"] = TimeSpan.FromSeconds(0.5).ToString("c"),
            ["rings"] = new JsonArray(new JsonObject
            {
                ["name"] = "pilot",
                ["groupIds"] = new JsonArray(ring.GroupId.ToString()),
                ["successThreshold"] = 0.5,
                ["maxErrorShare"] = 0.5,
                ["ticketThreshold"] = 0.95,
                ["minTicketReports"] = 5,
                ["soak"] = TimeSpan.FromSeconds(1).ToString("c"),
                ["verificationDeadline"] = TimeSpan.FromSeconds(6).ToString("c"),
            }),
        };
        var body = new JsonObject { ["requestId"] = "tickets", ["plan"] = plan }.ToJsonString();
        Assert.Equal(HttpStatusCode.Accepted, (await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body)).StatusCode);

        var paused = await RolloutEndpointTests.PhaseAsync(harness, "rollout-tickets", "paused");
        Assert.Equal(GateVerdict.Fail, paused.Verdict);
        Assert.StartsWith("tickets: ", paused.Reasons[0], StringComparison.Ordinal);

        var read = await harness.HttpAsync("GetRollout", "GET", "/api/rollouts/rollout-tickets", route: new Dictionary<string, string> { ["id"] = "rollout-tickets" });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var view = JsonNode.Parse(read.Text)!;
        Assert.Contains("held by ticket evidence", view["nextAction"]!.GetValue<string>(), StringComparison.Ordinal);
        var tickets = view["tickets"]!;
        Assert.True(tickets["reported"]!.GetValue<int>() >= 5);
        Assert.True(tickets["working"]!.GetValue<int>() < tickets["reported"]!.GetValue<int>());
        var causes = view["ticketCauses"]!.AsArray();
        Assert.Contains(causes, c => c!["cause"]!.ToString() is "NoLineOfSightToDc" or "noLineOfSightToDc");
        Assert.All(causes, c => Assert.False(string.IsNullOrEmpty(c!["action"]!.GetValue<string>())));

        var instance = await harness.Client.GetInstanceAsync("rollout-tickets", getInputsAndOutputs: true);
        Assert.True(StatusBudget.Utf16Bytes(instance!.SerializedCustomStatus) <= StatusBudget.MaxCustomStatusBytes);
        Assert.Equal(HttpStatusCode.Accepted, (await RolloutEndpointTests.AnswerAsync(harness, "rollout-tickets", "abort")).StatusCode);
        var report = (await harness.WaitUntilAsync("rollout-tickets", i => i.IsCompleted)).ReadOutputAs<RolloutReport>()!;
        Assert.NotEmpty(Assert.Single(report.Rings).Tickets!.Causes!);
    }
}
