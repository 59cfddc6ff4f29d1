using System.Text;

namespace CloudTrust.Api.Tests;

/// <summary>Named hostile values in each field of a start request: each gets a 400 naming the field, never an exception.</summary>
public sealed class HostileFieldTests
{
    private const string Tenant = "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b";
    private const string Group = "11111111-1111-4111-8111-111111111111";

    private static string Body(string requestId = "\"change-1\"", string tenant = $"\"{Tenant}\"", string domain = "\"contoso.com\"", string group = $"\"{Group}\"", string threshold = "0.9")
        => $$"""
           { "requestId": {{requestId}}, "plan": { "tenantId": {{tenant}}, "domains": [{{domain}}], "profileName": "WHfB",
             "rings": [ { "name": "pilot", "groupIds": [{{group}}], "successThreshold": {{threshold}}, "verificationDeadline": "1.00:00:00" } ] } }
           """;

    public static TheoryData<string, string> Cases() => new()
    {
        { Body(group: "\"not-a-guid\""), "plan.rings[0].groupIds[0]: not a GUID" },
        { Body(group: "\"11111111-1111-4111-8111-11111111111\""), "plan.rings[0].groupIds[0]: not a GUID" },
        { Body(tenant: "\"{8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b\""), "plan.tenantId: not a GUID" },
        { Body(tenant: "12345678901234567890123456789012345678901234567890"), "plan.tenantId: not a GUID" },
        { Body(threshold: "1e400"), "plan.rings[0].successThreshold: must be a number from 0 to 1" },
        { Body(threshold: "123456789012345678901234567890"), "plan.rings[0].successThreshold: must be a number from 0 to 1" },
        { Body(requestId: "\"$(Remove-Item -Recurse C:\\\\)\""), "requestId: must be 1 to 64 characters: letters, digits, '-' or '_'" },
        { Body(requestId: "\"`whoami`\""), "requestId: must be 1 to 64 characters: letters, digits, '-' or '_'" },
        { Body(requestId: "\"a; Stop-Computer -Force\""), "requestId: must be 1 to 64 characters: letters, digits, '-' or '_'" },
        { Body(requestId: "\"a|b\""), "requestId: must be 1 to 64 characters: letters, digits, '-' or '_'" },
        { Body(requestId: $"\"{new string('a', 65)}\""), "requestId: must be 1 to 64 characters: letters, digits, '-' or '_'" },
        { Body(requestId: "123"), "requestId: must be 1 to 64 characters: letters, digits, '-' or '_'" },
        { Body(domain: "\"contoso.com; Remove-AzureADKerberosServer\""), "plan.domains[0]: not a DNS name" },
        { Body(domain: "\"$(calc)\""), "plan.domains[0]: not a DNS name" },
        { "{ \"requestId\": \"x\", \"plan\": " + new string('[', 10_000) + new string(']', 10_000) + " }", "body: not readable JSON (malformed, or nested deeper than 32 levels) at line 1, position 60" },
        { "{ \"requestId\": \"x\", \"plan\": { \"tenantId\": " + new string('{', 40) + new string('}', 40) + " } }", "body: not readable JSON (malformed, or nested deeper than 32 levels) at line 1, position 44" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_value_gets_a_400_naming_its_field(string body, string expected)
    {
        var (request, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(body), requestIdRequired: true, () => "generated");

        Assert.Null(request);
        Assert.NotNull(problem);
        Assert.Equal(400, problem.Status);
        Assert.Equal(expected, string.Join(" || ", problem.Errors.Select(e => e.ToString())));
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", problem.Detail, StringComparison.Ordinal);
    }
}
