using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using CloudTrust.Api;
using CloudTrust.Core.Validation;
using CloudTrust.Tests.Shared.Azurite;

namespace CloudTrust.Storage.Tests;

/// <summary>
/// The <c>rollout-requests</c> queue as a producer and the Functions host meet it, against Azurite through Microsoft's
/// Azure.Storage.Queues client. host.json declares <c>"messageEncoding": "base64"</c>: the queue extension then
/// base64-decodes each message before the trigger sees it and base64-encodes what an output binding writes
/// (Microsoft.Azure.WebJobs.Extensions.Storage.Queues 5.0.0-beta.2 release notes: "This version Base64-encodes/decodes
/// queue messages by default ... can be changed by setting QueuesOptions.MessageEncoding"), so a producer must send
/// with <see cref="QueueMessageEncoding.Base64"/>. The service holds at most 64 KiB of message text (learn.microsoft.com,
/// Queue service REST API, "Put Message": larger gets 413 RequestBodyTooLarge), which base64 makes 48 KiB of message.
/// Poison messages (learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger, "Poison
/// messages"): when a queue trigger function fails, Functions retries it up to <c>maxDequeueCount</c> times (five by
/// default; host.json sets it) and then adds the message to a queue named <c>&lt;originalqueuename&gt;-poison</c>, here
/// <c>rollout-requests-poison</c> — the queue the trigger also writes its own rejection records to, so each record must
/// fit a message there too.
/// </summary>
public sealed class RolloutQueueContractTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    /// <summary>The most message text the queue service holds (UTF-8 bytes, after encoding).</summary>
    private const int MaxMessageText = 64 * 1024;

    private const string Plan = """
        { "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "domains": ["contoso.com"], "profileName": "WHfB",
          "rings": [ { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "verificationDeadline": "1.00:00:00" } ] }
        """;

    [Fact]
    public void Host_json_declares_base64_for_queues_and_the_poison_count_the_docs_describe()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteServer.RepositoryRoot, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.InRange(queues.GetProperty("maxDequeueCount").GetInt32(), 1, 10);
        Assert.Equal(QueueRejection.RequestQueue + "-poison", QueueRejection.PoisonQueue);
    }

    [Fact]
    public async Task A_request_enqueued_in_base64_reads_back_as_a_request_the_trigger_accepts()
    {
        var producer = await QueueAsync(QueueRejection.RequestQueue, QueueMessageEncoding.Base64);
        var message = $$"""{ "requestId": "change-4711", "plan": {{Plan}}, "rollbackOnAbort": false }""";

        await producer.SendMessageAsync(message);

        // On the wire the text is base64 of the UTF-8 JSON, as the Functions host expects it with messageEncoding base64.
        var raw = new QueueClient(azurite.ConnectionString, QueueRejection.RequestQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var onWire = (await raw.PeekMessageAsync()).Value.Body.ToString();
        Assert.DoesNotContain("requestId", onWire, StringComparison.Ordinal);
        var decoded = Convert.FromBase64String(onWire);
        Assert.Equal(message, Encoding.UTF8.GetString(decoded));

        var (request, problem) = RolloutStartRequest.Read(decoded, requestIdRequired: true, () => throw new InvalidOperationException("a queue message carries its request id"));
        Assert.Null(problem);
        Assert.Equal("rollout-change-4711", request!.InstanceId);
        Assert.False(request.Workflow.RollbackOnAbort);
        var received = (await producer.ReceiveMessageAsync()).Value;
        Assert.Equal(message, received.Body.ToString());
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task A_message_over_64_KiB_once_encoded_is_refused_by_the_queue_service_and_one_at_the_limit_is_kept()
    {
        var producer = await QueueAsync(QueueRejection.RequestQueue, QueueMessageEncoding.Base64);
        var atLimit = new string('a', MaxMessageText / 4 * 3);
        Assert.Equal(MaxMessageText, Convert.ToBase64String(Encoding.UTF8.GetBytes(atLimit)).Length);

        await producer.SendMessageAsync(atLimit);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => producer.SendMessageAsync(atLimit + "a"));

        Assert.Equal(413, refused.Status);
        Assert.Equal("RequestBodyTooLarge", refused.ErrorCode);
        Assert.Equal(atLimit, (await producer.ReceiveMessageAsync()).Value.Body.ToString());
        Assert.Null((await producer.ReceiveMessageAsync()).Value);
    }

    [Theory]
    [MemberData(nameof(HostileMessages))]
    public async Task The_poison_record_of_a_maximal_hostile_message_fits_the_poison_queue_in_base64(string name, string message)
    {
        var (request, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(message), requestIdRequired: true, () => string.Empty);
        Assert.True(request is null, $"{name}: the hostile message must be refused");
        var record = QueueRejection.ToJson(message, problem!);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(record));
        Assert.True(encoded.Length <= MaxMessageText, $"{name}: the poison record is {encoded.Length} bytes in base64; a queue message holds {MaxMessageText}");

        var poison = await QueueAsync(QueueRejection.PoisonQueue, QueueMessageEncoding.Base64);
        await poison.SendMessageAsync(record);

        var kept = (await poison.ReceiveMessageAsync()).Value.Body.ToString();
        Assert.Equal(record, kept);
        using var json = JsonDocument.Parse(kept);
        Assert.Equal(400, json.RootElement.GetProperty("problem").GetProperty("status").GetInt32());
        Assert.NotEqual(0, json.RootElement.GetProperty("problem").GetProperty("errors").GetArrayLength());
        Assert.True(message.StartsWith(json.RootElement.GetProperty("message").GetString()!, StringComparison.Ordinal), $"{name}: the record keeps the start of the message");
    }

    [Fact]
    public void A_poison_record_whose_problem_is_at_every_bound_still_fits_a_base64_message()
    {
        var hostile = new string('<', 600) + "\u0001\u2028\"\\";
        var errors = Enumerable.Range(0, 500).Select(i => new ValidationError(new string('\u0007', 300) + i, hostile)).ToList();
        var message = new string('\u00e9', 70_000);

        var record = QueueRejection.ToJson(message, ApiProblem.Invalid("the queue message", errors));

        Assert.True(Convert.ToBase64String(Encoding.UTF8.GetBytes(record)).Length <= MaxMessageText);
        using var json = JsonDocument.Parse(record);
        Assert.True(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.NotEqual(0, json.RootElement.GetProperty("problem").GetProperty("errors").GetArrayLength());
        Assert.Contains("more", json.RootElement.GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileMessages()
    {
        // Each keeps the longest excerpt and makes every kept character cost the most once serialized.
        var data = new TheoryData<string, string>
        {
            { "html-escaped characters", new string('<', 70_000) },
            { "control characters", new string('\u0001', 70_000) },
            { "non-ASCII", new string('\u00e9', 70_000) },
            { "astral characters", string.Concat(Enumerable.Repeat("\U0001F600", 35_000)) },
            { "a huge request id", "{ \"requestId\": \"" + new string('"', 70_000) + "\" }" },
            { "many bad fields", "{ \"requestId\": \"<>\", \"rollbackOnAbort\": \"<>\", \"plan\": { \"tenantId\": \"<>\", \"domains\": [" + string.Join(',', Enumerable.Repeat("\"<&>\"", 5_000)) + "], \"rings\": [" + string.Join(',', Enumerable.Repeat("{ \"name\": \"<\", \"groupIds\": [\"<\"], \"successThreshold\": 9 }", 1_000)) + "] } }" },
        };
        return data;
    }

    private async Task<QueueClient> QueueAsync(string name, QueueMessageEncoding encoding)
    {
        var queue = new QueueClient(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        return queue;
    }
}
