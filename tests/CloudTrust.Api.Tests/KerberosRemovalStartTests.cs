using System.Text;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Api.Tests;

/// <summary>The removal request over HTTP: who may ask, and every bad field named.</summary>
public sealed class KerberosRemovalStartTests
{
    [Fact]
    public void A_removal_needs_a_principal_app_service_authentication_signed_in()
    {
        var (_, off) = KerberosRemovalStart.SignedIn(appServiceAuthentication: false, "forged@contoso.com");
        var (_, none) = KerberosRemovalStart.SignedIn(appServiceAuthentication: true, "  ");
        var (by, signedIn) = KerberosRemovalStart.SignedIn(appServiceAuthentication: true, "admin@contoso.com");

        Assert.Equal(401, off!.Status);
        Assert.Contains("App Service Authentication", off.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(401, none!.Status);
        Assert.Null(signedIn);
        Assert.Equal("admin@contoso.com", by);
    }

    [Fact]
    public void A_valid_request_is_attended_by_default_and_names_who_asked()
    {
        var (request, problem) = KerberosRemovalStart.Read(Encoding.UTF8.GetBytes("""{ "domain": "Contoso.com.", "confirm": "contoso.COM" }"""), "admin@contoso.com", TimeSpan.FromMinutes(5));

        Assert.Null(problem);
        Assert.Equal(new KerberosRemovalRequest("contoso.com", CloudSignInMode.Attended, TimeSpan.FromHours(4), TimeSpan.FromMinutes(5), "admin@contoso.com"), request);
    }

    [Theory]
    [InlineData("""{ "confirm": "contoso.com" }""", "domain")]
    [InlineData("""{ "domain": "contoso.com" }""", "confirm")]
    [InlineData("""{ "domain": "contoso.com", "confirm": "fabrikam.com" }""", "confirm")]
    [InlineData("""{ "domain": "contoso.com", "confirm": "contoso.com", "signIn": "sms" }""", "signIn")]
    [InlineData("""{ "domain": "contoso.com", "confirm": "contoso.com", "attendedTimeoutMinutes": 1441 }""", "attendedTimeoutMinutes")]
    [InlineData("""{ "domain": "contoso.com", "confirm": "contoso.com", "force": true }""", "force")]
    [InlineData("""[ "contoso.com" ]""", "body")]
    [InlineData("""{ "domain": """, "body")]
    public void Bad_input_is_a_problem_naming_the_field(string body, string field)
    {
        var (request, problem) = KerberosRemovalStart.Read(Encoding.UTF8.GetBytes(body), "admin@contoso.com", TimeSpan.FromMinutes(5));

        Assert.Null(request);
        Assert.Equal(400, problem!.Status);
        Assert.Equal(field, problem.Errors.Single().Path);
    }
}
