using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class RolloutPlanReaderTests
{
    private const string Valid = """
        {
          "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b",
          "domains": ["corp.contoso.com", "emea.corp.contoso.com"],
          "profileName": "WHfB cloud trust",
          "rings": [
            { "name": "pilot", "groupIds": ["11111111-1111-4111-8111-111111111111"], "successThreshold": 0.9, "maxErrorShare": 0.05, "soak": "04:00:00", "verificationDeadline": "2.00:00:00", "requireApproval": true },
            { "name": "broad", "groupIds": ["22222222-2222-4222-8222-222222222222"], "successThreshold": 0.95, "soak": "1.00:00:00", "verificationDeadline": "7.00:00:00" }
          ]
        }
        """;

    [Fact]
    public void A_valid_plan_reads_with_defaults()
    {
        var result = RolloutPlanReader.Read(Valid);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var plan = result.Plan!;
        Assert.Equal(ProfileMode.SettingsCatalog, plan.ProfileMode);
        Assert.True(plan.RequireSecurityDevice);
        Assert.Equal(RolloutPlanReader.DefaultPollInterval, plan.PollInterval);
        Assert.Equal(2, plan.Rings.Count);
        Assert.True(plan.Rings[0].RequireApproval);
        Assert.False(plan.Rings[1].RequireApproval);
        Assert.Equal(0.05, plan.Rings[1].MaxErrorShare);
        Assert.Equal(TimeSpan.FromDays(7), plan.Rings[1].VerificationDeadline);
    }

    [Theory]
    [InlineData("\"22222222-2222-4222-8222-222222222222\"", "\"nope\"", "rings[1].groupIds[0]: not a GUID")]
    [InlineData("\"emea.corp.contoso.com\"", "\"-bad-.com\"", "domains[1]: not a DNS name")]
    [InlineData("\"successThreshold\": 0.95", "\"successThreshold\": 1.5", "rings[1].successThreshold: must be a number from 0 to 1")]
    [InlineData("\"soak\": \"04:00:00\"", "\"soak\": \"four hours\"", "rings[0].soak: not a duration (use [d.]hh:mm:ss)")]
    [InlineData("\"verificationDeadline\": \"2.00:00:00\"", "\"verificationDeadline\": \"01:00:00\"", "rings[0].verificationDeadline: must not be shorter than soak")]
    [InlineData("\"22222222-2222-4222-8222-222222222222\"", "\"11111111-1111-4111-8111-111111111111\"", "rings[1].groupIds[0]: group already used at rings[0].groupIds[0]")]
    [InlineData("\"profileName\": \"WHfB cloud trust\",", "\"profileMode\": \"gpo\", \"profileName\": \"WHfB cloud trust\",", "profileMode: must be \"settingsCatalog\" or \"customOmaUri\"")]
    [InlineData("\"tenantId\": \"8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b\"", "\"tenantId\": \"00000000-0000-0000-0000-000000000000\"", "tenantId: not a GUID")]
    public void Errors_name_the_exact_path(string find, string replace, string expected)
    {
        var result = RolloutPlanReader.Read(Valid.Replace(find, replace, StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_empty_ring_list_is_rejected()
    {
        var json = """{ "tenantId": "8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b", "domains": ["corp.contoso.com"], "profileName": "x", "rings": [] }""";

        Assert.Contains("rings: at least one ring", RolloutPlanReader.Read(json).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Malformed_json_reports_line_and_position()
    {
        var json = "{\n  \"tenantId\": \"8d2f6a1e-3c4b-4e5f-9a7b-1c2d3e4f5a6b\"\n  \"domains\": []\n}";

        var error = Assert.Single(RolloutPlanReader.Read(json).Errors);

        Assert.StartsWith("malformed JSON at line 3, position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = RolloutPlanReader.Read("""{ "domains": ["x"], "rings": [ { "groupIds": [] } ] }""");

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("tenantId: required", errors);
        Assert.Contains("domains[0]: not a DNS name", errors);
        Assert.Contains("profileName: required", errors);
        Assert.Contains("rings[0].groupIds: at least one group", errors);
        Assert.Contains("rings[0].successThreshold: required", errors);
        Assert.Contains("rings[0].verificationDeadline: required", errors);
    }
}
