using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Integrations.Graph.Contracts;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Verifies a ring from <c>getConfigurationPolicyDevicesReport</c>: pages through every row with <c>top</c>/<c>skip</c>
/// (never one request per device), reads cells by the column names in <c>Schema</c>, and counts the states of the
/// devices in the ring's groups; ring devices absent from the report count as pending.
/// </summary>
internal sealed partial class DevicePolicyReport(BetaGraphClient beta, GroupDeviceIds groups, int pageSize, ILogger<DevicePolicyReport> logger)
{
    private static readonly string[] Columns = ["AadDeviceId", "DeviceId", "DeviceName", "PolicyStatus"];

    public async Task<RingStatusResult> ReadAsync(string policyId, IReadOnlyList<Guid> ringGroups, int sampleLimit, CancellationToken cancellationToken)
    {
        var ring = await groups.ReadAsync(ringGroups, cancellationToken);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int succeeded = 0, errors = 0, conflicts = 0, notApplicable = 0, pages = 0;
        var failing = new List<DeviceIssue>();
        var skip = 0;
        while (true)
        {
            var table = await beta.SendJsonAsync<DeviceReportTable>(
                HttpMethod.Post,
                "deviceManagement/reports/getConfigurationPolicyDevicesReport",
                new DeviceReportRequest($"(PolicyId eq '{policyId}')", Columns, skip, pageSize),
                cancellationToken) ?? throw new GraphRequestException(200, "EmptyBody", "report returned nothing", "POST getConfigurationPolicyDevicesReport");
            pages++;
            var column = ColumnIndex(table.Schema);
            foreach (var row in table.Values)
            {
                var aadId = Text(row[column["AadDeviceId"]]);
                if (aadId is null || !ring.Contains(aadId) || !seen.Add(aadId))
                {
                    continue;
                }

                var state = PolicyStatusCode.NameOf(Number(row[column["PolicyStatus"]]));
                switch (state)
                {
                    case PolicyStatusCode.Succeeded: succeeded++; break;
                    case PolicyStatusCode.Error: errors++; break;
                    case PolicyStatusCode.Conflict: conflicts++; break;
                    case PolicyStatusCode.NotApplicable: notApplicable++; break;
                    default: break;
                }

                if (state is PolicyStatusCode.Error or PolicyStatusCode.Conflict && failing.Count < sampleLimit)
                {
                    failing.Add(new DeviceIssue(Text(row[column["DeviceId"]]) ?? aadId, Text(row[column["DeviceName"]]) ?? string.Empty, state));
                }
            }

            skip += table.Values.Count;
            if (table.Values.Count == 0 || skip >= table.TotalRowCount)
            {
                break;
            }
        }

        var pending = ring.Count - succeeded - errors - conflicts - notApplicable;
        LogRead(policyId, ring.Count, succeeded, errors, conflicts, pending, pages);
        return new RingStatusResult(new RingCounts(ring.Count, succeeded, errors, conflicts, pending, notApplicable), failing);
    }

    private static Dictionary<string, int> ColumnIndex(IReadOnlyList<DeviceReportColumn> schema)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < schema.Count; i++)
        {
            index[schema[i].Column] = i;
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        return missing.Count == 0 ? index : throw new GraphRequestException(200, "UnexpectedSchema", $"report lacks column(s) {string.Join(", ", missing)}", "POST getConfigurationPolicyDevicesReport");
    }

    private static string? Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.Number => cell.GetRawText(),
        _ => null,
    };

    private static int Number(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Number when cell.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(cell.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => 0,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyId}: ring of {Targeted} devices — {Succeeded} succeeded, {Errors} errors, {Conflicts} conflicts, {Pending} pending ({Pages} report pages)")]
    private partial void LogRead(string policyId, int targeted, int succeeded, int errors, int conflicts, int pending, int pages);
}
