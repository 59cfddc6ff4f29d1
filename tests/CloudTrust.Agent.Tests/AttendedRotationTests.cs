using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Tests.Shared;

namespace CloudTrust.Agent.Tests;

/// <summary>
/// Cloud sign-in for tenants whose administrators must do MFA, end to end on the local engine and the real relay path:
/// the attended rotation waits for an administrator's <c>CloudTrust.Agent kerberos complete</c> on the agent's host;
/// password sign-in for an MFA account fails with the fix and changes nothing; a child domain signs in with its own
/// Domain Admin; an attended request nobody completes times out cleanly.
/// </summary>
public sealed partial class KeyRotationWorkflowTests
{
    private const string MfaAdmin = "hia@contoso.onmicrosoft.com";

    [Fact]
    public async Task An_attended_rotation_waits_for_an_administrator_whose_mfa_sign_in_completes_it_and_each_domain_uses_its_own_domain_admin()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        run.Seed(Child, ageDays: 200);
        run.Env.Directory.RequireMfa(MfaAdmin);

        // No cloudSignIn in the policy: attended is the default.
        var id = await run.StartAsync(RotationMode.Due, Policy() with { CloudSignIn = null });
        var waiting = await run.Engine.WaitUntilAsync(id, i => Count(i.CustomStatus, "waiting for an administrator to sign in on " + Environment.MachineName) == 2, Timeouts.Token);
        Assert.Contains("CloudTrust.Agent kerberos complete ", waiting.CustomStatus, StringComparison.Ordinal);
        Assert.Equal(0, run.RotationsOnDisk(Root));

        var pending = await run.AdminRunsAsync("kerberos", "pending");
        Assert.Equal(0, pending.Exit);
        var requests = pending.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2)[0]).ToList();
        Assert.Equal(2, requests.Count);

        foreach (var request in requests)
        {
            var done = await run.AdminRunsAsync("kerberos", "complete", request, "--upn", "admin@contoso.onmicrosoft.com");
            Assert.True(done.Exit == 0, done.Error);
            Assert.Contains("done: RotateKerberosServerKey", done.Output, StringComparison.Ordinal);
            var signIn = Assert.Single(done.Directory.SignIns);
            Assert.True(signIn.Interactive);
            Assert.Equal("admin@contoso.onmicrosoft.com", signIn.CloudUserName);
            Assert.Equal(signIn.Domain == Child ? SimulatedActiveDirectory.ChildDomainAdmin : "CONTOSO\\da", signIn.DomainUserName);
        }

        var report = await run.FinishAsync(id);
        Assert.All(report.Attempts, a => Assert.True(a.Outcome == RotationOutcome.Rotated, a.Reason));
        Assert.All(report.Attempts, a => Assert.Equal(a.NewKeyVersion, a.CloudKeyVersion));
        Assert.Equal(1, run.RotationsOnDisk(Root));
        Assert.Equal(1, run.RotationsOnDisk(Child));

        // Completing again is refused and changes nothing; a request id that does not exist is "not found".
        var again = await run.AdminRunsAsync("kerberos", "complete", requests[0], "--upn", "admin@contoso.onmicrosoft.com");
        Assert.Equal(2, again.Exit);
        Assert.Contains("AttendedRequestClosed", again.Error, StringComparison.Ordinal);
        var unknown = await run.AdminRunsAsync("kerberos", "complete", "0123456789ab", "--upn", "admin@contoso.onmicrosoft.com");
        Assert.Equal(4, unknown.Exit);
        Assert.Equal(1, run.RotationsOnDisk(Root));

        // A second due run reads the key's age from the history and asks nobody.
        var second = await run.RotateAsync(RotationMode.Due, Policy() with { CloudSignIn = null });
        Assert.All(second.Attempts, a => Assert.StartsWith("the key was rotated 0 days ago (rotation history)", a.Reason, StringComparison.Ordinal));

        AssertNothingSecretWritten(run);
    }

    [Fact]
    public async Task A_password_sign_in_for_an_account_that_must_do_mfa_fails_with_the_fix_and_changes_nothing()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        run.Env.Directory.RequireMfa(MfaAdmin);

        var report = await run.RotateAsync(RotationMode.Now, Policy(), [Root]);

        var attempt = report.Attempts.Single();
        Assert.Equal(RotationOutcome.Failed, attempt.Outcome);
        Assert.Contains(KerberosErrorCodes.CloudMfaRequired, attempt.Reason, StringComparison.Ordinal);
        Assert.Contains("AADSTS50076", attempt.Reason, StringComparison.Ordinal);
        Assert.Contains("cloudSignIn to \"attended\"", attempt.Reason, StringComparison.Ordinal);
        Assert.Equal(0, run.RotationsOnDisk(Root));
        AssertNothingSecretWritten(run);
    }

    [Fact]
    public async Task A_child_domain_rotated_with_the_forest_roots_admin_gets_advice_naming_its_own_secret_and_is_not_changed()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        run.Seed(Child, ageDays: 200);
        run.Env.Vault.SetSecret(AgentSecretNames.DomainAdminFor(Child), $$"""{"domainUserName":"CONTOSO\\da","domainPassword":"{{run.Env.Canary}}-wrong"}""");

        var report = await run.RotateAsync(RotationMode.Now, Policy());

        Assert.Equal(RotationOutcome.Rotated, report.Attempts.Single(a => a.Domain == Root).Outcome);
        var child = report.Attempts.Single(a => a.Domain == Child);
        Assert.Equal(RotationOutcome.Failed, child.Outcome);
        Assert.Contains(KerberosErrorCodes.WrongDomainAdmin, child.Reason, StringComparison.Ordinal);
        Assert.Contains("a child domain needs a Domain Admin of its own", child.Reason, StringComparison.Ordinal);
        Assert.Contains("'kerberos-domain-admin--emea--contoso--com'", child.Reason, StringComparison.Ordinal);
        Assert.Equal(0, run.RotationsOnDisk(Child));
        AssertNothingSecretWritten(run);
    }

    [Fact]
    public async Task An_attended_rotation_nobody_completes_times_out_cleanly_and_its_request_can_no_longer_run()
    {
        await using var run = await RotationRun.StartAsync();
        run.Seed(Root, ageDays: 200);
        var policy = Policy() with { CloudSignIn = CloudSignInPolicy.AttendedEverywhere with { AttendedTimeout = TimeSpan.FromMinutes(30) } };

        var report = await run.RotateAsync(RotationMode.Now, policy, [Root]);

        var attempt = report.Attempts.Single();
        Assert.Equal(RotationOutcome.Failed, attempt.Outcome);
        Assert.StartsWith($"{KerberosErrorCodes.AttendedTimeout}: no administrator signed in on {Environment.MachineName} within 30 minutes, so nothing was changed", attempt.Reason, StringComparison.Ordinal);
        var late = await run.AdminRunsAsync("kerberos", "complete", ExtractRequestId(attempt.Reason!), "--upn", "admin@contoso.onmicrosoft.com");
        Assert.Equal(2, late.Exit);
        Assert.Contains("its workflow stopped waiting", late.Error, StringComparison.Ordinal);
        Assert.Empty(late.Directory.SignIns);
        Assert.Equal(0, run.RotationsOnDisk(Root));
    }

    [Theory]
    [InlineData(new[] { "kerberos", "complete" }, "<request-id> is required")]
    [InlineData(new[] { "kerberos", "complete", "ABC!", "--upn", "a@contoso.com" }, "<request-id> must be at most")]
    [InlineData(new[] { "kerberos", "complete", "0123456789ab" }, "--upn is required")]
    [InlineData(new[] { "kerberos", "complete", "0123456789ab", "--upn", "not-an-upn" }, "--upn must have the form name@domain")]
    [InlineData(new[] { "kerberos", "frobnicate" }, "usage: CloudTrust.Agent kerberos pending")]
    public async Task The_administrators_command_refuses_bad_input_with_what_is_wrong(string[] args, string expected)
    {
        await using var run = await RotationRun.StartAsync();

        var result = await run.AdminRunsAsync(args);

        Assert.Equal(2, result.Exit);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Directory.SignIns);
    }

    private static string ExtractRequestId(string reason)
    {
        var at = reason.IndexOf("request ", StringComparison.Ordinal) + "request ".Length;
        return reason[at..reason.IndexOf(' ', at)];
    }

    private static int Count(string? text, string part)
    {
        var count = 0;
        for (var at = text?.IndexOf(part, StringComparison.Ordinal) ?? -1; at >= 0; at = text!.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>No planted secret is in the logs, the journal, the history or the agent's state files (attended requests included).</summary>
    private static void AssertNothingSecretWritten(RotationRun run)
    {
        var files = string.Concat(Directory.GetFiles(run.Env.StateDirectory, "*", SearchOption.AllDirectories).Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        var everything = run.Env.EverythingLogged() + files;
        foreach (var secret in run.Env.SecretForms())
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
