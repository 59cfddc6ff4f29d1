using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Tests;

public sealed class RotationPolicyReaderTests
{
    [Fact]
    public void A_full_policy_is_read_with_every_setting()
    {
        var policy = RotationPolicyReader.Read("""
            { "schedule": "0 0 3 * * 0", "maxKeyAgeDays": 30, "domains": ["contoso.com", "emea.contoso.com"],
              "maintenanceWindow": { "start": "22:00", "end": "04:00", "days": ["Saturday"] },
              "requireApproval": true, "freeze": false, "convergenceDeadlineMinutes": 60, "pollIntervalMinutes": 2 }
            """);

        Assert.Equal(TimeSpan.FromDays(30), policy.MaxKeyAge);
        Assert.Equal(["contoso.com", "emea.contoso.com"], policy.Domains);
        Assert.True(policy.RequireApproval);
        Assert.Equal(TimeSpan.FromMinutes(60), policy.ConvergenceDeadline);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero), policy.NextRun(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new TimeOnly(22, 0), policy.Window!.Start);
    }

    [Fact]
    public void Defaults_fill_what_a_minimal_policy_leaves_out()
    {
        var policy = RotationPolicyReader.Read("""{ "schedule": "0 30 2 * * *" }""");

        Assert.Equal(TimeSpan.FromDays(90), policy.MaxKeyAge);
        Assert.Empty(policy.Domains);
        Assert.Null(policy.Window);
        Assert.False(policy.Freeze);
        Assert.Equal(TimeSpan.FromMinutes(5), policy.PollInterval);
    }

    [Theory]
    [InlineData("""{ "schedule": "0 3 * * 0" }""", "schedule", "six-field")]
    [InlineData("""{ "schedule": "0 0 25 * * 0" }""", "schedule", "does not parse")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "maxKeyAgeDays": -5 }""", "maxKeyAgeDays", "greater than 0")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "maxKeyAgeDays": "90" }""", "maxKeyAgeDays", "must be a number")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "domains": ["contoso.com", "contoso.com; Remove-ADUser x"] }""", "domains[1]", "not a DNS name")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "maintenanceWindow": { "start": "25:00", "end": "04:00" } }""", "maintenanceWindow.start", "HH:mm")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "maintenanceWindow": { "start": "01:00", "end": "04:00", "days": ["Caturday"] } }""", "maintenanceWindow.days[0]", "weekday")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "freeze": "yes" }""", "freeze", "true or false")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "pollIntervalMinutes": 30, "convergenceDeadlineMinutes": 10 }""", "pollIntervalMinutes", "must not exceed")]
    [InlineData("""{ "schedule": "0 0 3 * * 0", "maxKeyAge": 90 }""", "maxKeyAge", "unknown setting")]
    [InlineData("""{ "maxKeyAgeDays": 90 }""", "schedule", "required")]
    public void Bad_settings_are_refused_with_their_path(string json, string path, string fragment)
    {
        var ex = Assert.Throws<InvalidInputException>(() => RotationPolicyReader.Read(json));

        var error = Assert.Single(ex.Errors, e => e.Path == path);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_says_where_it_broke()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RotationPolicyReader.Read("{\n  \"schedule\": \"0 0 3 * * 0\",\n  oops\n}"));

        Assert.Contains("malformed JSON at line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RotationPolicyReader.Read("""{ "schedule": "x", "maxKeyAgeDays": 0, "domains": ["-bad-"] }"""));

        Assert.Equal(["schedule", "maxKeyAgeDays", "domains[0]"], ex.Errors.Select(e => e.Path));
    }
}
