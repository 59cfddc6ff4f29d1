using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Precedence;

namespace CloudTrust.Agent.Tests;

/// <summary>The pure mapping from listed GPOs to precedence sources, and which of them cover a ring's devices.</summary>
public sealed class HelloGroupPolicyCoverageTests
{
    private static readonly PassportForWorkValues CloudTrust = new(Enabled: true, UseCloudTrustForOnPremAuth: true);

    private static HelloGroupPolicy Gpo(string name, PassportForWorkValues? computer = null, PassportForWorkValues? user = null, bool computerSide = true, IReadOnlyList<string>? filtering = null, params GroupPolicyLink[] links)
        => new(Guid.NewGuid(), name, computerSide, true, computer ?? PassportForWorkValues.None, user ?? PassportForWorkValues.None, links, filtering ?? ["Authenticated Users"]);

    private static GroupPolicyLink Link(string target, bool enabled = true, bool truncated = false, params string[] computers)
        => new(target, enabled, false, computers, truncated);

    [Fact]
    public void Each_enabled_side_with_a_trust_model_value_becomes_one_source_naming_its_enabled_links()
    {
        var gpo = Gpo(
            "WHfB both sides",
            computer: CloudTrust,
            user: new PassportForWorkValues(UseCertificateForOnPremAuth: true),
            links: [Link("OU=Pilot,DC=contoso,DC=com", computers: "PC01"), Link("OU=Old,DC=contoso,DC=com", enabled: false), Link("OU=Lab,DC=contoso,DC=com")]);

        var sources = HelloGroupPolicySources.From([gpo]);

        Assert.Equal([HelloScope.Device, HelloScope.User], sources.Select(s => s.Scope));
        Assert.All(sources, s =>
        {
            Assert.Equal(HelloSourceKind.GroupPolicy, s.Kind);
            Assert.Equal(gpo.Id.ToString(), s.Id);
            Assert.Equal("OU=Pilot,DC=contoso,DC=com; OU=Lab,DC=contoso,DC=com", s.Where);
        });
        Assert.True(sources[0].UseCloudTrustForOnPremAuth);
        Assert.True(sources[1].UseCertificateForOnPremAuth);
        Assert.Null(sources[1].UsePassportForWork);
    }

    [Fact]
    public void Disabled_sides_unlinked_gpos_and_tpm_only_gpos_are_no_sources()
    {
        var sources = HelloGroupPolicySources.From(
        [
            Gpo("computer side off", computer: CloudTrust, computerSide: false, links: Link("OU=A,DC=contoso,DC=com")),
            Gpo("only disabled links", computer: CloudTrust, links: Link("OU=A,DC=contoso,DC=com", enabled: false)),
            Gpo("TPM only", computer: new PassportForWorkValues(RequireSecurityDevice: true), links: Link("OU=A,DC=contoso,DC=com")),
        ]);

        Assert.Empty(sources);
    }

    [Fact]
    public void Ring_devices_are_covered_by_the_links_above_them_whatever_the_case_or_dns_suffix()
    {
        var pilot = Gpo("Pilot", computer: CloudTrust, links: [Link("OU=Pilot,DC=contoso,DC=com", computers: ["PC01", "PC02"]), Link("OU=Lab,DC=contoso,DC=com", computers: "LAB1")]);
        var finance = Gpo("Finance", computer: new PassportForWorkValues(Enabled: false), links: Link("OU=Finance,DC=contoso,DC=com", computers: "FIN01"));

        var coverage = HelloGroupPolicySources.Covering([pilot, finance], ["pc02.contoso.com", "PC99"]);

        var source = Assert.Single(coverage.Sources);
        Assert.Equal("Pilot", source.Name);
        Assert.Equal("OU=Pilot,DC=contoso,DC=com", source.Where);
        Assert.Empty(coverage.Uncertain);
        Assert.Empty(HelloGroupPolicySources.Covering([pilot, finance], ["PC99"]).Sources);
    }

    [Fact]
    public void User_side_truncated_lists_and_narrow_security_filtering_are_uncertain_not_covering()
    {
        var userSide = Gpo("User WHfB", user: new PassportForWorkValues(Enabled: true), links: Link("DC=contoso,DC=com", computers: "PC01"));
        var truncated = Gpo("Big OU", computer: CloudTrust, links: Link("OU=Big,DC=contoso,DC=com", truncated: true, computers: "PC00001"));
        var filtered = Gpo("Filtered", computer: CloudTrust, filtering: ["WHfB Devices"], links: Link("OU=Pilot,DC=contoso,DC=com", computers: "PC01"));

        var coverage = HelloGroupPolicySources.Covering([userSide, truncated, filtered], ["PC01"]);

        Assert.Empty(coverage.Sources);
        Assert.Equal(["User WHfB", "Big OU", "Filtered"], coverage.Uncertain.Select(u => u.Source.Name));
        Assert.Equal(HelloScope.User, coverage.Uncertain[0].Source.Scope);
        Assert.Contains("5,000", coverage.Uncertain[1].Reason, StringComparison.Ordinal);
        Assert.Contains("WHfB Devices", coverage.Uncertain[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_covering_gpo_makes_the_precedence_analysis_ignore_intune()
    {
        var gpo = Gpo("Key trust GPO", computer: new PassportForWorkValues(Enabled: true), links: Link("OU=Pilot,DC=contoso,DC=com", computers: "PC01"));
        var planned = new HelloSource(HelloSourceKind.DevicePolicy, HelloScope.Device, "profile-1", "CloudTrust WHfB", true, true, false, IsOurs: true);

        var report = PrecedenceAnalyzer.Analyze("pilot", HelloGroupPolicySources.Covering([gpo], ["PC01"]).Sources, planned);

        Assert.True(report.IntuneIgnored);
        Assert.True(report.Blocked);
        Assert.Contains(report.Findings, f => f.Message.Contains("GPO 'Key trust GPO' linked at OU=Pilot,DC=contoso,DC=com", StringComparison.Ordinal));
    }
}
