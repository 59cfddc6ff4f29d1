using System.Text.Json;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Tests;

public sealed class KerberosContractTests
{
    [Theory]
    [InlineData("contoso.com; Remove-ADUser x")]
    [InlineData("contoso.com' ; Remove-ADUser x; '")]
    [InlineData("contoso")]
    [InlineData("-bad.contoso.com")]
    [InlineData("$(Remove-ADUser x).com")]
    [InlineData("")]
    public void Domains_that_are_not_dns_names_are_refused_at_the_domain_path(string domain)
    {
        var errors = KerberosOperationValidator.Validate(KerberosOperationRequest.GetKerberosServer(domain));

        var error = Assert.Single(errors);
        Assert.Equal("$.domain", error.Path);
    }

    [Theory]
    [InlineData("contoso.com")]
    [InlineData("emea.contoso.com")]
    [InlineData("corp-1.example.co.uk")]
    public void Dns_names_are_accepted(string domain)
        => Assert.Empty(KerberosOperationValidator.Validate(KerberosOperationRequest.EnsureKerberosServer(domain)));

    [Fact]
    public void Malformed_upns_are_reported_by_index()
    {
        var request = KerberosOperationRequest.FindPrivilegedUsers("contoso.com", ["alice@contoso.com", "bob;x@contoso.com", "carol", "dave@contoso.com"]);

        var errors = KerberosOperationValidator.Validate(request);

        Assert.Equal(["$.userPrincipalNames[1]", "$.userPrincipalNames[2]"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Unknown_operations_and_versions_are_refused()
    {
        var errors = KerberosOperationValidator.Validate(new KerberosOperationRequest { Version = 2, Operation = "Invoke-Expression", Domain = "contoso.com" });

        Assert.Contains(errors, e => e.Path == "$.operation");
        Assert.Contains(errors, e => e.Path == "$.version");
    }

    [Fact]
    public void A_rotation_needs_an_operation_id()
    {
        var errors = KerberosOperationValidator.Validate(new KerberosOperationRequest { Operation = KerberosOperations.RotateKerberosServerKey, Domain = "contoso.com" });

        Assert.Equal("$.operationId", Assert.Single(errors).Path);
    }

    [Fact]
    public void Unexpected_json_fields_are_refused_with_their_path()
    {
        var body = """{"version":1,"operation":"GetKerberosServer","domain":"contoso.com","script":"Remove-ADUser x"}"""u8;

        Assert.False(KerberosJson.TryReadRequest(body, out _, out var errors));
        Assert.Contains("$", Assert.Single(errors).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_compares_key_versions_for_equality_not_previous_plus_one()
    {
        var server = new KerberosServerObject(25025, null, null, null, "contoso.com", 53328, null, null, null, "contoso.com", 25025, 53328, null);

        Assert.True(KerberosServerHealth.Evaluate(server).IsHealthy);

        var lagging = KerberosServerHealth.Evaluate(server with { CloudKeyVersion = 53325 });
        Assert.False(lagging.IsHealthy);
        Assert.Contains("KeyVersion (53328) != CloudKeyVersion (53325)", Assert.Single(lagging.Mismatches), StringComparison.Ordinal);

        var otherId = KerberosServerHealth.Evaluate(server with { CloudId = 1, CloudDomainDnsName = "fabrikam.com" });
        Assert.Equal(2, otherId.Mismatches.Count);
    }

    [Fact]
    public void Prerequisites_need_a_writable_2016_or_later_dc_in_every_site()
    {
        var verdict = DomainPrerequisites.Evaluate("contoso.com",
        [
            new DomainController("dc1", "HQ", "Windows Server 2016", 14393, true),
            new DomainController("rodc", "Branch", "Windows Server 2022", 20348, false),
            new DomainController("old", "Branch", "Windows Server 2012 R2", 9600, true),
        ]);

        Assert.False(verdict.IsReady);
        Assert.True(verdict.Sites.Single(s => s.Site == "HQ").IsReady);
        Assert.Equal(0, verdict.Sites.Single(s => s.Site == "Branch").ServingControllers);
    }

    [Fact]
    public void Results_round_trip_through_the_contract_json()
    {
        var request = KerberosOperationRequest.GetKerberosServer("contoso.com");
        var server = new KerberosServerObject(1, "u", "c", "d", "contoso.com", 5, DateTimeOffset.UnixEpoch, "dc1", "d", "contoso.com", 1, 5, DateTimeOffset.UnixEpoch);
        var result = KerberosOperationResult.ForServer(request, server, changed: true) with
        {
            PrivilegedUsers = [new PrivilegedUser("a@contoso.com", true, ["Domain Admins"])],
            Prerequisites = DomainPrerequisites.Evaluate("contoso.com", [new DomainController("dc1", "HQ", "x", 20348, true)]),
        };

        var json = JsonSerializer.Serialize(result, KerberosJson.Options);
        var back = JsonSerializer.Deserialize<KerberosOperationResult>(json, KerberosJson.Options)!;

        Assert.Equal(server, back.Server);
        Assert.True(back.Health!.IsHealthy);
        Assert.True(back.PrivilegedUsers![0].IsDenied);
        Assert.True(back.Prerequisites!.IsReady);
    }

    [Fact]
    public void Only_removal_is_not_retried()
    {
        Assert.True(KerberosOperations.IsIdempotent(KerberosOperations.RotateKerberosServerKey));
        Assert.True(KerberosOperations.IsIdempotent(KerberosOperations.EnsureKerberosServer));
        Assert.False(KerberosOperations.IsIdempotent(KerberosOperations.RemoveKerberosServer));
        Assert.False(KerberosOperations.IsIdempotent("Unknown"));
    }
}
