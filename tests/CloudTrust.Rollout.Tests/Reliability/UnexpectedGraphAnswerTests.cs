using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Rollout.Tests.Integration;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Rollout.Tests.Reliability;

/// <summary>
/// Graph answers that are not what was asked for, given by the simulated tenant over HTTPS to the real Graph client:
/// each ends in a failure naming the field, never in a wrong count or a check silently skipped; properties nobody asked
/// for are ignored. And what the fixed requests read that the old ones could not (SKU, join type, only device members).
/// </summary>
public sealed class UnexpectedGraphAnswerTests
{
    private static readonly Guid Ring = new("1f000000-0000-4000-8000-000000000001");
    private static readonly Guid Other = new("1f000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task The_hybrid_joined_count_comes_from_the_beta_join_type_and_matches_the_fleet()
    {
        await using var harness = await StartAsync(new GraphResponseFaults());
        var expected = harness.Intune.Devices.Count(d => harness.Intune.TryGetGroup(Ring, out var m) && m.Contains(d) && d.JoinType == "hybridAzureADJoined");

        var read = await HelloSourcesTests.ReadAsync(harness, new HelloSourcesInput([[Ring]]));

        Assert.InRange(expected, 1, 19);
        Assert.Equal(expected, read.HybridJoinedDevices);
        Assert.Contains(harness.GraphRequests(), r => r.Path.StartsWith("/beta/deviceManagement/managedDevices?", StringComparison.Ordinal) && r.Path.Contains("joinType", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.GraphRequests(), r => r.Path.StartsWith("/v1.0/deviceManagement/managedDevices?", StringComparison.Ordinal) && r.Path.Contains("skuFamily", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_join_type_fails_the_read_naming_joinType()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { JoinTypeValue = "cloudJoinedSomehow" });

        var failure = await Assert.ThrowsAsync<UnexpectedGraphResponseException>(() => Readiness(harness));

        Assert.StartsWith("joinType", failure.Field, StringComparison.Ordinal);
        Assert.Contains("'cloudJoinedSomehow'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_join_type_from_intune_concludes_nothing_and_hybrid_counts_only_hybrid()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { JoinTypeValue = "unknown" });

        var read = await HelloSourcesTests.ReadAsync(harness, new HelloSourcesInput([[Ring]]));
        var readiness = await Readiness(harness);

        Assert.Equal(0, read.HybridJoinedDevices);
        Assert.DoesNotContain(readiness.Samples, s => s.Contains("join type", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Extra_properties_nobody_asked_for_are_ignored_and_the_counts_do_not_change()
    {
        ReadinessResult plain, noisy;
        RingStatusResult plainStatus, noisyStatus;
        // Each tenant's clock is stopped before the policy is assigned, so both reports are read at the moment of
        // assignment: devices check in as simulated time passes (14,400 times real time), and under load one had.
        await using (var harness = await StartAsync(new GraphResponseFaults()))
        {
            ((AcceleratedClock)harness.Clock).Stop();
            (plain, plainStatus) = (await Readiness(harness), await StatusAsync(harness));
        }

        await using (var harness = await StartAsync(new GraphResponseFaults { ExtraProperties = true }))
        {
            ((AcceleratedClock)harness.Clock).Stop();
            (noisy, noisyStatus) = (await Readiness(harness), await StatusAsync(harness));
        }

        Assert.Equal(20, plain.Devices);
        Assert.Equal(plain with { Samples = [] }, noisy with { Samples = [] });
        Assert.Equal(plainStatus.Counts, noisyStatus.Counts);
    }

    [Fact]
    public async Task Members_without_device_properties_fail_naming_deviceId_instead_of_an_empty_ring()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { DeviceMembersWithoutProperties = true });

        var failure = await Assert.ThrowsAsync<UnexpectedGraphResponseException>(() => Readiness(harness));

        Assert.StartsWith("deviceId", failure.Field, StringComparison.Ordinal);
        Assert.Contains("Device.Read.All", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_member_read_is_the_device_cast_and_counts_only_the_rings_devices()
    {
        await using var harness = await StartAsync(new GraphResponseFaults());

        var readiness = await Readiness(harness);

        Assert.Equal(20, readiness.Devices);
        Assert.Contains(harness.GraphRequests(), r => r.Path.StartsWith($"/v1.0/groups/{Ring}/transitiveMembers/graph.device?", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.GraphRequests(), r => r.Path.Contains("/members?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_next_link_that_repeats_its_own_page_fails_naming_the_next_link()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { StuckNextLink = true });

        var failure = await Assert.ThrowsAsync<UnexpectedGraphResponseException>(() => Readiness(harness));

        Assert.Equal("@odata.nextLink", failure.Field);
        Assert.Equal(2, harness.GraphRequests().Count(r => r.Path.StartsWith("/beta/deviceManagement/managedDevices", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_400_for_a_selected_property_fails_with_graphs_message_naming_it()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { RefusedSelect = "skuFamily" });

        var failure = await Assert.ThrowsAsync<GraphRequestException>(() => Readiness(harness));

        Assert.Equal(400, failure.Status);
        Assert.Contains("Could not find a property named 'skuFamily' on type 'microsoft.graph.managedDevice'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_without_a_column_that_was_asked_for_fails_naming_the_column()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { MissingReportColumns = ["PolicyStatus"] });

        var failure = await Assert.ThrowsAsync<UnexpectedGraphResponseException>(() => StatusAsync(harness));

        Assert.Equal("Schema[PolicyStatus]", failure.Field);
    }

    [Fact]
    public async Task An_unknown_policy_status_code_fails_naming_PolicyStatus()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { ReportStatusCode = 3 });

        var failure = await Assert.ThrowsAsync<UnexpectedGraphResponseException>(() => StatusAsync(harness));

        Assert.Equal("PolicyStatus", failure.Field);
        Assert.Contains("'3'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_localized_status_reads_as_its_code_does_and_rows_are_matched_by_intune_device_id()
    {
        RingStatusResult numeric, text;
        await using (var harness = await StartAsync(new GraphResponseFaults { ReportStatusCode = 2 }))
        {
            numeric = await StatusAsync(harness);
        }

        await using (var harness = await StartAsync(new GraphResponseFaults { ReportStatusAsText = true }))
        {
            text = await StatusAsync(harness);
            Assert.Equal(numeric.Counts.Targeted, text.Counts.Succeeded + text.Counts.Errors + text.Counts.Conflicts + text.Counts.Pending + text.Counts.NotApplicable);
        }

        Assert.Equal((20, 20, 0), (numeric.Counts.Targeted, numeric.Counts.Succeeded, numeric.Counts.Pending));
    }

    [Fact]
    public async Task A_report_that_stops_short_of_its_row_count_fails_naming_Values()
    {
        await using var harness = await StartAsync(new GraphResponseFaults { ReportStopsEarly = true });

        var failure = await Assert.ThrowsAsync<UnexpectedGraphResponseException>(() => StatusAsync(harness, reportPage: 7));

        Assert.Equal("Values", failure.Field);
        Assert.Contains("TotalRowCount is 40", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<RolloutHarness> StartAsync(GraphResponseFaults faults)
    {
        return await RolloutHarness.StartAsync(
            intune =>
            {
                intune.AddDeviceGroup(Ring, 20);
                intune.AddDeviceGroup(Other, 20);
            },
            new SimulatedGraphOptions { Faults = faults });
    }

    private static Task<ReadinessResult> Readiness(RolloutHarness harness)
        => new AssessReadinessActivity(harness.Graph, harness.Clock, NullLoggerFactory.Instance).RunAsync(new ReadinessInput([Ring], TimeSpan.FromDays(7), 50), CancellationToken.None);

    /// <summary>Reads a policy assigned to both groups for the ring alone (the report holds 40 rows, 20 of them the ring's).</summary>
    private static async Task<RingStatusResult> StatusAsync(RolloutHarness harness, int reportPage = 1000)
    {
        var policy = harness.Intune.Policies().FirstOrDefault()?.Id
            ?? harness.Intune.AddPolicy("WHfB", "report test", new Dictionary<string, bool> { [WhfbSettingIds.UsePassportForWork] = true }, [Ring, Other]);
        var report = new DevicePolicyReport(harness.Graph, reportPage, NullLogger<DevicePolicyReport>.Instance);
        return await report.ReadAsync(policy, [Ring], 10, CancellationToken.None);
    }
}
