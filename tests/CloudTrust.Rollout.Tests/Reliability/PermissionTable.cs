using System.Text.RegularExpressions;

namespace CloudTrust.Rollout.Tests.Reliability;

/// <summary>
/// The README's Graph permission table (between <c>&lt;!-- graph-permissions --&gt;</c> markers): one row per request
/// shape, <c>| GET | /beta/deviceManagement/configurationPolicies/{id} | DeviceManagementConfiguration.ReadWrite.All |</c>.
/// </summary>
internal sealed partial class PermissionTable
{
    private readonly List<(string Request, string Permission)> rows;

    private PermissionTable(List<(string Request, string Permission)> rows) => this.rows = rows;

    /// <summary>Gets every permission the table names; a cell may name several joined by <c>+</c> (all of them needed).</summary>
    public IEnumerable<string> Permissions => rows.SelectMany(r => r.Permission.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct();

    public static PermissionTable FromReadme(string path)
    {
        var text = File.ReadAllText(path);
        var start = text.IndexOf("<!-- graph-permissions:start -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- graph-permissions:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the README has no graph-permissions table");
        var rows = new List<(string, string)>();
        foreach (var line in text[start..end].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            if (cells.Length >= 3 && cells[0] is "GET" or "POST" or "PUT" or "PATCH" or "DELETE")
            {
                rows.Add(($"{cells[0]} {cells[1]}", cells[2]));
            }
        }

        Assert.NotEmpty(rows);
        return new PermissionTable(rows);
    }

    /// <summary>Drops the query and replaces ids (GUIDs and other opaque segments after a collection) with <c>{id}</c>.</summary>
    public static string Normalize(string path)
    {
        var bare = path.Split('?')[0];
        return Id().Replace(bare, "/{id}");
    }

    public string? PermissionFor(string request) => rows.FirstOrDefault(r => r.Request == request).Permission;

    [GeneratedRegex("/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)")]
    private static partial Regex Id();
}
