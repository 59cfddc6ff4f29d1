using System.Globalization;
using System.Text;
using System.Text.Json;
using CloudTrust.Core.Kerberos;

namespace CloudTrust.Agent.Tests.Hyco;

/// <summary>
/// A Node sender whose Send token comes from Microsoft's own token function (hyco-https <c>createRelayToken</c>, over
/// <c>createRelayHttpsUri</c> as its sample sender does), through the simulated relay, to the product's agent: the
/// relay takes Microsoft's token in the header or the query, and the agent still runs only what carries our request
/// signature (unsigned, replayed and stale requests refused).
/// </summary>
public sealed class HycoSenderToAgentTests
{
    [Theory]
    [InlineData("header")]
    [InlineData("query")]
    public async Task A_signed_request_with_Microsofts_token_is_served_by_the_agent(string tokenIn)
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(KerberosOperationRequest.Health());

        var (status, result) = await SendAsync(env, body, raw.Sign(body), tokenIn);

        Assert.Equal(200, status);
        Assert.Equal("Simulated", result!.Agent!.Backend);
    }

    [Fact]
    public async Task Unsigned_replayed_and_stale_requests_with_Microsofts_token_are_refused_by_the_agent()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(KerberosOperationRequest.Health());
        var genuine = raw.Sign(body);

        var unsigned = await SendAsync(env, body, null, "header");
        var stale = await SendAsync(env, body, raw.Sign(body, at: DateTimeOffset.UtcNow.AddMinutes(-10)), "query");
        var first = await SendAsync(env, body, genuine, "header");
        var replayed = await SendAsync(env, body, genuine, "query");

        Assert.All([unsigned, stale, replayed], r =>
        {
            Assert.Equal(401, r.Status);
            Assert.Equal(KerberosErrorCodes.Unauthenticated, r.Result!.ErrorCode);
        });
        Assert.Equal(200, first.Status);
    }

    [Fact]
    public async Task Microsofts_token_signed_with_the_wrong_key_is_refused_by_the_relay()
    {
        await using var env = await RelayTestEnvironment.StartAsync();
        using var raw = new RawRelayClient(env);
        var body = RawRelayClient.Body(KerberosOperationRequest.Health());

        var (status, result) = await SendAsync(env, body, raw.Sign(body), "header", key: env.ListenKey);

        Assert.Equal(401, status);
        Assert.Null(result);
    }

    private static async Task<(int Status, KerberosOperationResult? Result)> SendAsync(RelayTestEnvironment env, byte[] body, RawRelayClient.Signed? signature, string tokenIn, string? key = null)
    {
        var headers = new Dictionary<string, string>();
        if (signature is not null)
        {
            headers[Core.Relay.RequestSignature.TimestampHeader] = signature.Timestamp.ToString(CultureInfo.InvariantCulture);
            headers[Core.Relay.RequestSignature.NonceHeader] = signature.Nonce;
            headers[Core.Relay.RequestSignature.SignatureHeader] = signature.Signature;
        }

        await using var sender = await HycoNode.StartAsync("sender.js", env.Server.Certificate, new Dictionary<string, string>
        {
            ["HYCO_NAMESPACE"] = env.Server.BaseAddress.Authority,
            ["HYCO_PATH"] = RelayTestEnvironment.HybridConnection,
            ["HYCO_SUFFIX"] = "/kerberos/v1",
            ["HYCO_KEY_NAME"] = RelayTestEnvironment.SendRule,
            ["HYCO_KEY"] = key ?? env.SendKey,
            ["HYCO_TOKEN_IN"] = tokenIn,
            ["HYCO_BODY"] = Encoding.UTF8.GetString(body),
            ["HYCO_HEADERS"] = JsonSerializer.Serialize(headers),
        });
        var lines = await sender.WaitForExitAsync(Timeouts.Token);
        var statusLine = lines.FirstOrDefault(l => l.StartsWith("status ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("the Node sender got no answer: " + string.Join(" | ", lines));
        var text = string.Join('\n', lines.SkipWhile(l => l != statusLine).Skip(1));
        KerberosOperationResult? result = null;
        try
        {
            result = JsonSerializer.Deserialize<KerberosOperationResult>(text, KerberosJson.Options);
        }
        catch (JsonException)
        {
        }

        return (int.Parse(statusLine["status ".Length..], CultureInfo.InvariantCulture), result is { Operation: not null } ? result : null);
    }
}
