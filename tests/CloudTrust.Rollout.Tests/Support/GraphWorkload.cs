using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Simulator.Graph;
using CloudTrust.Simulator.Hosting;

namespace CloudTrust.Rollout.Tests.Support;

/// <summary>
/// Every Graph request the product's workflows make, recorded by the simulator once per test run and shared by the
/// tests that judge them (least privilege, Graph conformance): a settings-catalog rollout with the ticket probe, a
/// custom OMA-URI rollout, a certificate-trust and a key-trust migration (precedence reads, container deletion,
/// re-provisioning, sign-in tracking), the plan previews before each, and a preview resolving ring groups by name.
/// The simulator also checks its own answers to them against the metadata (<see cref="SimulatedGraphOptions.CheckAnswers"/>).
/// </summary>
public static class GraphWorkload
{
    private static readonly Guid Pilot = new("1e000000-0000-4000-8000-000000000001");
    private static readonly Guid Broad = new("1e000000-0000-4000-8000-000000000002");
    private static readonly SimulatedGraphOptions Checked = new() { CheckAnswers = true };
    private static readonly Lazy<Task<(IReadOnlyList<LoggedRequest> Requests, IReadOnlyList<string> AnswerViolations)>> Recorded = new(RecordAsync);

    /// <summary>Gets the recorded requests (the workflows run on first use).</summary>
    public static async Task<IReadOnlyList<LoggedRequest>> RequestsAsync() => (await Recorded.Value).Requests;

    /// <summary>Gets what the simulator's answers to those requests named that the metadata lacks.</summary>
    public static async Task<IReadOnlyList<string>> AnswerViolationsAsync() => (await Recorded.Value).AnswerViolations;

    private static async Task<(IReadOnlyList<LoggedRequest> Requests, IReadOnlyList<string> AnswerViolations)> RecordAsync()
    {
        var requests = new List<LoggedRequest>();
        var answers = new List<string>();
        foreach (var mode in new[] { "settingsCatalog", "customOmaUri" })
        {
            await using var harness = await RolloutHarness.StartAsync(intune =>
            {
                intune.AddDeviceGroup(Pilot, 6);
                intune.AddDeviceGroup(Broad, 6);
            }, Checked);
            var plan = Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("broad", Broad))
                .Replace("\"profileName\"", $"\"profileMode\": \"{mode}\", \"ticketProbe\": {(mode == "settingsCatalog" ? "true" : "false")}, \"profileName\"", StringComparison.Ordinal);
            await harness.Preview().PreviewAsync(plan, CancellationToken.None);
            var report = await harness.RunAsync(plan, $"graph-workload-{mode}");
            Assert.Equal(RolloutOutcome.Completed, report.Outcome);
            requests.AddRange(harness.GraphRequests());
            answers.AddRange(harness.SimulatedGraph.AnswerViolations);
        }

        foreach (var (graph, answered) in new[] { await MigrationRequestsAsync(), await GroupNameRequestsAsync() })
        {
            requests.AddRange(graph);
            answers.AddRange(answered);
        }

        return (requests, answers);
    }

    private static async Task<(IReadOnlyList<LoggedRequest>, IReadOnlyList<string>)> MigrationRequestsAsync()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 6);
            intune.AddDeviceGroup(Broad, 6);
            intune.AddTenantWideHello("enabled");
            intune.AddCertificateTrustPolicy("WHfB certificate trust", [Pilot]);
            intune.AddCustomHelloConfiguration("WHfB key trust (OMA-URI)", Core.Precedence.HelloScope.Device, RolloutHarness.TenantId, new Dictionary<Core.Precedence.HelloSetting, bool> { [Core.Precedence.HelloSetting.UsePassportForWork] = true }, [Broad]);
            intune.RegisterHello(Pilot, 6);
            intune.RegisterHello(Broad, 6);
        }, Checked);
        var plan = Plans.Plan(
            Plans.Ring("pilot", Pilot).Replace("\"requireApproval\"", "\"migrateFrom\": \"certificateTrust\", \"requireApproval\"", StringComparison.Ordinal),
            Plans.Ring("broad", Broad).Replace("\"requireApproval\"", "\"migrateFrom\": \"keyTrust\", \"requireApproval\"", StringComparison.Ordinal));
        await harness.Preview().PreviewAsync(plan, CancellationToken.None);
        await harness.Engine.StartAsync(RolloutWorkflow.Name, new RolloutRequest(plan), "graph-workload-migration");
        await harness.WaitForPhaseAsync("graph-workload-migration", "awaitingDeletionApproval");
        await harness.Engine.RaiseEventAsync("graph-workload-migration", RolloutEvents.ApproveDeletion, new ContainerDeletionApproval("pilot", "test"));
        var report = await harness.CompletionAsync("graph-workload-migration");
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.NotNull(report.Rings[0].Migration!.Reprovisioning);
        Assert.NotNull(report.Rings[1].Migration!.SignIn);
        return (harness.GraphRequests(), harness.SimulatedGraph.AnswerViolations);
    }

    /// <summary>A preview whose ring names its group by display name (the <c>$filter</c> on groups).</summary>
    private static async Task<(IReadOnlyList<LoggedRequest>, IReadOnlyList<string>)> GroupNameRequestsAsync()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 3);
            intune.NameGroup(Pilot, "WHfB Pilot's devices");
        }, Checked);
        var plan = Plans.Plan("""{ "name": "pilot", "groupNames": ["WHfB Pilot's devices"], "successThreshold": 0.9, "maxErrorShare": 0.05, "soak": "01:00:00", "verificationDeadline": "1.00:00:00" }""");
        var preview = await harness.Preview().PreviewAsync(plan, CancellationToken.None);
        Assert.Empty(preview.PlanErrors);
        return (harness.GraphRequests(), harness.SimulatedGraph.AnswerViolations);
    }
}
