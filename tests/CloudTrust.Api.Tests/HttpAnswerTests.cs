using CloudTrust.Api;

namespace CloudTrust.Api.Tests;

/// <summary>What the HTTP answers hand out: our own status addresses, never Durable's keyed ones, and who approved.</summary>
public sealed class HttpAnswerTests
{
    [Theory]
    [InlineData("https://app.example/api/rollouts?code=function-key-canary", "rollout-a", "https://app.example/api/rollouts/rollout-a")]
    [InlineData("http://127.0.0.1:7071/api/rollouts", "rollout-b.1", "http://127.0.0.1:7071/api/rollouts/rollout-b.1")]
    public void A_started_rollout_links_to_this_apps_status_endpoint_without_the_callers_key(string request, string id, string expected)
    {
        var accepted = InstanceAccepted.ForRollout(new Uri(request), id);

        Assert.Equal(expected, accepted.StatusUri.ToString());
        Assert.DoesNotContain("code=", ApiJson.Serialize(accepted), StringComparison.Ordinal);
    }

    [Fact]
    public void A_started_rotation_links_to_the_rotation_status_endpoint()
        => Assert.Equal("https://app.example/api/rotations/rotation-1", InstanceAccepted.ForRotation(new Uri("https://app.example/api/rotations"), "rotation-1").StatusUri.ToString());

    [Theory]
    [InlineData(true, "admin@contoso.example", "admin@contoso.example")]
    [InlineData(false, "admin@contoso.example", Approver.FunctionKey)]
    [InlineData(true, null, Approver.FunctionKey)]
    [InlineData(true, "   ", Approver.FunctionKey)]
    [InlineData(true, "evil\r\nX-Injected: 1", "evilX-Injected: 1")]
    public void The_approver_is_the_signed_in_principal_only_when_App_Service_Authentication_is_on(bool authentication, string? header, string expected)
        => Assert.Equal(expected, Approver.Name(authentication, header));

    [Fact]
    public void A_long_principal_name_is_bounded()
        => Assert.Equal(256, Approver.Name(true, new string('a', 10_000)).Length);

    [Theory]
    [InlineData(true, null, 401)]
    [InlineData(true, " ", 401)]
    [InlineData(true, "admin@contoso.example", null)]
    [InlineData(false, null, null)]
    public void With_App_Service_Authentication_on_an_approval_must_name_a_signed_in_principal(bool authentication, string? header, int? status)
        => Assert.Equal(status, Approver.RequireSignIn(authentication, header)?.Status);
}
