using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Functions.Tests.Support;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// <c>GET /api/kerberos</c> for a tenant whose cloud administrator must do MFA, through the real worker, relay and agent:
/// attended domains (the policy names no sign-in) are read from the directory with no cloud sign-in, their cloud half
/// named as not read; a password domain is still read whole with the module.
/// </summary>
public sealed class AttendedKerberosHealthTests
{
    [Fact]
    public async Task The_health_endpoint_reads_attended_domains_from_the_directory_and_a_password_domain_whole()
    {
        await using var harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { RotationPolicy = Policy, DeviceCount = 10 });
        harness.Tenant.ActiveDirectory.RequireMfa("hybrid-admin@contoso.onmicrosoft.com");
        var vault = harness.Worker.Services.GetRequiredService<KeyVaultSecretCache>();
        var signingKey = (await vault.GetAsync("agent-request-signing-key", CancellationToken.None)).Reveal();

        var answer = await harness.HttpAsync("KerberosHealth", "GET", "/api/kerberos");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var rows = JsonSerializer.Deserialize<List<KerberosHealthView>>(answer.Text, ApiJson.Options)!;
        var attended = rows.Single(r => r.Domain == "contoso.com");
        Assert.True(attended.Healthy, string.Join("; ", attended.Problems));
        Assert.Equal("attended", attended.CloudSignIn);
        Assert.Equal("not read (needs an administrator's sign-in)", attended.CloudHalf);
        Assert.True(attended.UserAccountDisabled);
        Assert.NotNull(attended.KeyVersion);
        Assert.Null(attended.CloudKeyVersion);

        // The password domain signs in with the stored account, which MFA refuses: said, not hidden.
        var password = rows.Single(r => r.Domain == "emea.contoso.com");
        Assert.False(password.Healthy);
        Assert.Contains("CloudMfaRequired", string.Join("; ", password.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain(signingKey, answer.Text, StringComparison.Ordinal);
    }

    private static string Policy(IReadOnlyList<string> domains) => new JsonObject
    {
        ["schedule"] = "0 0 3 * * 0",
        ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]),
        ["cloudSignInByDomain"] = new JsonObject { ["emea.contoso.com"] = "password" },
    }.ToJsonString();
}
