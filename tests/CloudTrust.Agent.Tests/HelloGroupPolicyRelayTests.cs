using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Agent.Tests;

/// <summary><c>ListHelloGroupPolicies</c> end to end: sender → simulated relay → agent → simulated AD with seeded GPOs.</summary>
public sealed class HelloGroupPolicyRelayTests
{
    private static readonly Guid PilotId = Guid.Parse("0f4c7a52-3d1e-4b8a-9c6f-2e5d8a1b7c30");
    private static readonly Guid UserId = Guid.Parse("1a5d8b63-4e2f-4c9b-ad70-3f6e9b2c8d41");

    private static void Seed(SimulatedActiveDirectory directory)
    {
        directory.AddGroupPolicy(
            "contoso.com",
            new SimulatedGroupPolicy
            {
                Id = PilotId,
                DisplayName = "WHfB Pilot",
                Computer = new PassportForWorkValues(Enabled: true, UseCertificateForOnPremAuth: true, RequireSecurityDevice: true),
                Links = [new("OU=Pilot,OU=Workstations,DC=contoso,DC=com"), new("OU=Kiosks,DC=contoso,DC=com", Enabled: false, Enforced: true)],
            },
            [
                "CN=PC01,OU=Pilot,OU=Workstations,DC=contoso,DC=com",
                "CN=PC02,OU=Pilot,OU=Workstations,DC=contoso,DC=com",
                "CN=PC03,OU=Lab,OU=Pilot,OU=Workstations,DC=contoso,DC=com",
                "CN=FIN01,OU=Finance,OU=Workstations,DC=contoso,DC=com",
                "CN=KIOSK01,OU=Kiosks,DC=contoso,DC=com",
            ]);
        directory.AddGroupPolicy("contoso.com", new SimulatedGroupPolicy
        {
            Id = UserId,
            DisplayName = "WHfB users",
            ComputerSettingsEnabled = false,
            User = new PassportForWorkValues(Enabled: true),
            Links = [new("DC=contoso,DC=com")],
        });
        directory.AddGroupPolicy("contoso.com", new SimulatedGroupPolicy { DisplayName = "Screen saver", Links = [new("DC=contoso,DC=com")] });
    }

    [Fact]
    public async Task A_whfb_gpo_linked_to_an_ou_comes_back_with_its_values_links_and_computers()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        Seed(env.Directory);

        var gpos = await new RelayHelloGroupPolicyReader(env.CreateSender()).ListAsync("contoso.com", default);

        Assert.Equal(["WHfB Pilot", "WHfB users"], gpos.Select(g => g.DisplayName));
        var pilot = gpos[0];
        Assert.Equal(PilotId, pilot.Id);
        Assert.Equal(new PassportForWorkValues(Enabled: true, UseCertificateForOnPremAuth: true, RequireSecurityDevice: true), pilot.Computer);
        Assert.Equal(["Authenticated Users"], pilot.SecurityFiltering);
        Assert.Equal(["PC01", "PC02", "PC03"], pilot.Links[0].Computers);
        Assert.True(pilot.Links[0].Enabled);
        Assert.False(pilot.Links[1].Enabled);
        Assert.True(pilot.Links[1].Enforced);
        Assert.Equal(["KIOSK01"], pilot.Links[1].Computers);
        var users = gpos[1];
        Assert.False(users.ComputerSettingsEnabled);
        Assert.Equal(5, Assert.Single(users.Links).Computers.Count);
        Assert.False(users.Links[0].ComputersTruncated);
        env.AssertNoSecretLeaked("GPO listing");
    }

    [Fact]
    public async Task The_activity_reads_the_gpos_and_the_coverage_helper_finds_those_over_the_ring_devices()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        Seed(env.Directory);

        var gpos = await new ListHelloGroupPoliciesActivity(env.CreateSender()).RunAsync(new KerberosDomainRequest("contoso.com"), default);
        var pilotRing = HelloGroupPolicySources.Covering(gpos, ["pc03.contoso.com", "PC77"]);
        var financeRing = HelloGroupPolicySources.Covering(gpos, ["FIN01"]);
        var kioskRing = HelloGroupPolicySources.Covering(gpos, ["KIOSK01"]);

        var source = Assert.Single(pilotRing.Sources);
        Assert.Equal(PilotId.ToString(), source.Id);
        Assert.Equal("OU=Pilot,OU=Workstations,DC=contoso,DC=com", source.Where);
        Assert.True(source.UseCertificateForOnPremAuth);
        Assert.Equal(UserId.ToString(), Assert.Single(pilotRing.Uncertain).Source.Id);
        Assert.Empty(financeRing.Sources);
        Assert.Empty(kioskRing.Sources);
    }

    [Fact]
    public async Task A_bad_domain_is_refused_with_its_path_and_nothing_reaches_the_backend()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(new { version = 1, operation = KerberosOperations.ListHelloGroupPolicies, domain = "contoso.com; Get-GPO -All" });

        var (status, result) = await raw.SendAsync(body, raw.Sign(body));
        var viaSender = await env.CreateSender().SendAsync(KerberosOperationRequest.ListHelloGroupPolicies("contoso"), default);
        var viaReader = await Assert.ThrowsAsync<KerberosOperationFailedException>(() => new RelayHelloGroupPolicyReader(env.CreateSender()).ListAsync("bad domain.com", default));

        Assert.Equal(400, status);
        Assert.Equal(KerberosErrorCodes.InvalidRequest, result!.ErrorCode);
        Assert.Equal("$.domain", Assert.Single(result.ValidationErrors!).Path);
        Assert.Equal(RelayOutcomeKind.Refused, viaSender.Kind);
        Assert.Equal(0, viaSender.Attempts);
        Assert.Contains("$.domain", viaReader.Message, StringComparison.Ordinal);
        Assert.Contains(KerberosErrorCodes.InvalidRequest, viaReader.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Directory.OperationsRun);
        Assert.DoesNotContain("Get-GPO", env.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_domain_fails_with_domain_not_found()
    {
        await using var env = await RelayTestEnvironment.StartAsync();

        var failure = await Assert.ThrowsAsync<KerberosOperationFailedException>(() => new RelayHelloGroupPolicyReader(env.CreateSender()).ListAsync("fabrikam.com", default));
        var demo = await new RelayHelloGroupPolicyReader(env.CreateSender()).ListAsync("emea.contoso.com", default);

        Assert.Contains(KerberosErrorCodes.DomainNotFound, failure.Message, StringComparison.Ordinal);
        Assert.Empty(demo);
    }
}
