using System.Text.RegularExpressions;
using CloudTrust.Rollout.Tests.Support;
using CloudTrust.Tests.Shared;

namespace CloudTrust.Rollout.Tests.Reliability;

/// <summary>
/// Least privilege: every Graph request the product makes in its rollouts (settings catalog with the ticket probe,
/// custom OMA-URI, migrations, previews: <see cref="GraphWorkload"/>) must match a row of the README's permission table, every permission in the
/// table must be one the grant script grants, and the relay's SAS rules must be Send-only and Listen-only.
/// </summary>
public sealed partial class LeastPrivilegeTests
{
    [Fact]
    public async Task Every_Graph_request_is_in_the_README_permission_table()
    {
        var table = PermissionTable.FromReadme(Repository.File("README.md"));
        var requests = (await GraphWorkload.RequestsAsync()).Select(r => (r.Method, r.Path)).ToList();
        var unlisted = requests.Select(r => $"{r.Method} {PermissionTable.Normalize(r.Path)}").Distinct().Where(r => table.PermissionFor(r) is null).ToList();
        Assert.True(unlisted.Count == 0, "Graph requests missing from the README's permission table:\n" + string.Join("\n", unlisted));
        var granted = Repository.Text("infra/grant-graph-permissions.sh");
        Assert.All(table.Permissions, p => Assert.Contains(p, granted, StringComparison.Ordinal));
        ReliabilityLedger.Record("least-privilege", "Graph endpoints checked against the README table", requests.Select(r => $"{r.Method} {PermissionTable.Normalize(r.Path)}").Distinct().Count(), duplicates: 0);
    }

    [Fact]
    public void The_relay_rules_are_send_only_for_the_app_and_listen_only_for_the_agent()
    {
        var bicep = Repository.Text("infra/main.bicep");

        Assert.Matches(RuleRights("cloud-send", "Send"), bicep);
        Assert.Matches(RuleRights("agent-listen", "Listen"), bicep);
        Assert.Equal(2, AuthorizationRules().Matches(bicep).Count);
    }

    private static Regex RuleRights(string name, string right)
        => new($"name: '{name}'\\s*properties: \\{{\\s*rights: \\[ '{right}' \\]", RegexOptions.Multiline);

    [GeneratedRegex("hybridConnections/authorizationRules@")]
    private static partial Regex AuthorizationRules();
}
