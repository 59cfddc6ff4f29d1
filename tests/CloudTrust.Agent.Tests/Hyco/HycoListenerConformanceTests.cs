using System.Net;
using System.Security.Cryptography;
using CloudTrust.Simulator.Relay;

namespace CloudTrust.Agent.Tests.Hyco;

/// <summary>Microsoft's listener (hyco-https), connected to the simulated relay, shared by one test class.</summary>
public sealed class HycoListenerFixture : IAsyncLifetime
{
    private HycoListenerRelay? pair;

    internal HycoListenerRelay Pair => pair ?? throw new InvalidOperationException("Microsoft's listener did not start");

    /// <inheritdoc />
    public async Task InitializeAsync() => pair = await HycoListenerRelay.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (pair is not null)
        {
            await pair.DisposeAsync();
        }
    }
}

/// <summary>
/// Conformance of the simulated relay and the product's sender-side token against Microsoft-written listener code:
/// hyco-https 1.4.5's <c>createRelayedServer</c> on our emulator, HTTP requests in front with Send tokens made by the
/// product's code. Bodies from 0 bytes to 1 MiB both ways (control channel up to 64 KB, rendezvous beyond), every
/// method, status codes including 204, many requests at once, header values outside ASCII.
/// </summary>
public sealed class HycoListenerConformanceTests(HycoListenerFixture fixture) : IClassFixture<HycoListenerFixture>
{
    private const int MiB = 1024 * 1024;

    private HycoListenerRelay Pair => fixture.Pair;

    public static TheoryData<int> Sizes => new() { 0, 1, 1000, 64 * 1024 - 1024, 64 * 1024, (64 * 1024) + 1, 300_000, MiB };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_request_body_reaches_Microsofts_listener_intact_and_comes_back(int size)
    {
        var body = Pattern(size, seed: size);
        var rendezvousBefore = Pair.Relay.RendezvousUsed;
        var keptBefore = Pair.Relay.RequestsOnKeptRendezvous;
        using var request = Pair.Request(HttpMethod.Post, "/echo?case=body", body);

        using var response = await Pair.Http.SendAsync(request);
        var echoed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "x-body-length"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), Header(response, "x-body-sha256"));
        Assert.Equal(body, echoed);
        Assert.StartsWith("1.1 ", Header(response, "Via"), StringComparison.Ordinal);

        // Over 64 KB (at most 64 KB fits the control channel) the request and the echoed response travel over a rendezvous
        // socket Microsoft's listener opened without a token, or over one kept from the same connection's earlier request.
        var onRendezvous = Pair.Relay.RendezvousUsed > rendezvousBefore || Pair.Relay.RequestsOnKeptRendezvous > keptBefore;
        Assert.True(size <= 64 * 1024 || onRendezvous, "a request over 64 KB was not sent over a rendezvous socket");
        Assert.True(size > 64 * 1024 || Pair.Relay.RendezvousUsed == rendezvousBefore, "a request within 64 KB made the listener open a rendezvous socket");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_response_body_of_any_size_comes_back_from_Microsofts_listener(int size)
    {
        using var request = Pair.Request(HttpMethod.Get, $"/generate?size={size}");

        using var response = await Pair.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(size, body.Length);
        Assert.True(body.Select((b, i) => b == i % 251).All(x => x), "the generated body arrived altered");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("PROPFIND")]
    public async Task Every_method_reaches_the_listener_as_sent(string method)
    {
        var body = method is "GET" or "HEAD" or "OPTIONS" ? null : Pattern(100, seed: 7);
        using var request = Pair.Request(new HttpMethod(method), "/methods/item?x=1&sb-hc-id=tracking", body);

        using var response = await Pair.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(method, Header(response, "x-method"));

        // The service passes the whole path and strips every sb-hc-* query parameter.
        Assert.Equal($"/{HycoListenerRelay.HybridConnection}/methods/item?x=1", Uri.UnescapeDataString(Header(response, "x-target")));
        Assert.Equal(body?.Length ?? 0, int.Parse(Header(response, "x-body-length"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(204)]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(418)]
    [InlineData(500)]
    public async Task Status_codes_pass_through_with_their_reason_phrases(int status)
    {
        using var request = Pair.Request(HttpMethod.Get, $"/status?status={status}&size=10");

        using var response = await Pair.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status == 204 ? 0 : 10, body.Length);
        Assert.False(string.IsNullOrEmpty(response.ReasonPhrase));
        Assert.StartsWith("1.1 ", Header(response, "Via"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_concurrent_requests_of_mixed_sizes_each_get_their_own_answer()
    {
        var sizes = Enumerable.Range(0, 60).Select(i => i % 5 == 0 ? 100_000 + i : i * 37).ToList();

        var answers = await Task.WhenAll(sizes.Select(async (size, i) =>
        {
            var body = Pattern(size, seed: i);
            using var request = Pair.Request(HttpMethod.Put, $"/concurrent/{i}", body);
            using var response = await Pair.Http.SendAsync(request);
            return (Sent: body, Status: response.StatusCode, Echoed: await response.Content.ReadAsByteArrayAsync(), Target: Uri.UnescapeDataString(Header(response, "x-target")), Index: i);
        }));

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.Status);
            Assert.Equal(a.Sent, a.Echoed);
            Assert.EndsWith($"/concurrent/{a.Index}", a.Target, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Header_values_outside_ascii_survive_both_ways()
    {
        // Within what hyco-https (like Node's HTTP) accepts in a header value: obs-text up to U+00FF.
        const string greeting = "Grüße, Zoë — ¿qué tal? ½ ©";
        var latin = greeting.Replace("—", "-", StringComparison.Ordinal);
        using var request = Pair.Request(HttpMethod.Get, "/headers");
        request.Headers.TryAddWithoutValidation("x-greeting", latin);

        using var response = await Pair.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(latin, Header(response, "x-greeting-echo"));
    }

    [Fact]
    public async Task The_send_token_is_taken_from_the_query_and_never_reaches_the_listener()
    {
        var token = Pair.SendToken();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Pair.Address("/query-token?a=b").AbsoluteUri + "&sb-hc-token=" + Uri.EscapeDataString(token)));

        using var response = await Pair.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/{HycoListenerRelay.HybridConnection}/query-token?a=b", Uri.UnescapeDataString(Header(response, "x-target")));
    }

    [Fact]
    public async Task Bad_expired_and_wrong_right_tokens_get_the_services_answers()
    {
        async Task<HttpResponseMessage> Send(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Pair.Address("/refused"));
            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation(SimulatedRelay.AuthorizationHeader, token);
            }

            return await Pair.Http.SendAsync(request);
        }

        using var missing = await Send(null);
        using var wrongKey = await Send(Pair.SendToken(key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        using var expired = await Send(Pair.SendToken(lifetime: TimeSpan.FromMinutes(-1)));
        using var listenOnly = await Send(Pair.SendToken(key: "x", rule: "nobody"));
        using var malformed = await Send("Bearer something");

        Assert.All([missing, wrongKey, expired, listenOnly, malformed], r =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.False(r.Headers.Contains("Via"), "the service's own answers carry no Via");
        });
        Assert.StartsWith("MissingToken", missing.ReasonPhrase, StringComparison.Ordinal);
        Assert.StartsWith("InvalidSignature", wrongKey.ReasonPhrase, StringComparison.Ordinal);
        Assert.StartsWith("ExpiredToken", expired.ReasonPhrase, StringComparison.Ordinal);
        Assert.StartsWith("MalformedToken", malformed.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_with_413_before_the_listener_sees_it()
    {
        var before = Pair.Listener.Lines.Count(l => l.StartsWith("request ", StringComparison.Ordinal));
        using var request = Pair.Request(HttpMethod.Post, "/too-large", new byte[Pair.Relay.MaxRequestBodyBytes + 1]);

        using var response = await Pair.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, Pair.Listener.Lines.Count(l => l.StartsWith("request ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Oversized_headers_are_refused_before_the_listener_sees_them()
    {
        // The protocol page limits HTTP header metadata to 32 kB; the emulator's HTTP server answers 431 past that.
        var before = Pair.Listener.Lines.Count(l => l.StartsWith("request ", StringComparison.Ordinal));
        using var request = Pair.Request(HttpMethod.Get, "/huge-headers");
        request.Headers.TryAddWithoutValidation("x-padding", new string('a', 40 * 1024));

        using var response = await Pair.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal(before, Pair.Listener.Lines.Count(l => l.StartsWith("request ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Our_RelaySender_is_served_by_Microsofts_listener()
    {
        // The listener answers a fixed result on the operation path: what is proven is that the sender's SDK-form
        // token, path, headers and framing are taken by the emulator and hyco-https, and the answer read back.
        using var sender = Pair.CreateSender();
        var before = Pair.Listener.Lines.Count;

        var outcome = await sender.SendAsync(CloudTrust.Core.Kerberos.KerberosOperationRequest.GetKerberosServer("contoso.com"), default);

        Assert.True(outcome.Kind == CloudTrust.Integrations.Relay.RelayOutcomeKind.Answered, outcome.ToString());
        Assert.Equal(1, outcome.Attempts);
        Assert.Equal("contoso.com", outcome.Result!.Domain);
        Assert.Contains($"request POST /{HycoListenerRelay.HybridConnection}/kerberos/v1", Pair.Listener.Lines.Skip(before));
    }

    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
            : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
            : throw new Xunit.Sdk.XunitException($"no {name} header in the {(int)response.StatusCode} answer");

    private static byte[] Pattern(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
