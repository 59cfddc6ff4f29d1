using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudTrust.Api;
using CloudTrust.Functions.Tests.Support;
using Microsoft.DurableTask.Client;

namespace CloudTrust.Functions.Tests;

/// <summary>Malformed and oversized input through the real trigger functions: a problem answer, no instance, nothing written.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private FunctionsHarness harness = null!;

    public async Task InitializeAsync() => harness = await FunctionsHarness.StartAsync(new FunctionsHarnessOptions { DeviceCount = 10 });

    public async Task DisposeAsync() => await harness.DisposeAsync();

    public static TheoryData<string, string> StartBodies()
    {
        var plan = "{\"tenantId\":\"8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b\",\"rings\":[]}";
        return new TheoryData<string, string>
        {
            { "", "body" },
            { "not json", "body" },
            { "[]", "body" },
            { "{\"requestId\":\"r1\"}", "plan" },
            { "{\"requestId\":\"has space\",\"plan\":" + plan + "}", "requestId" },
            { "{\"requestId\":\"r1\",\"plan\":{\"rings\":[{\"name\":\"a\",\"groupIds\":[\"not-a-guid\"]}]}}", "plan.rings[0].groupIds[0]" },
            { "{\"requestId\":\"r1\",\"plan\":" + new string('[', 200) + new string(']', 200) + "}", "body" },
            { "{\"requestId\":\"r1\",\"plan\":{\"profileName\":\"" + new string('x', RolloutStartRequest.MaxBytes) + "\"}}", "body" },
        };
    }

    [Theory]
    [MemberData(nameof(StartBodies))]
    public async Task A_bad_start_body_is_a_400_problem_naming_where_and_starts_nothing(string body, string path)
    {
        var answer = await harness.HttpAsync("StartRollout", "POST", "/api/rollouts", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.StartsWith(ApiProblem.ContentType, answer.Headers.GetValues("Content-Type").Single(), StringComparison.Ordinal);
        var errors = JsonNode.Parse(answer.Text)!["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.StartsWith(path, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", answer.Text, StringComparison.Ordinal);
        await AssertNothingStartedAsync();
    }

    [Theory]
    [InlineData("GetRollout", "rollout with space", null)]
    [InlineData("GetRollout", "", null)]
    [InlineData("AnswerRollout", "rollout-x", "delete-everything")]
    [InlineData("AnswerRollout", "../../etc", "resume")]
    [InlineData("GetRotation", "rotation\u0000x", null)]
    public async Task A_bad_route_value_is_a_400_problem(string function, string id, string? action)
    {
        var route = new Dictionary<string, string> { ["id"] = id };
        if (action is not null)
        {
            route["action"] = action;
        }

        var answer = await harness.HttpAsync(function, action is null ? "GET" : "POST", "/api/x", route: route);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("\"errors\"", answer.Text, StringComparison.Ordinal);
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task An_oversized_queue_message_is_a_poison_record_whose_size_stays_under_the_queue_limit()
    {
        var message = "{\"requestId\":\"r1\",\"plan\":{\"profileName\":\"" + new string('é', 40_000) + "\"}}";

        var output = (Triggers.RolloutQueueOutput)(await harness.InvokeAsync("RolloutFromQueue", message))!;

        Assert.NotNull(output.Rejection);
        Assert.True(Convert.ToBase64String(Encoding.UTF8.GetBytes(output.Rejection!)).Length <= 64 * 1024);
        await AssertNothingStartedAsync();
    }

    private async Task AssertNothingStartedAsync()
    {
        Assert.Empty(await harness.Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
        Assert.Empty(harness.Tenant.Intune.Policies());
    }
}
