using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Integrations.Graph.Contracts;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Verifies a ring from beta <c>POST /deviceManagement/reports/getConfigurationPolicyDevicesReport</c>, for a
/// settings-catalog policy and for a custom OMA-URI device configuration alike (the admin center's "Device and user
/// check-in status"; it replaces <c>deviceConfigurations/{id}/deviceStatuses</c>, which Microsoft's docs deprecate from
/// May 2026: learn.microsoft.com/graph/api/resources/intune-deviceconfig-deviceconfigurationdevicestatus). Pages every
/// row with <c>top</c>/<c>skip</c> (never one request per device), locates the cells by the column names in
/// <c>Schema</c>, and counts the states of the ring's devices; ring devices absent from the report count as pending.
/// </summary>
/// <remarks>
/// The report's rows name devices by <c>IntuneDeviceId</c> (the column the admin center asks for; no public source
/// shows an Entra device id column), so the ring's Entra device ids are first mapped to Intune ids with one paged
/// listing of v1.0 <c>managedDevices?$select=id,azureADDeviceId</c>. The answer is untyped in the metadata: a missing
/// <c>TotalRowCount</c>, <c>Schema</c>, <c>Values</c> or column, an unknown <c>PolicyStatus</c>, or a page that stops
/// short of <c>TotalRowCount</c> fails with the field named; members nobody asked for are ignored.
/// </remarks>
internal sealed partial class DevicePolicyReport(GraphConnection graph, int pageSize, ILogger<DevicePolicyReport> logger)
{
    private const string Request = "POST /beta/deviceManagement/reports/getConfigurationPolicyDevicesReport";
    private const string IntuneDeviceId = "IntuneDeviceId";
    private const string DeviceName = "DeviceName";
    private const string PolicyStatus = "PolicyStatus";
    private static readonly string[] Columns = [IntuneDeviceId, DeviceName, PolicyStatus];

    public async Task<RingStatusResult> ReadAsync(string policyId, IReadOnlyList<Guid> ringGroups, int sampleLimit, CancellationToken cancellationToken)
    {
        var ring = await new GroupDeviceIds(graph).ReadAsync(ringGroups, cancellationToken);
        var entraOf = await IntuneIdsAsync(ring, cancellationToken);
        var seen = new HashSet<Guid>();
        int succeeded = 0, errors = 0, conflicts = 0, notApplicable = 0, pages = 0;
        var failing = new List<DeviceIssue>();
        var skip = 0;
        while (true)
        {
            var table = await graph.Beta.SendJsonAsync<DeviceReportTable>(
                HttpMethod.Post,
                "deviceManagement/reports/getConfigurationPolicyDevicesReport",
                new DeviceReportRequest(Filter(policyId), Columns, skip, pageSize),
                cancellationToken) ?? throw new UnexpectedGraphResponseException(Request, "body", "is empty");
            pages++;
            var total = table.TotalRowCount ?? throw new UnexpectedGraphResponseException(Request, "TotalRowCount", "is missing");
            var rows = table.Values ?? throw new UnexpectedGraphResponseException(Request, "Values", "is missing");
            var column = ColumnIndex(table.Schema ?? throw new UnexpectedGraphResponseException(Request, "Schema", "is missing"));
            foreach (var row in rows)
            {
                if (row.Length != column.Width)
                {
                    throw new UnexpectedGraphResponseException(Request, "Values", $"has a row of {row.Length} cells where Schema has {column.Width} columns");
                }

                if (!Guid.TryParse(Text(row[column[IntuneDeviceId]]), out var intuneId) || !entraOf.TryGetValue(intuneId, out var entraId) || !seen.Add(entraId))
                {
                    continue;
                }

                var state = PolicyStatusCode.Read(Request, row[column[PolicyStatus]]);
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
                    failing.Add(new DeviceIssue(intuneId.ToString(), Text(row[column[DeviceName]]) ?? string.Empty, state));
                }
            }

            skip += rows.Count;
            if (skip >= total)
            {
                break;
            }

            if (rows.Count == 0)
            {
                throw new UnexpectedGraphResponseException(Request, "Values", $"is empty at row {skip} while TotalRowCount is {total}");
            }
        }

        var pending = ring.Count - succeeded - errors - conflicts - notApplicable;
        LogRead(policyId, ring.Count, succeeded, errors, conflicts, pending, pages);
        return new RingStatusResult(new RingCounts(ring.Count, succeeded, errors, conflicts, pending, notApplicable), failing);
    }

    /// <summary>
    /// The filter the Intune admin center sends for this report (public scripts that copy it): the policy base types of
    /// device configurations, settings-catalog policies and administrative templates, and the policy id.
    /// </summary>
    private static string Filter(string policyId)
        => "((PolicyBaseTypeName eq 'Microsoft.Management.Services.Api.DeviceConfiguration') or (PolicyBaseTypeName eq 'DeviceManagementConfigurationPolicy') or (PolicyBaseTypeName eq 'DeviceConfigurationAdmxPolicy'))"
            + $" and (PolicyId eq '{policyId.Replace("'", "''", StringComparison.Ordinal)}')";

    /// <summary>Intune device id → Entra device id, for the ring's devices only (one paged v1.0 listing).</summary>
    private async Task<Dictionary<Guid, Guid>> IntuneIdsAsync(HashSet<string> ring, CancellationToken cancellationToken)
    {
        var entraOf = new Dictionary<Guid, Guid>();
        await graph.V1Json.ForEachPageAsync<ManagedDeviceIdentity>(
            $"deviceManagement/managedDevices?$select=id,azureADDeviceId&$top={graph.Options.CollectionPageSize}",
            page =>
            {
                foreach (var device in page)
                {
                    if (device.AzureAdDeviceId is { } aad && ring.Contains(aad) && Guid.TryParse(device.Id, out var intune) && Guid.TryParse(aad, out var entra))
                    {
                        entraOf[intune] = entra;
                    }
                }
            },
            cancellationToken);
        return entraOf;
    }

    private static ColumnPositions ColumnIndex(IReadOnlyList<DeviceReportColumn> schema)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < schema.Count; i++)
        {
            if (schema[i].Column is { } name)
            {
                index[name] = i;
            }
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        return missing.Count == 0
            ? new ColumnPositions(index, schema.Count)
            : throw new UnexpectedGraphResponseException(Request, $"Schema[{string.Join(", ", missing)}]", "is missing (the column was asked for in select)");
    }

    private static string? Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.Number => cell.GetRawText(),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy {PolicyId}: ring of {Targeted} devices — {Succeeded} succeeded, {Errors} errors, {Conflicts} conflicts, {Pending} pending ({Pages} report pages)")]
    private partial void LogRead(string policyId, int targeted, int succeeded, int errors, int conflicts, int pending, int pages);

    /// <summary>Where each wanted column is in a row, and how many cells a row has.</summary>
    private sealed record ColumnPositions(Dictionary<string, int> Index, int Width)
    {
        public int this[string column] => Index[column];
    }
}
