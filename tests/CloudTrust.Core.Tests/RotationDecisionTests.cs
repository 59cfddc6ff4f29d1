using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;

namespace CloudTrust.Core.Tests;

public sealed class RotationDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero); // a Sunday

    private static RotationPolicy Policy(bool freeze = false, MaintenanceWindow? window = null)
        => new("0 0 3 * * 0", TimeSpan.FromDays(90), [], window, false, freeze, TimeSpan.FromHours(2), TimeSpan.FromMinutes(5));

    private static KerberosServerObject Server(int ageDays, long keyVersion = 7, long cloudKeyVersion = 7, long cloudId = 42)
        => new(42, "CN=krbtgt_AzureAD", "CN=AzureADKerberos", "AzureADKerberos", "contoso.com", keyVersion, Now.AddDays(-ageDays), "DC01",
            "AzureADKerberos", "contoso.com", cloudId, cloudKeyVersion, Now.AddDays(-ageDays));

    [Fact]
    public void A_due_run_rotates_an_old_key_and_skips_a_young_one_with_its_age()
    {
        Assert.True(RotationDecision.Decide(Policy(), RotationMode.Due, Server(120), Now).Rotate);

        var young = RotationDecision.Decide(Policy(), RotationMode.Due, Server(10), Now);
        Assert.False(young.Rotate);
        Assert.Equal("the key is 10 days old; the policy rotates after 90 days", young.SkipReason);
    }

    [Fact]
    public void A_run_now_rotates_a_young_key()
        => Assert.True(RotationDecision.Decide(Policy(), RotationMode.Now, Server(1), Now).Rotate);

    [Fact]
    public void An_unhealthy_object_is_skipped_naming_the_disagreeing_versions()
    {
        var decision = RotationDecision.Decide(Policy(), RotationMode.Now, Server(120, keyVersion: 9, cloudKeyVersion: 7), Now);

        Assert.False(decision.Rotate);
        Assert.Contains("KeyVersion (9) != CloudKeyVersion (7)", decision.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_freeze_wins_over_everything()
        => Assert.Equal("a rotation freeze is on", RotationDecision.Decide(Policy(freeze: true), RotationMode.Now, Server(500), Now).SkipReason);

    [Fact]
    public void A_due_run_outside_the_maintenance_window_waits_for_it()
    {
        var window = new MaintenanceWindow(new TimeOnly(3, 0), new TimeOnly(5, 0), []);

        var decision = RotationDecision.Decide(Policy(window: window), RotationMode.Due, Server(120), Now);

        Assert.False(decision.Rotate);
        Assert.StartsWith("outside the maintenance window", decision.SkipReason, StringComparison.Ordinal);
        Assert.True(RotationDecision.Decide(Policy(window: window), RotationMode.Due, Server(120), Now.AddHours(1.5)).Rotate);
    }
}
