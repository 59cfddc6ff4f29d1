using System.Text;
using System.Text.Json;
using CloudTrust.Tests.Shared;
using CsCheck;

namespace CloudTrust.Api.Tests;

public sealed class QueueAndRouteTests
{
    private const string Plan = """
        { "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "domains": ["contoso.com"], "profileName": "WHfB",
          "rings": [ { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "verificationDeadline": "1.00:00:00" } ] }
        """;

    private static readonly string ValidMessage = $$"""{ "requestId": "ticket-42", "plan": {{Plan}} }""";

    private static readonly Gen<string> HostileRequestIds = Gen.OneOf(
        Gen.String,
        Gen.Int[0, HostileJson.HostileStrings.Length - 1].Select(i => HostileJson.HostileStrings[i]),
        Gen.Guid.Select(g => g.ToString()),
        Gen.Guid.Select(g => g.ToString()[..^1] + "x"));

    [Fact]
    public void A_message_without_a_request_id_is_refused_because_redelivery_could_not_be_recognised()
    {
        var (request, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes($$"""{ "plan": {{Plan}} }"""), requestIdRequired: true, () => "never");

        Assert.Null(request);
        Assert.Equal("requestId: required", Assert.Single(problem!.Errors).ToString());
    }

    [Fact]
    public void A_redelivered_message_maps_to_the_same_instance()
    {
        var first = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(ValidMessage), true, () => "never").Request!;
        var again = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(ValidMessage.Replace("  ", " ", StringComparison.Ordinal)), true, () => "never").Request!;

        Assert.Equal("rollout-ticket-42", first.InstanceId);
        Assert.Equal(first.InstanceId, again.InstanceId);
    }

    [Fact]
    public void Generated_queue_messages_start_a_rollout_or_land_in_poison_with_their_problem_never_an_exception()
    {
        const int Iterations = 2000;
        var messages = Gen.OneOf(
            HostileJson.MutationsOf(ValidMessage).Select(b => Encoding.UTF8.GetString(b)),
            HostileRequestIds.Select(id => $$"""{ "requestId": {{JsonSerializer.Serialize(id)}}, "plan": {{Plan}} }"""));
        messages.Sample(
            message =>
            {
                var (request, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(message), requestIdRequired: true, () => throw new InvalidOperationException("a queue message must carry its request id"));
                Assert.True((request is null) != (problem is null), "exactly one of request and problem");
                if (request is not null)
                {
                    Assert.Equal(InstanceIds.ForRequest(request.RequestId), request.InstanceId);
                    return;
                }

                var poison = QueueRejection.ToJson(message, problem!);
                Assert.True(Encoding.UTF8.GetByteCount(poison) < 64 * 1024, "a poison record fits a queue message");
                using var json = JsonDocument.Parse(poison);
                var errors = json.RootElement.GetProperty("problem").GetProperty("errors");
                Assert.True(errors.GetArrayLength() > 0);
                Assert.Equal(400, json.RootElement.GetProperty("problem").GetProperty("status").GetInt32());
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "Functions queue messages (rollout-requests)", Iterations, duplicates: 0);
    }

    [Fact]
    public void A_huge_message_is_cut_in_the_poison_record_and_says_so()
    {
        var message = "{ \"requestId\": \"" + new string('x', 40_000) + "\" }";
        var problem = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(message), true, () => "g").Problem!;

        using var json = JsonDocument.Parse(QueueRejection.ToJson(message, problem));

        Assert.True(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(QueueRejection.MaxMessageChars, json.RootElement.GetProperty("message").GetString()!.Length);
        Assert.Contains("requestId: must be", json.RootElement.GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_request_ids_give_deterministic_instance_ids_the_durable_store_accepts_or_are_refused()
    {
        const int Iterations = 3000;
        HostileRequestIds.Sample(
            id =>
            {
                if (!InstanceIds.IsValidRequestId(id))
                {
                    Assert.Throws<ArgumentException>(() => InstanceIds.ForRequest(id));
                    return;
                }

                var instance = InstanceIds.ForRequest(id);
                Assert.Equal(instance, InstanceIds.ForRequest(new string(id.ToCharArray())));
                Assert.InRange(instance.Length, 1, 100);
                Assert.DoesNotContain(instance, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) || char.IsWhiteSpace(c));
                Assert.Empty(InstanceIds.CheckRouteId(instance));
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "Functions request ids to instance ids", Iterations, duplicates: 0);
    }

    [Fact]
    public void Generated_route_ids_including_guids_and_near_guids_are_checked_never_thrown()
    {
        const int Iterations = 2000;
        HostileRequestIds.Select(id => id.Length > 0 && id.Length % 3 == 0 ? "rollout-" + id : id).Sample(
            id =>
            {
                var errors = InstanceIds.CheckRouteId(id);
                if (errors.Count > 0)
                {
                    Assert.Equal("id", Assert.Single(errors).Path);
                    Assert.Equal(404, ApiProblem.NotFound("x").Status);
                    Assert.Equal(400, ApiProblem.Invalid("the route", errors).Status);
                }
                else
                {
                    Assert.All(id, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"'{c}' passed the route check"));
                }
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "Functions route ids (GUIDs, near-GUIDs, metacharacters)", Iterations, duplicates: 0);
    }
}

public sealed class RepeatedRequestTests
{
    private const string Plan = """{ "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "domains": ["contoso.com"], "profileName": "WHfB", "rings": [ { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "verificationDeadline": "1.00:00:00" } ] }""";

    private static RolloutStartRequest Request(string plan, bool rollback = true)
        => RolloutStartRequest.Read(Encoding.UTF8.GetBytes($$"""{ "requestId": "chg-7", "plan": {{plan}}, "rollbackOnAbort": {{(rollback ? "true" : "false")}} }"""), true, () => "g").Request!;

    [Fact]
    public void The_same_plan_written_differently_is_a_repeat_and_a_changed_plan_or_choice_is_not()
    {
        var stored = ApiJson.Serialize(Request(Plan).Workflow);
        var reformatted = Request(Plan.Replace(" ", "\n  ", StringComparison.Ordinal));
        var changed = Request(Plan.Replace("0.9", "0.8", StringComparison.Ordinal));

        Assert.Empty(reformatted.CheckRepeatOf(stored));
        Assert.Equal("requestId: 'chg-7' already started rollout 'rollout-chg-7' with a different plan or rollback choice; use a new request id", Assert.Single(changed.CheckRepeatOf(stored)).ToString());
        Assert.Single(Request(Plan, rollback: false).CheckRepeatOf(stored));
        Assert.Single(Request(Plan).CheckRepeatOf("not json"));
        Assert.Single(Request(Plan).CheckRepeatOf(null));
    }
}
