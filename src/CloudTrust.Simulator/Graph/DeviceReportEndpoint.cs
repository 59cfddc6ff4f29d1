using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// <c>POST /beta/deviceManagement/reports/getConfigurationPolicyDevicesReport</c>: the per-device state of one
/// policy (a settings-catalog policy or a device configuration) as a table — <c>Schema</c> (column names and types), <c>Values</c> (rows) and <c>TotalRowCount</c> —
/// filtered on <c>PolicyId</c> and paged with <c>top</c>/<c>skip</c>. Columns come in this simulator's own order,
/// which is not the order a client asks for, so clients must read them by name.
/// </summary>
internal static partial class DeviceReportEndpoint
{
    // The column names the Intune admin center asks this report for (public scripts that copy its request: DeviceName,
    // UPN, ReportStatus, AssignmentFilterIds, PspdpuLastModifiedTimeUtc, IntuneDeviceId, UnifiedPolicyPlatformType,
    // UserId, PolicyStatus, PolicyBaseTypeName), with PolicyId; in this simulator's own order, not the order asked.
    private static readonly (string Column, string Type)[] Columns =
    [
        ("DeviceName", "String"),
        ("UPN", "String"),
        ("ReportStatus", "String"),
        ("AssignmentFilterIds", "String"),
        ("PolicyStatus", "Int32"),
        ("PspdpuLastModifiedTimeUtc", "DateTime"),
        ("IntuneDeviceId", "String"),
        ("UnifiedPolicyPlatformType", "String"),
        ("UserId", "String"),
        ("PolicyBaseTypeName", "String"),
        ("PolicyId", "String"),
    ];

    public static void Map(RouteGroupBuilder beta, SimulatedIntune intune)
    {
        beta.MapPost("/deviceManagement/reports/getConfigurationPolicyDevicesReport", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
            var filter = body?["filter"]?.GetValue<string>() ?? string.Empty;
            var match = PolicyFilter().Match(filter);
            if (!match.Success)
            {
                return GraphResponses.BadRequest("filter must name a PolicyId, for example (PolicyId eq '<id>').");
            }

            // Settings-catalog policies and device configurations (custom OMA-URI profiles) are one report family.
            SimulatedPolicy? policy;
            string baseType;
            lock (intune.Gate)
            {
                policy = intune.PolicyTable.GetValueOrDefault(match.Groups[1].Value);
                baseType = "DeviceManagementConfigurationPolicy";
                if (policy is null && intune.ConfigurationTable.GetValueOrDefault(match.Groups[1].Value) is { } configuration)
                {
                    (policy, baseType) = (configuration, "Microsoft.Management.Services.Api.DeviceConfiguration");
                }
            }

            if (policy is null)
            {
                return GraphResponses.NotFound($"policy {match.Groups[1].Value}");
            }

            var faults = intune.Options.Faults;
            var top = Math.Clamp(body?["top"]?.GetValue<int>() ?? 50, 1, intune.Options.MaxReportPageSize);
            var skip = Math.Max(0, body?["skip"]?.GetValue<int>() ?? 0);
            var select = (body?["select"] as JsonArray)?.Select(s => s!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var columns = Columns.Where(c => (select is null || select.Count == 0 || select.Contains(c.Column)) && !faults.MissingReportColumns.Contains(c.Column, StringComparer.OrdinalIgnoreCase))
                .Select(c => faults.ReportStatusAsText && c.Column == "PolicyStatus" ? (Column: c.Column, Type: "String") : c)
                .ToArray();

            var targets = intune.Targets(policy);
            bool requireTpm;
            DateTimeOffset modified;
            lock (intune.Gate)
            {
                requireTpm = DevicePolicyEvaluator.RequiresSecurityDevice(policy);
                modified = policy.LastModifiedDateTime;
            }

            var now = intune.Time.GetUtcNow();
            var end = faults.ReportStopsEarly && skip > 0 ? skip : skip + top;
            var rows = new List<object?[]>(Math.Max(0, Math.Min(top, targets.Count - skip)));
            for (var i = skip; i < targets.Count && i < end; i++)
            {
                var (device, assignedAt) = targets[i];
                var since = assignedAt > modified ? assignedAt : modified;
                var (state, reportedAt) = DevicePolicyEvaluator.Evaluate(device, since, requireTpm, intune.FleetEpoch, intune.Options.CheckInInterval, now);
                rows.Add(columns.Select(c => Cell(c.Column, device, policy, baseType, state, reportedAt, faults)).ToArray());
            }

            var answer = new Dictionary<string, object>
            {
                ["TotalRowCount"] = targets.Count,
                ["Schema"] = columns.Select(c => new Dictionary<string, string> { ["Column"] = c.Column, ["PropertyType"] = c.Type }).ToList(),
                ["Values"] = rows,
                ["SessionId"] = string.Empty,
            };
            if (faults.ExtraProperties)
            {
                answer["x-simulator-unasked"] = new[] { "not", "asked" };
            }

            return Results.Json(answer, SimulatorJson.Options);
        });
    }

    private static string Text(PolicyDeviceState state) => state switch
    {
        PolicyDeviceState.Succeeded => "Succeeded",
        PolicyDeviceState.Error => "Error",
        PolicyDeviceState.Conflict => "Conflict",
        PolicyDeviceState.NotApplicable => "Not applicable",
        _ => "Pending",
    };

    private static object? Cell(string column, SimulatedDevice device, SimulatedPolicy policy, string baseType, PolicyDeviceState state, DateTimeOffset? reportedAt, GraphResponseFaults faults) => column switch
    {
        "DeviceName" => device.Name,
        "UPN" => device.User.UserPrincipalName,
        "ReportStatus" => Text(state),
        "AssignmentFilterIds" => string.Empty,
        "PolicyStatus" => faults.ReportStatusCode is { } code ? code : faults.ReportStatusAsText ? Text(state) : (int)state,
        "PspdpuLastModifiedTimeUtc" => reportedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
        "IntuneDeviceId" => device.ManagedDeviceId.ToString(),
        "UnifiedPolicyPlatformType" => "Windows10",
        "UserId" => device.User.Id.ToString(),
        "PolicyBaseTypeName" => baseType,
        "PolicyId" => policy.Id,
        _ => null,
    };

    [GeneratedRegex(@"PolicyId\s+eq\s+'([^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex PolicyFilter();
}
