using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Tests;

public sealed class CloudSignInPolicyTests
{
    [Fact]
    public void Attended_is_the_default_and_password_must_be_named_per_domain_or_for_all()
    {
        var unnamed = RotationPolicyReader.Read("""{ "schedule": "0 0 3 * * 0" }""");
        var mixed = RotationPolicyReader.Read("""{ "schedule": "0 0 3 * * 0", "cloudSignInByDomain": { "Legacy.Contoso.com": "password" }, "attendedTimeoutMinutes": 60 }""");

        Assert.Equal(CloudSignInMode.Attended, unnamed.SignIn.For("contoso.com"));
        Assert.Equal(TimeSpan.FromHours(4), unnamed.SignIn.AttendedTimeout);
        Assert.Equal(CloudSignInMode.Password, mixed.SignIn.For("legacy.contoso.com"));
        Assert.Equal(CloudSignInMode.Attended, mixed.SignIn.For("contoso.com"));
        Assert.Equal(TimeSpan.FromHours(1), mixed.SignIn.AttendedTimeout);
    }

    [Fact]
    public void Bad_sign_in_settings_are_named_by_path()
    {
        var ex = Assert.Throws<InvalidInputException>(() => RotationPolicyReader.Read(
            """{ "schedule": "0 0 3 * * 0", "cloudSignIn": "mfa", "cloudSignInByDomain": { "-bad-": "password", "contoso.com": 1 }, "attendedTimeoutMinutes": 0 }"""));

        var paths = ex.Errors.Select(e => e.Path).ToList();
        Assert.Contains("cloudSignIn", paths);
        Assert.Contains("cloudSignInByDomain.-bad-", paths);
        Assert.Contains("cloudSignInByDomain.contoso.com", paths);
        Assert.Contains("attendedTimeoutMinutes", paths);
    }

    [Fact]
    public void An_attended_due_run_takes_the_keys_age_from_the_history()
    {
        var policy = RotationPolicyReader.Read("""{ "schedule": "0 0 3 * * 0", "maxKeyAgeDays": 30 }""");
        var now = new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

        Assert.True(RotationDecision.DecideAttended(policy, RotationMode.Due, null, now).Rotate);
        Assert.True(RotationDecision.DecideAttended(policy, RotationMode.Due, now.AddDays(-31), now).Rotate);
        Assert.StartsWith("the key was rotated 5 days ago", RotationDecision.DecideAttended(policy, RotationMode.Due, now.AddDays(-5), now).SkipReason, StringComparison.Ordinal);
        Assert.Equal("a rotation freeze is on", RotationDecision.DecideAttended(policy with { Freeze = true }, RotationMode.Now, null, now).SkipReason);
    }

    [Fact]
    public void Removal_is_refused_while_a_rollout_relies_on_the_object()
    {
        Assert.Null(KerberosRemovalGuard.Refusal("contoso.com", [new RolloutOnDomain("r1", true, false)]));
        Assert.Contains("abort it first", KerberosRemovalGuard.Refusal("contoso.com", [new RolloutOnDomain("r2", false, false)]), StringComparison.Ordinal);
        Assert.Contains("assigned cloud Kerberos trust", KerberosRemovalGuard.Refusal("contoso.com", [new RolloutOnDomain("r3", true, true)]), StringComparison.Ordinal);
    }
}
