using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CloudTrust.Simulator.Relay;

namespace CloudTrust.Agent.Tests.Hyco;

/// <summary>
/// The simulated relay verifies a SAS as presented (HMAC over the <c>sr</c> text exactly as written + "\n" + <c>se</c>),
/// whatever form the SDK chose for the resource, and refuses a token whose text was altered after signing. Tokens here
/// are built by hand, independently of the product's SAS code.
/// </summary>
public sealed class SimulatedRelayTokenTests(HycoListenerFixture fixture) : IClassFixture<HycoListenerFixture>
{
    private HycoListenerRelay Pair => fixture.Pair;

    public static TheoryData<string> AcceptedResources => new()
    {
        "http://{0}/hyco-conformance/",      // azure-relay-dotnet (TokenProvider.NormalizeAudience)
        "http://{0}/hyco-conformance",       // azure-relay-node (createRelayToken)
        "https://{0}/hyco-conformance",
        "sb://{0}/hyco-conformance",
        "HTTP://{0}/HYCO-CONFORMANCE/",
        "http://{0}/",                       // the whole namespace
        "http://{0}/$hc/hyco-conformance",
    };

    [Theory]
    [MemberData(nameof(AcceptedResources))]
    public async Task A_token_is_verified_over_its_resource_as_written(string resourceFormat)
    {
        var resource = string.Format(CultureInfo.InvariantCulture, resourceFormat, Pair.Server.BaseAddress.Authority);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Token(Uri.EscapeDataString(resource))));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(Token(LowerHex(Uri.EscapeDataString(resource)))));
    }

    [Fact]
    public async Task A_token_altered_after_signing_or_for_another_path_is_refused()
    {
        var resource = Uri.EscapeDataString($"http://{Pair.Server.BaseAddress.Authority}/hyco-conformance/");
        var signed = Token(resource);

        // Re-encoding the resource changes the signed text: lower-case hex escapes no longer verify.
        var reencoded = signed.Replace(resource, LowerHex(resource), StringComparison.Ordinal);
        var other = Token(Uri.EscapeDataString($"http://{Pair.Server.BaseAddress.Authority}/another-connection/"));
        var otherHost = Token(Uri.EscapeDataString("http://contoso.servicebus.windows.net/hyco-conformance/"));

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(reencoded));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(other));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(otherHost));
    }

    private static string LowerHex(string encoded)
        => System.Text.RegularExpressions.Regex.Replace(encoded, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());

    private string Token(string encodedResource)
    {
        var expiry = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Pair.SendKey), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
        return $"SharedAccessSignature skn={HycoListenerRelay.SendRule}&se={expiry}&sig={Uri.EscapeDataString(signature)}&sr={encodedResource}";
    }

    private async Task<HttpStatusCode> SendAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Pair.Address("/token"));
        request.Headers.TryAddWithoutValidation(SimulatedRelay.AuthorizationHeader, token);
        using var response = await Pair.Http.SendAsync(request);
        return response.StatusCode;
    }
}
