using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Relay;
using CloudTrust.Integrations.Http;

namespace CloudTrust.Agent.Tests;

/// <summary>Sends hand-built requests through the relay, to play an attacker or a careless sender.</summary>
internal sealed class RawRelayClient(RelayTestEnvironment environment) : IDisposable
{
    private readonly HttpClient http = new(PinnedCertificateHandler.Create(environment.Server.Certificate));

    public sealed record Signed(long Timestamp, string Nonce, string Signature);

    public Signed Sign(byte[] body, byte[]? key = null, DateTimeOffset? at = null, string? nonce = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        nonce ??= RequestSignature.NewNonce();
        return new Signed(timestamp, nonce, RequestSignature.Compute(key ?? environment.SigningKey, "POST", "/kerberos/v1", body, timestamp, nonce));
    }

    public static byte[] Body(object request) => JsonSerializer.SerializeToUtf8Bytes(request, KerberosJson.Options);

    public async Task<(int Status, KerberosOperationResult? Result)> SendAsync(byte[] body, Signed? signature, string? sendKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(environment.Server.BaseAddress, RelayTestEnvironment.HybridConnection + "/kerberos/v1"))
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var resource = new Uri(environment.Server.BaseAddress, RelayTestEnvironment.HybridConnection).ToString();
        message.Headers.TryAddWithoutValidation("ServiceBusAuthorization", SharedAccessSignature.Create(resource, RelayTestEnvironment.SendRule, sendKey ?? environment.SendKey, DateTimeOffset.UtcNow.AddMinutes(10)));
        if (signature is not null)
        {
            message.Headers.Add(RequestSignature.TimestampHeader, signature.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            message.Headers.Add(RequestSignature.NonceHeader, signature.Nonce);
            message.Headers.Add(RequestSignature.SignatureHeader, signature.Signature);
        }

        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        KerberosOperationResult? result = null;
        try
        {
            result = JsonSerializer.Deserialize<KerberosOperationResult>(text, KerberosJson.Options);
        }
        catch (JsonException)
        {
        }

        return ((int)response.StatusCode, result);
    }

    public void Dispose() => http.Dispose();
}
