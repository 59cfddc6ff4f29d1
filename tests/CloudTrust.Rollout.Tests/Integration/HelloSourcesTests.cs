using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Integrations.Rollout;
using CloudTrust.Integrations.TicketProbe;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Simulator.Graph;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Rollout.Tests.Integration;

/// <summary><see cref="ReadHelloSourcesActivity"/> through the real Graph SDK against the simulated tenant, fed to the Core analyzer.</summary>
public sealed class HelloSourcesTests
{
    private static readonly Guid Pilot = new("c1000000-0000-4000-8000-000000000001");
    private static readonly Guid Other = new("c1000000-0000-4000-8000-000000000002");

    [Fact]
    public async Task A_tenant_wide_configuration_that_disables_hello_is_read_and_the_analyzer_blocks_with_that_reason()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 10);
            intune.AddTenantWideHello("disabled");
        });

        var result = await ReadAsync(harness, new HelloSourcesInput([[Pilot]]));

        var tenant = Assert.Single(result.Sources);
        Assert.Equal(HelloSourceKind.TenantWide, tenant.Kind);
        Assert.Equal(HelloScope.Tenant, tenant.Scope);
        Assert.False(tenant.UsePassportForWork);
        var report = PrecedenceAnalyzer.Analyze("pilot", result.Sources, Planned("ours"), evidence: result.Evidence);
        Assert.True(report.Blocked);
        Assert.Contains(report.Findings, f => f.Severity == PrecedenceSeverity.Block && f.Message.StartsWith("the tenant-wide WHfB enrollment configuration disables Windows Hello for Business", StringComparison.Ordinal));
        Assert.Empty(harness.GraphWrites());
        Assert.Contains(harness.GraphRequests(), r => r.Path.StartsWith("/v1.0/deviceManagement/deviceEnrollmentConfigurations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_scoped_policy_turning_hello_off_shadows_the_rollouts_profile_and_unassigned_or_silent_policies_are_left_out()
    {
        string ours = string.Empty, userOff = string.Empty, accountProtection = string.Empty;
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 10);
            intune.AddDeviceGroup(Other, 5);
            userOff = intune.AddHelloPolicy("WHfB users off", HelloScope.User, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = false }, [Pilot]);
            accountProtection = intune.AddHelloPolicy("Account protection", HelloScope.Device, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = true }, [Pilot], "endpointSecurityAccountProtection");
            intune.AddHelloPolicy("Elsewhere", HelloScope.Device, new Dictionary<HelloSetting, bool> { [HelloSetting.UseCertificateForOnPremAuth] = true }, [Other]);
            intune.AddPolicy("Kerberos only", "not WHfB", new Dictionary<string, bool> { ["device_vendor_msft_policy_config_kerberos_cloudkerberosticketretrievalenabled"] = true }, [Pilot]);
        });
        var profile = await new EnsureProfileActivity(harness.Graph, NullLoggerFactory.Instance).RunAsync(new EnsureProfileInput(ProfileMode.SettingsCatalog, Plans.ProfileName, true, RolloutHarness.TenantId), CancellationToken.None);
        await new AssignGroupsActivity(harness.Graph, NullLoggerFactory.Instance).RunAsync(new AssignGroupsInput(ProfileMode.SettingsCatalog, profile.PolicyId, [Pilot], []), CancellationToken.None);
        ours = profile.PolicyId;
        var writes = harness.GraphWrites().Count;

        var result = await ReadAsync(harness, new HelloSourcesInput([[Pilot]], ours));

        Assert.Equal(writes, harness.GraphWrites().Count);
        Assert.Equal(
            [(HelloSourceKind.TenantWide, "All users and all devices"), (HelloSourceKind.UserPolicy, "WHfB users off"), (HelloSourceKind.DevicePolicy, Plans.ProfileName), (HelloSourceKind.AccountProtection, "Account protection")],
            result.Sources.OrderBy(s => s.Rank).ThenBy(s => s.Kind).Select(s => (s.Kind, s.Name)));
        var user = Assert.Single(result.Sources, s => s.Id == userOff);
        Assert.Equal((HelloScope.User, (bool?)false, (bool?)null), (user.Scope, user.UsePassportForWork, user.UseCertificateForOnPremAuth));
        Assert.True(Assert.Single(result.Sources, s => s.Id == ours).IsOurs);
        Assert.Equal(HelloScope.Device, Assert.Single(result.Sources, s => s.Id == accountProtection).Scope);
        Assert.Null(Assert.Single(result.Sources, s => s.Kind == HelloSourceKind.TenantWide).UsePassportForWork);
        Assert.All(result.Assignments, a => Assert.Equal([Pilot], a.GroupIds));

        var report = PrecedenceAnalyzer.Analyze("pilot", result.Sources, Planned(ours));
        Assert.True(report.Blocked);
        Assert.Equal(userOff, report.Of(HelloSetting.UsePassportForWork).Winner!.Id);
        Assert.Contains(report.Findings, f => f.Message == "the rollout's profile is the only cloud-trust source and it would be shadowed by user-scoped policy 'WHfB users off'");
    }

    [Fact]
    public async Task Users_with_hello_make_a_key_trust_ring_and_only_the_rings_devices_count_as_probed()
    {
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 10);
            intune.AddDeviceGroup(Other, 6);
            intune.RegisterHello(Pilot, 4);
            intune.RegisterHello(Other, 6);
            intune.AddTenantWideHello("enabled");
        });
        var probe = new TicketProbeDeployment(harness.Graph);
        var scriptId = await probe.DeployAsync([Pilot, Other], CancellationToken.None);
        using (var safety = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while ((await probe.ReadAsync(scriptId, 0, safety.Token)).Reported < 16)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), safety.Token);
            }
        }

        var writes = harness.GraphWrites().Count;
        var result = await ReadAsync(harness, new HelloSourcesInput([[Pilot]], TicketProbeScriptId: scriptId));

        Assert.Equal(new TrustModelEvidence(4, 10, 0), result.Evidence);
        Assert.Equal(new TrustModelEvidence(4, 10, 0), (await ReadAsync(harness, new HelloSourcesInput([[Pilot]], FindTicketProbe: true))).Evidence);
        Assert.Equal(new TrustModelEvidence(4, 0, 0), (await ReadAsync(harness, new HelloSourcesInput([[Pilot]]))).Evidence);
        Assert.Equal(writes, harness.GraphWrites().Count);
        var report = PrecedenceAnalyzer.Analyze("pilot", result.Sources, null, evidence: result.Evidence);
        Assert.Equal(TrustModel.KeyTrust, report.Current.Model);
        Assert.Equal("tenant-wide WHfB enrollment configuration enables WHfB without certificate or cloud trust", report.Current.Basis);
    }

    [Fact]
    public async Task Three_rings_are_read_in_one_pass_and_each_gets_only_the_sources_assigned_to_its_groups()
    {
        var early = new Guid("c1000000-0000-4000-8000-000000000003");
        var broad = new Guid("c1000000-0000-4000-8000-000000000004");
        string keyTrust = string.Empty, certificate = string.Empty;
        await using var harness = await RolloutHarness.StartAsync(intune =>
        {
            intune.AddDeviceGroup(Pilot, 150);
            intune.AddDeviceGroup(early, 120);
            intune.AddDeviceGroup(broad, 130);
            intune.AddTenantWideHello("enabled");
            keyTrust = intune.AddHelloPolicy("WHfB key trust", HelloScope.Device, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = true }, [early, broad]);
            certificate = intune.AddCustomHelloConfiguration("WHfB certificate trust", HelloScope.Device, RolloutHarness.TenantId, new Dictionary<HelloSetting, bool> { [HelloSetting.UseCertificateForOnPremAuth] = true }, [broad]);
            intune.RegisterHello(early, 7);
        });

        var activity = new ReadHelloSourcesActivity(harness.Graph, null, harness.Clock, NullLoggerFactory.Instance);
        await activity.RunAsync(new HelloSourcesInput([[broad]]), CancellationToken.None); // the ring every source reaches
        var oneRing = TenantReads(harness);
        var reading = await activity.RunAsync(new HelloSourcesInput([[Pilot], [early], [broad, Pilot]]), CancellationToken.None);
        var threeRings = TenantReads(harness) - oneRing;

        Assert.Equal(3, reading.Rings.Count);
        Assert.Equal([HelloSourceKind.TenantWide], reading.Rings[0].Sources.Select(s => s.Kind));
        Assert.Equal([keyTrust], reading.Rings[1].Assignments.Select(a => a.SourceId));
        Assert.Equal([early], reading.Rings[1].Assignments[0].GroupIds);
        Assert.Equal(new[] { keyTrust, certificate }.Order(), reading.Rings[2].Assignments.Select(a => a.SourceId).Order());
        Assert.All(reading.Rings[2].Assignments, a => Assert.Equal([broad], a.GroupIds));
        Assert.Equal(7, reading.Rings[1].Evidence.UsersWithHello);
        Assert.Equal(0, reading.Rings[0].Evidence.UsersWithHello);
        Assert.Equal(new TrustModelEvidence(7, 0, 0), reading.Rings[1].Evidence);

        // One pass: three rings cost the tenant-wide reads of one (managed devices, registrations, policies, profiles).
        Assert.True(oneRing > 0);
        Assert.Equal(oneRing, threeRings);
        Assert.Empty(harness.GraphWrites());
    }

    /// <summary>Graph requests so far for tenant-wide lists (everything but a group's member list).</summary>
    private static int TenantReads(RolloutHarness harness) => harness.GraphRequests().Count(r => !r.Path.Contains("/members", StringComparison.Ordinal) && !r.Path.Contains("/transitiveMembers/", StringComparison.Ordinal));

    /// <summary>Reads a one-ring input and answers that ring's result.</summary>
    internal static async Task<HelloSourcesResult> ReadAsync(RolloutHarness harness, HelloSourcesInput input)
        => Assert.Single((await new ReadHelloSourcesActivity(harness.Graph, null, harness.Clock, NullLoggerFactory.Instance).RunAsync(input, CancellationToken.None)).Rings);

    internal static HelloSource Planned(string id) => new(HelloSourceKind.DevicePolicy, HelloScope.Device, id, Plans.ProfileName, true, true, null, IsOurs: true);
}
