using System.Text;
using CloudTrust.Agent.Requests;
using CloudTrust.Core.Relay;
using Microsoft.Extensions.Time.Testing;

namespace CloudTrust.Agent.Tests;

public sealed class RequestAuthenticatorTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("the-current-signing-key-32-bytes");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"operation":"Health"}""");

    private static Dictionary<string, string> Headers(byte[] key, DateTimeOffset at, string? nonce = null)
    {
        nonce ??= RequestSignature.NewNonce();
        var timestamp = at.ToUnixTimeSeconds();
        return new()
        {
            [RequestSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [RequestSignature.NonceHeader] = nonce,
            [RequestSignature.SignatureHeader] = RequestSignature.Compute(key, "POST", "/kerberos/v1", Body, timestamp, nonce),
        };
    }

    [Fact]
    public async Task Forged_requests_make_the_agent_reread_its_key_at_most_once_a_minute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var refreshes = 0;
        var authenticator = new RequestAuthenticator((refresh, _) => { refreshes += refresh ? 1 : 0; return Task.FromResult(Key); }, time);
        var forgedKey = Encoding.UTF8.GetBytes("an-attacker-guess-at-the-key!!!!");

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("bad signature", await authenticator.CheckAsync("POST", "/kerberos/v1", Headers(forgedKey, time.GetUtcNow()), Body, default));
        }

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("bad signature", await authenticator.CheckAsync("POST", "/kerberos/v1", Headers(forgedKey, time.GetUtcNow()), Body, default));
        Assert.Equal(2, refreshes);
    }

    [Fact]
    public async Task A_request_inside_the_clock_window_passes_once_and_outside_it_is_stale()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var authenticator = new RequestAuthenticator((_, _) => Task.FromResult(Key), time);
        var headers = Headers(Key, time.GetUtcNow().AddMinutes(-4));

        Assert.Null(await authenticator.CheckAsync("POST", "/kerberos/v1", headers, Body, default));
        Assert.Equal("replayed", await authenticator.CheckAsync("POST", "/kerberos/v1", headers, Body, default));
        Assert.Equal("stale", await authenticator.CheckAsync("POST", "/kerberos/v1", Headers(Key, time.GetUtcNow().AddMinutes(6)), Body, default));
        Assert.Equal("bad signature", await authenticator.CheckAsync("POST", "/kerberos/v1/other", Headers(Key, time.GetUtcNow()), Body, default));
    }
}
