using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Integrations.Graph;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Rollout.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary><see cref="ResolveRingGroupsActivity"/> through the real Graph SDK against the simulated tenant's <c>/v1.0/groups</c>.</summary>
public sealed class RingGroupResolutionTests
{
    [Fact]
    public async Task Existing_names_resolve_to_their_ids_including_a_name_with_a_quote_and_nothing_is_written()
    {
        Guid pilot = default, quoted = default;
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            pilot = intune.AddGroup("WHfB Pilot");
            quoted = intune.AddGroup("O'Brien's devices");
            intune.AddGroup("WHfB Pilot (old)");
        });

        var result = await Activity(harness).RunAsync(new ResolveRingGroupsInput([["WHfB Pilot"], ["O'Brien's devices"]], CreateMissing: true), CancellationToken.None);

        Assert.True(result.IsResolved, string.Join("\n", result.Errors));
        Assert.Equal(pilot, result.GroupIds["WHfB Pilot"]);
        Assert.Equal(quoted, result.GroupIds["o'brien's DEVICES"]);
        Assert.Empty(result.Created);
        Assert.Empty(harness.GraphWrites());
        Assert.Contains(harness.GraphRequests(), r => r.Method == "GET" && Uri.UnescapeDataString(r.Path).Contains("displayName eq 'O''Brien''s devices'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_name_is_a_plan_error_with_its_path_unless_creation_is_allowed()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddGroup("WHfB Pilot"));

        var refused = await Activity(harness).RunAsync(new ResolveRingGroupsInput([["WHfB Pilot"], ["WHfB Broad"]], CreateMissing: false), CancellationToken.None);

        var error = Assert.Single(refused.Errors);
        Assert.Equal("rings[1].groupNames[0]", error.Path);
        Assert.StartsWith("rings[1].groupNames[0]: no Entra group named 'WHfB Broad'", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(harness.GraphWrites());
        Assert.Single(harness.Intune.Groups());

        var created = await Activity(harness).RunAsync(new ResolveRingGroupsInput([["WHfB Pilot"], ["WHfB Broad: Ring #2 (Sales/Ops)"]], CreateMissing: true), CancellationToken.None);

        Assert.True(created.IsResolved, string.Join("\n", created.Errors));
        Assert.Equal(["WHfB Broad: Ring #2 (Sales/Ops)"], created.Created);
        var group = Assert.Single(harness.Intune.Groups(), g => g.DisplayName == "WHfB Broad: Ring #2 (Sales/Ops)");
        Assert.Equal(group.Id, created.GroupIds[group.DisplayName]);
        Assert.True(group.SecurityEnabled);
        Assert.False(group.MailEnabled);
        Assert.Equal("WHfB-Broad-Ring-2-SalesOps", group.MailNickname);
        Assert.Single(harness.GraphWrites());

        var again = await Activity(harness).RunAsync(new ResolveRingGroupsInput([["WHfB Pilot"], ["WHfB Broad: Ring #2 (Sales/Ops)"]], CreateMissing: true), CancellationToken.None);

        Assert.Empty(again.Created);
        Assert.Equal(group.Id, again.GroupIds[group.DisplayName]);
        Assert.Single(harness.GraphWrites());
        Assert.Equal(2, harness.Intune.Groups().Count);
    }

    [Fact]
    public async Task A_name_shared_by_two_groups_is_an_error_naming_both_and_nothing_is_created()
    {
        Guid first = default, second = default;
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            first = intune.AddGroup("WHfB Early");
            second = intune.AddGroup("whfb early");
        });

        var result = await Activity(harness).RunAsync(new ResolveRingGroupsInput([["WHfB Missing"], ["WHfB Early"]], CreateMissing: true), CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal("rings[1].groupNames[0]", error.Path);
        Assert.Contains("2 Entra groups are named 'WHfB Early'", error.Message, StringComparison.Ordinal);
        Assert.Contains(first.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(second.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Created);
        Assert.Empty(harness.GraphWrites());
    }

    [Fact]
    public async Task Resolved_ids_replace_the_plans_names()
    {
        Guid pilot = default;
        await using var harness = await RolloutHarness.StartAsync(intune => pilot = intune.AddGroup("WHfB Pilot"));
        var plan = RolloutPlanReader.Read(Plans.Plan("""{ "name": "pilot", "groupNames": ["WHfB Pilot"], "successThreshold": 0.9, "maxErrorShare": 0.05, "soak": "01:00:00", "verificationDeadline": "1.00:00:00", "requireApproval": false }""")).Plan!;

        var result = await Activity(harness).RunAsync(new ResolveRingGroupsInput([.. plan.Rings.Select(r => r.GroupNames ?? [])], plan.CreateMissingGroups), CancellationToken.None);

        Assert.Equal([pilot], plan.WithResolvedGroups(result.GroupIds).Rings[0].GroupIds);
    }

    [Fact]
    public async Task A_group_id_that_is_not_a_group_is_a_plan_error_with_its_path_and_no_name_is_created()
    {
        var known = new Guid("1e000000-0000-4000-8000-0000000000a1");
        var deleted = new Guid("1e000000-0000-4000-8000-0000000000d1");
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(known, 3));

        var result = await Activity(harness).RunAsync(
            new ResolveRingGroupsInput([[], ["WHfB Broad (new)"]], CreateMissing: true, [[known], [deleted, known]]), CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"rings[1].groupIds[0]: no Entra group has id {deleted} (a deleted group, a typo, or the id of a device or user rather than a group)", error.ToString());
        Assert.Empty(result.Created);
        Assert.Empty(harness.GraphWrites());
        Assert.Single(harness.GraphRequests(), r => r.Method == "GET" && r.Path.StartsWith($"/v1.0/groups/{known}", StringComparison.Ordinal)); // checked once although two rings name it
    }

    [Fact]
    public async Task A_rollout_whose_ring_names_a_missing_group_id_ends_as_an_invalid_plan_at_once_with_nothing_written()
    {
        var pilot = new Guid("1e000000-0000-4000-8000-0000000000a1");
        var missing = new Guid("1e000000-0000-4000-8000-0000000000d2");
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(pilot, 3));

        var report = await harness.RunAsync(Plans.Plan(Plans.Ring("pilot", pilot), Plans.Ring("broad", missing)), "missing-group-id");

        Assert.Equal(Core.Rollout.Workflow.RolloutOutcome.InvalidPlan, report.Outcome);
        Assert.Equal([$"rings[1].groupIds[0]: no Entra group has id {missing} (a deleted group, a typo, or the id of a device or user rather than a group)"], report.PlanErrors);
        Assert.Empty(harness.GraphWrites());
        Assert.Single(harness.GraphRequests(), r => r.Path.StartsWith($"/v1.0/groups/{missing}", StringComparison.Ordinal)); // a 404 is an answer, not retried
        Assert.DoesNotContain(harness.GraphRequests(), r => r.Path.Contains("embers", StringComparison.Ordinal)); // neither /members nor /transitiveMembers
    }

    [Theory]
    [InlineData("Pilot", "Pilot")]
    [InlineData("  ", "cloudtrust-ring")]
    [InlineData("Zürich ring", "Zrich-ring")]
    [InlineData("a@b (c)", "ab-c")]
    public void Mail_nicknames_keep_only_what_Entra_accepts(string name, string expected)
        => Assert.Equal(expected, MailNickname.From(name));

    [Fact]
    public void Long_names_give_nicknames_of_at_most_64_characters()
        => Assert.Equal(64, MailNickname.From(new string('x', 200)).Length);

    private static ResolveRingGroupsActivity Activity(RolloutHarness harness) => new(harness.Graph, NullLoggerFactory.Instance);
}
