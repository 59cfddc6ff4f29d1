using System.Text.Json;
using CloudTrust.Core.Relay;

namespace CloudTrust.Agent.Tests;

/// <summary>The control messages read as the protocol page writes them (Azure Relay Hybrid Connections protocol).</summary>
public sealed class HybridConnectionMessageTests
{
    [Fact]
    public void A_response_with_a_string_status_code_reads()
    {
        var message = JsonSerializer.Deserialize<HybridConnectionMessage>(
            """{"response":{"requestId":"42c34cb5","statusCode":"200","responseHeaders":{"Content-Type":"application/json"},"body":true}}""",
            HybridConnectionMessage.Json)!;

        Assert.Equal(200, message.Response!.StatusCode);
        Assert.True(message.Response.Body);
    }

    [Fact]
    public void A_large_request_carries_only_its_address_and_must_be_fetched_over_rendezvous()
    {
        var message = JsonSerializer.Deserialize<HybridConnectionMessage>(
            """{"request":{"address":"wss://ns/$hc/hyco?sb-hc-action=request&sb-hc-id=1","id":"1"}}""",
            HybridConnectionMessage.Json)!;
        var small = JsonSerializer.Deserialize<HybridConnectionMessage>(
            """{"request":{"address":"wss://x","id":"2","requestTarget":"/abc?x=1","method":"GET","requestHeaders":{},"body":false}}""",
            HybridConnectionMessage.Json)!;

        Assert.True(message.Request!.IsOnRendezvous);
        Assert.False(small.Request!.IsOnRendezvous);
        Assert.Equal("/abc?x=1", small.Request.RequestTarget);
    }

    [Fact]
    public void A_renewal_serializes_as_the_protocol_names_it()
    {
        var json = JsonSerializer.Serialize(new HybridConnectionMessage { RenewToken = new RenewToken("SharedAccessSignature sr=x") }, HybridConnectionMessage.Json);

        Assert.Equal("""{"renewToken":{"token":"SharedAccessSignature sr=x"}}""", json);
    }
}
