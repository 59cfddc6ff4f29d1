using CloudTrust.Integrations.TicketProbe;

namespace CloudTrust.Rollout.Tests.Unit;

public sealed class DsregcmdStatusParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dsregcmd", name));

    [Fact]
    public void A_hybrid_device_with_both_tickets_works_even_with_CRLF_line_ends()
    {
        var result = DsregcmdStatusParser.Parse(Fixture("hybrid-working.txt"));

        Assert.Equal(new TicketProbeResult(true, true, true, true, true), result);
        Assert.True(result.Works);
        Assert.Null(result.Diagnosis);
    }

    [Fact]
    public void An_Entra_joined_device_with_both_tickets_works()
    {
        var result = DsregcmdStatusParser.Parse(Fixture("entra-joined-working.txt"));

        Assert.True(result.Works);
        Assert.False(result.DomainJoined);
    }

    [Fact]
    public void CloudTgt_without_OnPremTgt_points_at_the_domain_controller_exchange()
    {
        var result = DsregcmdStatusParser.Parse(Fixture("dc-exchange-failed.txt"));

        Assert.False(result.Works);
        Assert.True(result.CloudTgt);
        Assert.False(result.OnPremTgt);
        Assert.Contains("domain controller exchange failed", result.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_OnPremTgt_line_wins_over_the_prerequisite_section_further_down()
    {
        var values = DsregcmdStatusParser.ReadValues(Fixture("hybrid-working.txt"));

        Assert.Equal("YES", values["OnPremTgt"]);
        Assert.Equal("CORP\\user000042, user000042@contoso.example", values["Executing Account Name"]);
        Assert.Equal(string.Empty, values["EnterprisePrtAuthority"]);
    }

    [Fact]
    public void No_primary_refresh_token_is_diagnosed_first()
    {
        var result = DsregcmdStatusParser.Parse(Fixture("no-prt.txt"));

        Assert.False(result.Works);
        Assert.Contains("primary refresh token", result.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_detection_script_reads_the_same_keys_as_the_parser()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TicketProbe", "Detect-CloudKerberosTicket.ps1"));

        Assert.Contains("IndexOf(' : ')", script, StringComparison.Ordinal);
        foreach (var key in new[] { "'OnPremTgt'", "'CloudTgt'", "'AzureAdPrt'", "'AzureAdJoined'", "'DomainJoined'" })
        {
            Assert.Contains(key, script, StringComparison.Ordinal);
        }
    }
}
