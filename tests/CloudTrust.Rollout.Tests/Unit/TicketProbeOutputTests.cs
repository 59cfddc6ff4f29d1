using System.Text.Json;
using CloudTrust.Core.Rollout.Tickets;
using CloudTrust.Integrations.TicketProbe;

namespace CloudTrust.Rollout.Tests.Unit;

/// <summary>
/// The probe's output read from recorded tool outputs, one set per cause (Fixtures/ticket-probe/&lt;cause&gt;: dsregcmd
/// /status, event 358's message, reg query of the PassportForWork keys, nltest /dsgetdc, whoami /groups /fo csv, the
/// session's domain and logon type), written from each tool's published format; and bad output, which must read as
/// unknown with its reason, never throw.
/// </summary>
public sealed class TicketProbeOutputTests
{
    private static readonly string[] KerberosDomains = ["corp.contoso.example"];

    [Theory]
    [InlineData("policy-not-applied", TicketFailureCause.PolicyNotApplied)]
    [InlineData("cloud-trust-not-enforced", TicketFailureCause.CloudTrustNotEnforced)]
    [InlineData("domain-has-no-kerberos-object", TicketFailureCause.DomainHasNoKerberosObject)]
    [InlineData("no-line-of-sight-to-dc", TicketFailureCause.NoLineOfSightToDc)]
    [InlineData("prt-stale", TicketFailureCause.PrtStale)]
    [InlineData("privileged-user-blocked", TicketFailureCause.PrivilegedUserBlocked)]
    [InlineData("unsupported-sign-in", TicketFailureCause.UnsupportedSignIn)]
    [InlineData("unknown", TicketFailureCause.Unknown)]
    public void Each_recorded_cause_is_classified_into_that_one_cause(string fixture, TicketFailureCause expected)
    {
        var reading = TicketProbeOutput.Read(Recorded(fixture));

        Assert.Null(reading.UnknownReason);
        Assert.False(reading.Works);
        var (cause, detail) = TicketCauseRules.Classify(reading.Evidence!, KerberosDomains)!.Value;
        Assert.Equal(expected, cause);
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.False(string.IsNullOrWhiteSpace(TicketCauseActions.Action(cause)));
    }

    [Fact]
    public void A_device_with_both_tickets_works_and_has_no_cause()
    {
        var reading = TicketProbeOutput.Read(Recorded("working"));

        Assert.True(reading.Works);
        Assert.Null(TicketCauseRules.Classify(reading.Evidence!, KerberosDomains));
    }

    [Fact]
    public void Group_Policy_turning_cloud_trust_off_wins_over_the_MDM_value_read_after_it()
    {
        var evidence = TicketProbeOutput.Read(Recorded("cloud-trust-not-enforced")).Evidence!;

        Assert.False(evidence.UseCloudTrust);
        Assert.False(evidence.CloudTrustPolicyEnabled);
        Assert.Equal("Not Tested", evidence.CloudTgtCheck);
    }

    [Fact]
    public void Without_the_rollouts_knowledge_of_domains_a_missing_object_is_not_guessed()
    {
        var evidence = TicketProbeOutput.Read(Recorded("domain-has-no-kerberos-object")).Evidence!;

        Assert.Equal(TicketFailureCause.Unknown, TicketCauseRules.Classify(evidence, null)!.Value.Cause);
    }

    [Fact]
    public void Output_cut_by_the_2048_character_limit_is_unknown_with_the_reason()
    {
        var whole = Recorded("privileged-user-blocked");
        var reading = TicketProbeOutput.Read(whole[..2048]);

        Assert.Null(reading.Evidence);
        Assert.Contains("cut or another format", reading.UnknownReason, StringComparison.Ordinal);
        Assert.True(reading.UnknownReason!.Length <= 250);
    }

    [Fact]
    public void An_older_probe_that_reports_only_tickets_counts_a_working_device_and_keeps_a_failing_one_unknown()
    {
        Assert.True(TicketProbeOutput.Read("""{"probe":"cloudtrust-ticket/1","onPremTgt":true,"cloudTgt":true,"azureAdPrt":true,"azureAdJoined":true,"domainJoined":false}""").Works);

        var failing = TicketProbeOutput.Read("""{"probe":"cloudtrust-ticket/1","onPremTgt":false,"cloudTgt":true,"azureAdPrt":true,"azureAdJoined":true,"domainJoined":true}""");
        Assert.False(failing.Works);
        Assert.Contains("older probe", failing.UnknownReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"probe":"cloudtrust-ticket/9","tickets":"both"}""", "unknown probe version")]
    [InlineData("""{"probe":"cloudtrust-ticket/2","error":"dsregcmd failed: Der Befehl wurde nicht gefunden"}""", "the probe failed on the device")]
    [InlineData("Der Befehl \"dsregcmd\" wurde nicht gefunden.", "not the probe's JSON")]
    [InlineData("""{"probe":"cloudtrust-ticket/2","dsregcmd":"Etat SSO\nJeton : OUI"}""", "dsregcmd's SSO state")]
    [InlineData("[1,2,3]", "not the probe's JSON")]
    [InlineData("", "printed nothing")]
    public void Other_versions_languages_and_formats_are_unknown_with_the_reason(string output, string reason)
    {
        var reading = TicketProbeOutput.Read(output);

        Assert.Null(reading.Evidence);
        Assert.Contains(reason, reading.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_358_in_another_language_reads_as_not_reported_and_the_device_stays_unknown()
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Recorded("unknown"))!;
        json["event358"] = JsonSerializer.SerializeToElement("Cloud vertrouwen voor on-premises authenticatiebeleid ingeschakeld: Ja\nGebruikersaccount heeft Cloud TGT: Ja");
        var reading = TicketProbeOutput.Read(JsonSerializer.Serialize(json));

        Assert.Null(reading.Evidence!.CloudTrustPolicyEnabled);
        Assert.Equal(TicketFailureCause.Unknown, TicketCauseRules.Classify(reading.Evidence, KerberosDomains)!.Value.Cause);
    }

    [Fact]
    public void Hostile_values_are_kept_as_plain_short_text_without_control_characters()
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Recorded("privileged-user-blocked"))!;
        json["groups"] = JsonSerializer.SerializeToElement("\"CORP\\<script>alert(1)</script>$(Remove-Item C:\\ -Recurse)`r`n\u0007\",\"Group\",\"S-1-5-21-1-2-3-512\",\"Enabled group\"");
        json["userDnsDomain"] = JsonSerializer.SerializeToElement("<img src=x onerror=alert(1)>;& calc.exe");
        var evidence = TicketProbeOutput.Read(JsonSerializer.Serialize(json)).Evidence!;

        Assert.DoesNotContain('\u0007', evidence.PrivilegedGroup!);
        Assert.Equal(TicketFailureCause.DomainHasNoKerberosObject, TicketCauseRules.Classify(evidence, KerberosDomains)!.Value.Cause);
        Assert.Contains("<script>", evidence.PrivilegedGroup, StringComparison.Ordinal);
        Assert.True(TicketProbeOutput.Clean(new string('x', 5000)).Length <= TicketProbeOutput.MaxReasonLength + 1);
    }

    [Fact]
    public void Deeply_nested_or_huge_output_does_not_throw()
    {
        Assert.Null(TicketProbeOutput.Read(new string('[', 10_000)).Evidence);
        Assert.Null(TicketProbeOutput.Read("{\"probe\":\"" + new string('a', 100_000) + "\"}").Evidence);
    }

    /// <summary>The probe's JSON line holding the fixture's recorded tool outputs, as the detection script composes it.</summary>
    private static string Recorded(string fixture)
    {
        string File(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ticket-probe", fixture, name));
        var session = File("session.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["probe"] = "cloudtrust-ticket/2",
            ["dsregcmd"] = File("dsregcmd.txt"),
            ["event358"] = File("event358.txt"),
            ["policy"] = File("reg-query.txt"),
            ["dcLocator"] = File("nltest.txt"),
            ["groups"] = File("whoami-groups.csv"),
            ["userDnsDomain"] = session["USERDNSDOMAIN"],
            ["logonType"] = int.Parse(session["LogonType"], System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
