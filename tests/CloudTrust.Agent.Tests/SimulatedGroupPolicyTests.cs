using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Agent.Operations;
using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Agent.Tests;

/// <summary>Seeding GPOs into the simulated AD: persisted, checked, and the per-link computer cap.</summary>
public sealed class SimulatedGroupPolicyTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cloudtrust-gpo-" + Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(directory, "ad.json");

    private SimulatedActiveDirectory Open()
    {
        var seeded = File.Exists(FilePath);
        var ad = new SimulatedActiveDirectory(FilePath, TimeProvider.System);
        if (!seeded)
        {
            foreach (var domain in SimulatedActiveDirectory.DemoForest())
            {
                ad.AddDomain(domain);
            }
        }

        return ad;
    }

    private static Task<KerberosOperationResult> List(SimulatedActiveDirectory ad, string domain = "contoso.com")
        => new KerberosOperationDispatcher(ad, new RotationJournal(Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid().ToString("N") + ".json")), TimeProvider.System, NullLogger<KerberosOperationDispatcher>.Instance)
            .ExecuteAsync(KerberosOperationRequest.ListHelloGroupPolicies(domain), default);

    [Fact]
    public async Task The_demo_forest_has_no_whfb_gpo_and_a_seeded_one_survives_a_restart()
    {
        var before = await List(Open());
        Open().AddGroupPolicy("contoso.com", new SimulatedGroupPolicy
        {
            DisplayName = "WHfB Pilot",
            Computer = new PassportForWorkValues(UseCloudTrustForOnPremAuth: true),
            Links = [new("OU=Pilot,DC=contoso,DC=com")],
        }, ["CN=PC01,OU=Pilot,DC=contoso,DC=com"]);

        var after = await List(Open());

        Assert.True(before.Succeeded);
        Assert.Empty(before.HelloGroupPolicies!);
        Assert.Equal(["PC01"], Assert.Single(after.HelloGroupPolicies!).Links.Single().Computers);
    }

    [Fact]
    public async Task Links_or_computers_outside_the_domain_are_refused_and_change_nothing()
    {
        var ad = Open();

        var badLink = Assert.Throws<ArgumentException>(() => ad.AddGroupPolicy("contoso.com", new SimulatedGroupPolicy
        {
            DisplayName = "Elsewhere",
            Computer = new PassportForWorkValues(Enabled: true),
            Links = [new("OU=Pilot,DC=contoso,DC=com"), new("OU=Pilot,DC=fabrikam,DC=com")],
        }));
        var badComputer = Assert.Throws<ArgumentException>(() => ad.AddGroupPolicy(
            "contoso.com",
            new SimulatedGroupPolicy { DisplayName = "Fine", Computer = new PassportForWorkValues(Enabled: true), Links = [new("DC=contoso,DC=com")] },
            ["CN=PC01,DC=contoso,DC=com", "OU=NotAComputer,DC=contoso,DC=com"]));

        Assert.StartsWith("links[1].target:", badLink.Message, StringComparison.Ordinal);
        Assert.StartsWith("computers[1]:", badComputer.Message, StringComparison.Ordinal);
        Assert.Empty((await List(Open())).HelloGroupPolicies!);
    }

    [Fact]
    public async Task A_link_over_more_than_the_cap_lists_the_first_computers_and_says_it_is_truncated()
    {
        var ad = Open();
        var computers = Enumerable.Range(0, GroupPolicyLink.MaxComputers + 1).Select(i => $"CN=PC{i:D5},OU=Big,DC=contoso,DC=com");
        ad.AddGroupPolicy("contoso.com", new SimulatedGroupPolicy { DisplayName = "Big", Computer = new PassportForWorkValues(Enabled: true), Links = [new("OU=Big,DC=contoso,DC=com")] }, computers);

        var link = Assert.Single((await List(ad)).HelloGroupPolicies!).Links.Single();

        Assert.True(link.ComputersTruncated);
        Assert.Equal(GroupPolicyLink.MaxComputers, link.Computers.Count);
        Assert.Equal("PC00000", link.Computers[0]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
