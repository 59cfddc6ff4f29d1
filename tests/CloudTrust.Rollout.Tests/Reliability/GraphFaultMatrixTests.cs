using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Hosting;
using CloudTrust.Tests.Shared;

namespace CloudTrust.Rollout.Tests.Reliability;

/// <summary>
/// The fault matrix for Microsoft Graph: 429, 503, 504 and connection resets at 5%, 20% and 50% of every Graph
/// request. Each run must finish with the same tenant state as an undisturbed run — one policy, every ring's groups
/// assigned once — or stop with a clear reason; nothing duplicated.
/// </summary>
public abstract class GraphFaultMatrixTests(FaultKind kind)
{
    private static readonly Guid Pilot = new("fa000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("fa000000-0000-4000-8000-000000000002");

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public async Task A_rollout_under_Graph_faults_ends_in_the_undisturbed_state(double rate)
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 6);
            intune.AddDeviceGroup(Broad, 6);
        });
        harness.Server.Faults.RetryAfterSeconds = 0;
        harness.Server.Faults.Inject("/beta/", kind, rate);
        harness.Server.Faults.Inject("/v1.0/", kind, rate);

        var report = await harness.RunAsync(Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("broad", Broad)), $"faults-{kind}-{rate}");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var policy = Assert.Single(harness.Intune.Policies());
        Assert.Equal(new[] { Pilot, Broad }.Order(), policy.AssignedGroups.Order());
        Assert.Single(harness.GraphWrites(), w => w.Method == "POST" && w.Path == "/beta/deviceManagement/configurationPolicies" && w.Status < 300);
        Assert.All(report.Rings, r => Assert.Equal(6, r.Counts!.Targeted));
        Assert.True(harness.Server.Faults.Injected(kind) > 0, $"no {kind} was injected");
        ReliabilityLedger.Record("graph-faults", $"{kind} at {rate:P0}", harness.Server.Faults.Injected(kind), duplicates: 0);
    }
}

/// <summary>429 with Retry-After (its own class, so the four kinds run in parallel).</summary>
public sealed class GraphThrottlingMatrixTests() : GraphFaultMatrixTests(FaultKind.TooManyRequests);

/// <summary>503 with Retry-After.</summary>
public sealed class GraphUnavailableMatrixTests() : GraphFaultMatrixTests(FaultKind.ServiceUnavailable);

/// <summary>504 without Retry-After.</summary>
public sealed class GraphGatewayTimeoutMatrixTests() : GraphFaultMatrixTests(FaultKind.GatewayTimeout);

/// <summary>Connections reset before any answer.</summary>
public sealed class GraphConnectionResetMatrixTests() : GraphFaultMatrixTests(FaultKind.ConnectionReset);
