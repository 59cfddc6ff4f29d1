using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Preview;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Core.Rollout.Workflow;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary><c>cloudtrust plan</c>'s engine against the simulated tenant: it says what a rollout would change and changes nothing.</summary>
public sealed class PlanPreviewTests
{
    private const string Marker = "[cloudtrust:whfb-cloud-kerberos-trust]";
    private static readonly Guid Pilot = new("d0000000-0000-4000-8000-000000000001");
    private static readonly Guid Early = new("d0000000-0000-4000-8000-000000000002");
    private static readonly Guid Broad = new("d0000000-0000-4000-8000-000000000003");
    private static readonly Guid HandAdded = new("d0000000-0000-4000-8000-0000000000ff");

    [Fact]
    public async Task A_drifted_tenant_is_previewed_section_by_section_and_nothing_is_written()
    {
        string ours = string.Empty;
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 40, new FleetMix { OldBuild = 0.25, NeverChecksIn = 0.15 });
            intune.AddDeviceGroup(Early, 40, new FleetMix { NoMfa = 0.3, PrivilegedUser = 0.15 });
            intune.AddDeviceGroup(Broad, 20);
            intune.AddEmptyGroup(HandAdded);
            ours = intune.AddPolicy(
                Plans.ProfileName,
                $"Windows Hello for Business cloud Kerberos trust, managed by CloudTrust. {Marker}",
                new Dictionary<string, bool> { [WhfbSettingIds.UsePassportForWork] = true, [WhfbSettingIds.UseCloudTrustForOnPremAuth] = true, [WhfbSettingIds.RequireSecurityDevice] = false },
                [Pilot, HandAdded]);
            intune.AddPolicy("Legacy WHfB certificate trust", "made by hand", new Dictionary<string, bool> { [WhfbSettingIds.UseCertificateForOnPremAuth] = true }, [Early]);
        });
        harness.Kerberos.AddUnhealthy("apac.contoso.example", "KeyVersion 7 != CloudKeyVersion 5");
        var plan = ThreeDomains(Plans.Plan(Plans.Ring("pilot", Pilot), Plans.Ring("early", Early), Plans.Ring("broad", Broad)));
        var policiesBefore = Snapshot(harness.Intune);

        var preview = await harness.Preview().PreviewAsync(plan, CancellationToken.None);

        Assert.True(preview.IsValid, string.Join("\n", preview.PlanErrors));

        var profile = preview.Profile!;
        Assert.Equal(ProfileChange.Update, profile.Change);
        Assert.Equal(ours, profile.PolicyId);
        var setting = Assert.Single(profile.Settings);
        Assert.Equal(new SettingDifference(WhfbSettingIds.RequireSecurityDevice, WhfbSettingIds.Option(WhfbSettingIds.RequireSecurityDevice, false), WhfbSettingIds.Option(WhfbSettingIds.RequireSecurityDevice, true)), setting);

        var rings = preview.Assignments!.Rings;
        Assert.Equal(["pilot", "early", "broad"], rings.Select(r => r.Ring));
        Assert.Empty(rings[0].GroupsToAdd);
        Assert.Equal([Pilot], rings[0].AlreadyAssigned);
        Assert.Equal([Early], rings[1].GroupsToAdd);
        Assert.Equal([Broad], rings[2].GroupsToAdd);
        Assert.Equal([HandAdded], preview.Assignments.HandAddedGroups);

        var kerberos = preview.Kerberos!.Domains.ToDictionary(d => d.Domain, d => d);
        Assert.Equal(KerberosServerState.Healthy, kerberos["corp.contoso.example"].State);
        Assert.Equal(KerberosServerState.Missing, kerberos["emea.contoso.example"].State);
        Assert.Equal(KerberosServerState.Unhealthy, kerberos["apac.contoso.example"].State);
        Assert.Contains("KeyVersion 7", kerberos["apac.contoso.example"].Detail, StringComparison.Ordinal);
        Assert.Equal(["emea.contoso.example"], preview.Kerberos.ToCreate);

        var conflict = Assert.Single(preview.Conflicts!.Policies);
        Assert.Equal("Legacy WHfB certificate trust", conflict.PolicyName);
        Assert.Equal([Early], conflict.GroupIds);
        Assert.Contains(conflict.Reasons, r => r.Contains("UseCertificateForOnPremAuth", StringComparison.Ordinal));
        Assert.Equal(1, preview.Conflicts.PoliciesExamined);

        Assert.Contains(preview.Blockers, b => b.Contains("Legacy WHfB certificate trust", StringComparison.Ordinal));
        Assert.Contains(preview.Blockers, b => b.Contains("apac.contoso.example", StringComparison.Ordinal));
        Assert.DoesNotContain(preview.Blockers, b => b.Contains("emea.contoso.example", StringComparison.Ordinal));

        var readiness = preview.Readiness!.Rings;
        Assert.Equal(["pilot", "early", "broad"], readiness.Select(r => r.Ring));
        AssertReadinessMatchesFleet(harness.Intune, Pilot, readiness[0]);
        AssertReadinessMatchesFleet(harness.Intune, Early, readiness[1]);
        AssertReadinessMatchesFleet(harness.Intune, Broad, readiness[2]);
        Assert.Contains(readiness[0].DeviceReasons, r => r.Reason == ReadinessReasons.OldBuild && r.Count > 0 && r.Example.Contains("older than 19044", StringComparison.Ordinal));
        Assert.Contains(readiness[0].DeviceReasons, r => r.Reason == ReadinessReasons.Stale && r.Count > 0);
        Assert.Contains(readiness[1].UserReasons, r => r.Reason == ReadinessReasons.NoMfa && r.Count > 0);
        Assert.Contains(readiness[1].UserReasons, r => r.Reason == ReadinessReasons.PrivilegedUser && r.Count > 0);
        Assert.Equal(0, readiness[2].DevicesNotReady + readiness[2].UsersNotReady);

        Assert.NotEmpty(harness.GraphRequests());
        Assert.Empty(harness.GraphWrites());
        Assert.All(harness.GraphRequests(), r => Assert.Equal("GET", r.Method));
        Assert.Equal(policiesBefore, Snapshot(harness.Intune));
    }

    [Fact]
    public async Task A_fresh_tenant_previews_what_the_rollout_then_does()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 10));
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot));

        var preview = await harness.Preview().PreviewAsync(plan, CancellationToken.None);

        Assert.Empty(harness.GraphWrites());
        Assert.Equal(ProfileChange.Create, preview.Profile!.Change);
        Assert.Null(preview.Profile.PolicyId);
        Assert.Equal(WhfbPolicySettings.Desired(true).Choices.Keys.Order(StringComparer.Ordinal), preview.Profile.Settings.Select(s => s.SettingId));
        Assert.All(preview.Profile.Settings, s => Assert.Null(s.Existing));
        Assert.Equal([Pilot], Assert.Single(preview.Assignments!.Rings).GroupsToAdd);
        Assert.Empty(preview.Blockers);

        var report = await harness.RunAsync(plan, "after-preview-1");

        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        Assert.Equal(ProfileAction.Created, report.ProfileAction);
        var policy = Assert.Single(harness.Intune.Policies());
        Assert.Equal(preview.Profile.Settings.ToDictionary(s => s.SettingId, s => s.Planned!), policy.Choices.ToDictionary(c => c.Key, c => c.Value));
        Assert.Equal(preview.Assignments.Rings[0].GroupsToAdd, report.Rings[0].Added);
        var ring = preview.Readiness!.Rings[0];
        Assert.Equal((ring.Devices, ring.DevicesNotReady, ring.Users, ring.UsersNotReady), (report.Rings[0].Readiness!.Devices, report.Rings[0].Readiness!.DevicesNotReady, report.Rings[0].Readiness!.Users, report.Rings[0].Readiness!.UsersNotReady));

        var again = await harness.Preview().PreviewAsync(plan, CancellationToken.None);
        Assert.Equal(ProfileChange.None, again.Profile!.Change);
        Assert.Empty(again.Profile.Settings);
        Assert.Equal([Pilot], again.Assignments!.Rings[0].AlreadyAssigned);
        Assert.Empty(again.Assignments.Rings[0].GroupsToAdd);
    }

    [Fact]
    public async Task A_custom_OMA_URI_profile_is_previewed_by_OMA_URI_through_the_v1_API()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 10));
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot))
            .Replace("\"profileName\"", "\"profileMode\": \"customOmaUri\", \"requireSecurityDevice\": false, \"profileName\"", StringComparison.Ordinal);
        var report = await harness.RunAsync(plan, "oma-preview-1");
        Assert.Equal(RolloutOutcome.Completed, report.Outcome);
        var writes = harness.GraphWrites().Count;
        var configuration = Assert.Single(harness.Intune.CustomConfigurations());

        var preview = await harness.Preview().PreviewAsync(plan.Replace("\"requireSecurityDevice\": false", "\"requireSecurityDevice\": true", StringComparison.Ordinal), CancellationToken.None);

        Assert.Equal(ProfileChange.Update, preview.Profile!.Change);
        Assert.Equal(configuration.Id, preview.Profile.PolicyId);
        var root = $"./Device/Vendor/MSFT/PassportForWork/{RolloutHarness.TenantId}/Policies/";
        Assert.Equal(new SettingDifference(root + "RequireSecurityDevice", "false", "true"), Assert.Single(preview.Profile.Settings));
        Assert.Equal([Pilot], Assert.Single(preview.Assignments!.Rings).AlreadyAssigned);
        Assert.Equal(writes, harness.GraphWrites().Count);
        var after = Assert.Single(harness.Intune.CustomConfigurations());
        Assert.Equal(configuration.SettingsJson, after.SettingsJson);
        Assert.Equal(configuration.AssignedGroups.Order(), after.AssignedGroups.Order());
        Assert.Equal("false", after.Choices[root + "RequireSecurityDevice"]);
    }

    [Fact]
    public async Task An_invalid_plan_is_answered_with_path_precise_errors_before_any_Graph_request()
    {
        await using var harness = await RolloutHarness.StartAsync(intune => intune.AddDeviceGroup(Pilot, 5));
        var plan = Plans.Plan(Plans.Ring("pilot", Pilot)).Replace(Pilot.ToString(), "not-a-guid", StringComparison.Ordinal).Replace("corp.contoso.example", "corp..example", StringComparison.Ordinal);
        var otherTenant = Plans.Plan(Plans.Ring("pilot", Pilot)).Replace(RolloutHarness.TenantId.ToString(), "0f0f0f0f-0000-4000-8000-000000000000", StringComparison.Ordinal);

        var invalid = await harness.Preview().PreviewAsync(plan, CancellationToken.None);
        var wrongTenant = await harness.Preview().PreviewAsync(otherTenant, CancellationToken.None);

        Assert.False(invalid.IsValid);
        Assert.Contains("rings[0].groupIds[0]: not a GUID", invalid.PlanErrors.Select(e => e.ToString()));
        Assert.Contains("domains[0]: not a DNS name", invalid.PlanErrors.Select(e => e.ToString()));
        Assert.Null(invalid.Profile);
        Assert.Null(invalid.Readiness);
        Assert.Equal("tenantId", Assert.Single(wrongTenant.PlanErrors).Path);
        Assert.Empty(harness.GraphRequests());
    }

    private static string ThreeDomains(string plan)
        => plan.Replace("\"domains\": [\"corp.contoso.example\"]", "\"domains\": [\"corp.contoso.example\", \"emea.contoso.example\", \"apac.contoso.example\"]", StringComparison.Ordinal);

    private static List<string> Snapshot(SimulatedIntune intune)
        => [.. intune.Policies().OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => $"{p.Id}|{p.Name}|{p.Description}|{p.SettingsJson}|{string.Join(",", p.AssignedGroups.Order())}")];

    /// <summary>The preview's counts against the simulator's own facts about the group's devices and users.</summary>
    private static void AssertReadinessMatchesFleet(SimulatedIntune intune, Guid group, RingReadinessPreview ring)
    {
        Assert.True(intune.TryGetGroup(group, out var members));
        int Count(string reason, IReadOnlyList<ReasonCount> counts) => counts.SingleOrDefault(c => c.Reason == reason)?.Count ?? 0;

        Assert.Equal(members.Count, ring.Devices);
        Assert.Equal(members.Count(d => d.Build < 19044 || d.NeverChecksIn), ring.DevicesNotReady);
        Assert.Equal(members.Count(d => d.Build < 19044), Count(ReadinessReasons.OldBuild, ring.DeviceReasons));
        Assert.Equal(members.Count(d => d.NeverChecksIn), Count(ReadinessReasons.Stale, ring.DeviceReasons));
        Assert.Equal(members.Count, ring.Users);
        Assert.Equal(members.Count(d => !d.User.IsMfaRegistered || d.User.IsAdmin), ring.UsersNotReady);
        Assert.Equal(members.Count(d => !d.User.IsMfaRegistered), Count(ReadinessReasons.NoMfa, ring.UserReasons));
        Assert.Equal(members.Count(d => d.User.IsAdmin), Count(ReadinessReasons.PrivilegedUser, ring.UserReasons));
    }
}
