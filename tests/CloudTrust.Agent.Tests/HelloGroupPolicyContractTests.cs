using System.Text.Json;
using CloudTrust.Core.GroupPolicy;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Tests;

/// <summary>The <c>ListHelloGroupPolicies</c> contract: validation like every domain operation, and a result that round-trips.</summary>
public sealed class HelloGroupPolicyContractTests
{
    [Fact]
    public void The_operation_is_on_the_allowlist_idempotent_and_needs_only_a_domain()
    {
        Assert.Contains(KerberosOperations.ListHelloGroupPolicies, KerberosOperations.All);
        Assert.True(KerberosOperations.IsIdempotent(KerberosOperations.ListHelloGroupPolicies));
        Assert.Empty(KerberosOperationValidator.Validate(KerberosOperationRequest.ListHelloGroupPolicies("emea.contoso.com")));
    }

    [Theory]
    [InlineData("contoso")]
    [InlineData("contoso.com; Get-GPO -All")]
    [InlineData("")]
    public void A_domain_that_is_not_a_dns_name_is_refused_at_the_domain_path(string domain)
        => Assert.Equal("$.domain", Assert.Single(KerberosOperationValidator.Validate(KerberosOperationRequest.ListHelloGroupPolicies(domain))).Path);

    [Fact]
    public void A_request_with_extra_fields_is_refused()
    {
        var body = """{"version":1,"operation":"ListHelloGroupPolicies","domain":"contoso.com","searchBase":"OU=x"}"""u8;

        Assert.False(KerberosJson.TryReadRequest(body, out _, out var errors));
        Assert.Contains("searchBase", Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_round_trips_through_the_contract_json()
    {
        var gpo = new HelloGroupPolicy(
            Guid.NewGuid(), "WHfB Pilot", true, false,
            new PassportForWorkValues(Enabled: true, UseCloudTrustForOnPremAuth: false),
            PassportForWorkValues.None,
            [new GroupPolicyLink("OU=Pilot,DC=contoso,DC=com", true, true, ["PC01"], ComputersTruncated: true)],
            ["Authenticated Users"]);
        var result = new KerberosOperationResult { Operation = KerberosOperations.ListHelloGroupPolicies, Domain = "contoso.com", Succeeded = true, HelloGroupPolicies = [gpo] };

        var json = JsonSerializer.Serialize(result, KerberosJson.Options);
        var back = JsonSerializer.Deserialize<KerberosOperationResult>(json, KerberosJson.Options)!.HelloGroupPolicies!.Single();

        Assert.Equal(gpo.Id, back.Id);
        Assert.Equal(gpo.Computer, back.Computer);
        Assert.Equal(gpo.User, back.User);
        Assert.Equal(["PC01"], back.Links.Single().Computers);
        Assert.True(back.Links.Single().ComputersTruncated);
        Assert.True(back.Links.Single().Enforced);
        Assert.Contains("\"useCloudTrustForOnPremAuth\":false", json, StringComparison.Ordinal);
    }
}
