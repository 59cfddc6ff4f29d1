using System.Text;
using CloudTrust.Tests.Shared;
using CsCheck;

namespace CloudTrust.Api.Tests;

public sealed class RolloutStartRequestTests
{
    private const string Plan = """
        { "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "domains": ["contoso.com"], "profileName": "WHfB",
          "rings": [ { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "verificationDeadline": "1.00:00:00" } ] }
        """;

    private static readonly string Valid = $$"""{ "requestId": "change-4711", "plan": {{Plan}}, "rollbackOnAbort": false }""";

    [Fact]
    public void A_valid_request_maps_to_a_stable_instance_id_and_the_workflow_input()
    {
        var (request, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(Valid), requestIdRequired: true, () => "unused");
        var (again, _) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(Valid), requestIdRequired: true, () => "unused");

        Assert.Null(problem);
        Assert.Equal("rollout-change-4711", request!.InstanceId);
        Assert.Equal(request.InstanceId, again!.InstanceId);
        Assert.False(request.Workflow.RollbackOnAbort);
        Assert.Contains("\"pilot\"", request.Workflow.PlanJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "plan": {} }""", true, "requestId: required")]
    [InlineData("""{ "requestId": "a b", "plan": {} }""", false, "requestId: must be 1 to 64 characters: letters, digits, '-' or '_'")]
    [InlineData("""{ "requestId": "x" }""", false, "plan: required: the rollout plan object")]
    [InlineData("""{ "requestId": "x", "plan": { "tenantId": "nope" } }""", false, "plan.tenantId: not a GUID")]
    [InlineData("""{ "requestId": "x", "plan": {}, "rollbackOnAbort": "yes" }""", false, "rollbackOnAbort: must be true or false")]
    [InlineData("""[1,2]""", false, "body: must be a JSON object")]
    [InlineData("{ \"requestId\": \"x\", \"plan\": { \"profileName\": \"\u00C3\" } }", false, "plan.tenantId: required")]
    [InlineData("""{ "requestId": """, false, "body: not readable JSON (malformed, or nested deeper than 32 levels) at line 1, position 16")]
    public void Bad_requests_get_a_400_problem_naming_the_field(string body, bool requestIdRequired, string expected)
    {
        var (request, problem) = RolloutStartRequest.Read(Encoding.UTF8.GetBytes(body), requestIdRequired, () => "generated");

        Assert.Null(request);
        Assert.Equal(400, problem!.Status);
        Assert.Contains(expected, problem.Errors.Select(e => e.ToString()));
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_hostile_bodies_get_a_request_or_a_problem_never_an_exception()
    {
        const int Iterations = 2000;
        HostileJson.MutationsOf(Valid).Sample(
            bytes =>
            {
                var (request, problem) = RolloutStartRequest.Read(bytes, requestIdRequired: true, () => "generated");
                Assert.True((request is null) != (problem is null), "exactly one of request and problem");
                if (problem is not null)
                {
                    Assert.Equal(400, problem.Status);
                    Assert.NotEmpty(problem.Errors);
                }
                else
                {
                    Assert.True(InstanceIds.IsValidRequestId(request!.RequestId));
                }
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "HTTP bodies and queue messages of the Functions host", Iterations, duplicates: 0);
    }

    [Fact]
    public void Generated_route_ids_and_actions_are_checked_never_thrown()
    {
        const int Iterations = 2000;
        Gen.OneOf(Gen.String, Gen.Int[0, HostileJson.HostileStrings.Length - 1].Select(i => HostileJson.HostileStrings[i])).Sample(
            id =>
            {
                var errors = InstanceIds.CheckRouteId(id);
                Assert.True(errors.Count == 0 || errors[0].Path == "id");
                if (errors.Count == 0)
                {
                    Assert.DoesNotContain(id, c => c is '$' or '`' or ';' or '/' or '\\' or ' ');
                }

                var action = RolloutAction.TryMap(id, out var eventName);
                Assert.True(action.Count == 0 == (eventName.Length > 0));
            },
            iter: Iterations);
        ReliabilityLedger.Record("hostile-input", "HTTP routes (rollout ids and actions)", Iterations, duplicates: 0);
    }
}

public sealed class InvalidUtf8Tests
{
    [Fact]
    public void A_body_with_invalid_UTF_8_inside_a_string_is_a_problem_not_an_exception()
    {
        var body = Encoding.UTF8.GetBytes("""{ "requestId": "x", "plan": { "profileName": "AB" } }""");
        body[Array.IndexOf(body, (byte)'A')] = 0xC3;

        var (request, problem) = RolloutStartRequest.Read(body, requestIdRequired: true, () => "generated");

        Assert.Null(request);
        Assert.Equal("body: not valid UTF-8", Assert.Single(problem!.Errors).ToString());
    }
}
