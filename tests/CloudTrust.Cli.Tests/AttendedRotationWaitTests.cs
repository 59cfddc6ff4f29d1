using CloudTrust.Cli.Commands;

namespace CloudTrust.Cli.Tests;

/// <summary>When a rotation run counts as parked on administrators (so <c>rotate</c> exits 3): only once every other domain has settled.</summary>
public sealed class AttendedRotationWaitTests
{
    private const string Waiting = "waiting for an administrator to sign in on AGENT01: CloudTrust.Agent kerberos complete 0123456789ab --upn <admin upn> (until 2026-12-04 22:00:00Z)";

    [Fact]
    public void A_run_is_parked_when_every_domain_has_settled_or_waits_for_an_administrator()
    {
        var waits = AttendedRotationWait.Parked($$"""{"phases":{"contoso.com":"{{Waiting}}","emea.contoso.com":"skipped: the key is 5 days old","fabrikam.com":"rotated: KeyVersion 15"},"domains":3}""");

        var wait = Assert.Single(waits);
        Assert.Equal("contoso.com", wait.Domain);
        Assert.Equal("0123456789ab", wait.RequestId);
    }

    [Theory]
    [InlineData("rotating")]
    [InlineData("waiting for the cloud: KeyVersion 15, CloudKeyVersion 12")]
    [InlineData("an administrator (admin@contoso.onmicrosoft.com) is signing in on AGENT01")]
    [InlineData("awaiting approval")]
    public void A_run_with_a_domain_still_moving_is_not_parked(string otherPhase)
        => Assert.Empty(AttendedRotationWait.Parked($$"""{"phases":{"contoso.com":"{{Waiting}}","emea.contoso.com":"{{otherPhase}}"},"domains":2}"""));

    [Fact]
    public void A_run_nobody_waits_for_is_not_parked()
    {
        Assert.Empty(AttendedRotationWait.Parked("""{"phases":{"contoso.com":"rotated: KeyVersion 15"},"domains":1}"""));
        Assert.Empty(AttendedRotationWait.Parked(null));
    }
}
