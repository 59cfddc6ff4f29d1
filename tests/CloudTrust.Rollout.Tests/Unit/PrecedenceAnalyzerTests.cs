using CloudTrust.Core.Precedence;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class PrecedenceAnalyzerTests
{
    private static readonly HelloSource Ours = new(HelloSourceKind.DevicePolicy, HelloScope.Device, "ours", "WHfB cloud trust", true, true, null, IsOurs: true);

    [Fact]
    public void A_ring_with_nothing_configured_gets_cloud_trust_from_the_profile()
    {
        var report = PrecedenceAnalyzer.Analyze("pilot", [], Ours);

        Assert.Equal(TrustModel.None, report.Current.Model);
        Assert.Equal(TrustModel.CloudTrust, report.Planned);
        Assert.False(report.Blocked);
        Assert.Equal(Ours, report.Of(HelloSetting.UseCloudTrustForOnPremAuth).Winner);
        Assert.Contains(report.Findings, f => f.Message.StartsWith("cloud trust comes from the rollout's profile", StringComparison.Ordinal));
    }

    [Fact]
    public void Tenant_wide_disabled_blocks_because_nothing_provisions()
    {
        var tenant = new HelloSource(HelloSourceKind.TenantWide, HelloScope.Tenant, "tenant", "All users and all devices", false, null, null);

        var report = PrecedenceAnalyzer.Analyze("pilot", [tenant], Ours);

        Assert.True(report.Blocked);
        Assert.Equal(tenant, report.Of(HelloSetting.UsePassportForWork).Winner);
        Assert.Equal(TrustModel.None, report.Planned);
        var block = Assert.Single(report.Findings, f => f.Severity == PrecedenceSeverity.Block);
        Assert.Equal("the tenant-wide WHfB enrollment configuration disables Windows Hello for Business: nothing provisions until it is enabled or set to not configured", block.Message);
    }

    [Fact]
    public void Tenant_wide_enabled_means_only_cloud_trust_is_required()
    {
        var tenant = new HelloSource(HelloSourceKind.TenantWide, HelloScope.Tenant, "tenant", "All users and all devices", true, null, null);

        var report = PrecedenceAnalyzer.Analyze("pilot", [tenant], Ours);

        Assert.False(report.Blocked);
        Assert.Equal(TrustModel.KeyTrust, report.Current.Model);
        Assert.Equal(TrustModel.CloudTrust, report.Planned);
        Assert.Contains(report.Findings, f => f.Severity == PrecedenceSeverity.Info && f.Message.Contains("only the cloud-trust setting is required", StringComparison.Ordinal));
        Assert.Equal(tenant, report.Of(HelloSetting.UsePassportForWork).Winner);
        Assert.Equal([Ours], report.Of(HelloSetting.UsePassportForWork).Shadowed);
    }

    [Fact]
    public void A_user_scoped_policy_turning_hello_off_shadows_the_device_cloud_trust_setting()
    {
        var user = new HelloSource(HelloSourceKind.UserPolicy, HelloScope.User, "u1", "WHfB users off", false, null, null);

        var report = PrecedenceAnalyzer.Analyze("broad", [user], Ours);

        Assert.True(report.Blocked);
        Assert.Equal(user, report.Of(HelloSetting.UsePassportForWork).Winner);
        Assert.Contains(report.Findings, f => f is { Severity: PrecedenceSeverity.Block } && f.Message == "user-scoped policy 'WHfB users off' turns Windows Hello for Business off and wins over the device-scoped cloud-trust setting");
        Assert.Contains(report.Findings, f => f is { Severity: PrecedenceSeverity.Block } && f.Message == "the rollout's profile is the only cloud-trust source and it would be shadowed by user-scoped policy 'WHfB users off'");
    }

    [Fact]
    public void A_user_scoped_cloud_trust_value_has_no_effect_and_is_flagged()
    {
        var user = new HelloSource(HelloSourceKind.UserPolicy, HelloScope.User, "u1", "WHfB users", true, true, null);

        var report = PrecedenceAnalyzer.Analyze("pilot", [user], planned: null);

        Assert.Equal(TrustModel.KeyTrust, report.Current.Model);
        Assert.Null(report.Of(HelloSetting.UseCloudTrustForOnPremAuth).Winner);
        Assert.Contains(report.Findings, f => f.Message == "user-scoped policy 'WHfB users' sets UseCloudTrustForOnPremAuth, which exists only for devices: it has no effect");
    }

    [Fact]
    public void A_gpo_covering_the_ring_means_intune_is_ignored()
    {
        var gpo = new HelloSource(HelloSourceKind.GroupPolicy, HelloScope.Device, "{31B2F340}", "WHfB key trust", true, null, null, Where: "OU=Pilot,DC=contoso,DC=com");

        var report = PrecedenceAnalyzer.Analyze("pilot", [gpo], Ours);

        Assert.True(report.IntuneIgnored);
        Assert.True(report.Blocked);
        Assert.Equal(TrustModel.KeyTrust, report.Planned);
        Assert.Equal(gpo, report.Of(HelloSetting.UsePassportForWork).Winner);
        Assert.Null(report.Of(HelloSetting.UseCloudTrustForOnPremAuth).Winner);
        Assert.Contains(report.Findings, f => f.Message.StartsWith("Intune will be ignored: Group Policy configures WHfB here (GPO 'WHfB key trust' linked at OU=Pilot,DC=contoso,DC=com)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gpo_that_already_enables_cloud_trust_is_a_warning_not_a_block()
    {
        var gpo = new HelloSource(HelloSourceKind.GroupPolicy, HelloScope.Device, "g", "WHfB cloud", true, true, null);

        var report = PrecedenceAnalyzer.Analyze("pilot", [gpo], Ours);

        Assert.False(report.Blocked);
        Assert.True(report.IntuneIgnored);
        Assert.Equal(TrustModel.CloudTrust, report.Current.Model);
        Assert.Contains(report.Findings, f => f.Severity == PrecedenceSeverity.Warning && f.Message.Contains("Intune will be ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Certificate_trust_wins_and_blocks_until_a_migration_turns_it_off()
    {
        var certificate = new HelloSource(HelloSourceKind.DevicePolicy, HelloScope.Device, "cert", "WHfB certificate trust", true, null, true);

        var blocked = PrecedenceAnalyzer.Analyze("finance", [certificate], Ours);
        var migrating = PrecedenceAnalyzer.Analyze("finance", [certificate], Ours, new HashSet<string> { "cert" });

        Assert.Equal(TrustModel.CertificateTrust, blocked.Current.Model);
        Assert.Equal(TrustModel.CertificateTrust, blocked.Planned);
        Assert.Contains(blocked.Findings, f => f is { Severity: PrecedenceSeverity.Block } && f.Message.StartsWith("certificate trust wins over cloud trust: device-scoped policy 'WHfB certificate trust'", StringComparison.Ordinal));
        Assert.False(migrating.Blocked);
        Assert.Equal(TrustModel.CertificateTrust, migrating.Current.Model);
        Assert.Equal(TrustModel.CloudTrust, migrating.Planned);
        Assert.Contains(migrating.Findings, f => f.Message == "device-scoped policy 'WHfB certificate trust' is turned off for this ring by the migration before cloud trust is enabled");
    }

    [Fact]
    public void Two_device_sources_that_disagree_are_a_conflict_and_neither_applies()
    {
        var off = new HelloSource(HelloSourceKind.CustomOmaUri, HelloScope.Device, "oma", "Legacy WHfB", true, false, null);

        var report = PrecedenceAnalyzer.Analyze("pilot", [off], Ours);

        Assert.Null(report.Of(HelloSetting.UseCloudTrustForOnPremAuth).Value);
        Assert.Contains(report.Findings, f => f.Severity == PrecedenceSeverity.Warning && f.Message.StartsWith("UseCloudTrustForOnPremAuth: ", StringComparison.Ordinal) && f.Message.EndsWith("a conflict, so neither applies", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f is { Severity: PrecedenceSeverity.Block } && f.Message == "the rollout's profile is the only cloud-trust source and it would be shadowed by a conflict");
        Assert.Equal(TrustModel.KeyTrust, report.Planned);
    }

    [Fact]
    public void Registrations_without_a_policy_read_as_key_trust_from_an_earlier_configuration()
    {
        var report = PrecedenceAnalyzer.Analyze("pilot", [], Ours, evidence: new TrustModelEvidence(12, 0, 0));

        Assert.Equal(TrustModel.KeyTrust, report.Current.Model);
        Assert.Contains("12 user(s) have it registered", report.Current.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_are_listed_strongest_first()
    {
        var device = new HelloSource(HelloSourceKind.DevicePolicy, HelloScope.Device, "d", "Device WHfB", true, null, null);
        var user = new HelloSource(HelloSourceKind.UserPolicy, HelloScope.User, "u", "User WHfB", true, null, null);
        var tenant = new HelloSource(HelloSourceKind.TenantWide, HelloScope.Tenant, "t", "tenant", true, null, null);

        var report = PrecedenceAnalyzer.Analyze("pilot", [device, Ours, user, tenant], Ours);

        Assert.Equal(["t", "u", "d", "ours"], report.Sources.Select(s => s.Id));
    }
}
