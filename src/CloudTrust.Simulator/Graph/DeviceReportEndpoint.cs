using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// <c>POST /beta/deviceManagement/reports/getConfigurationPolicyDevicesReport</c>: the per-device state of one
/// policy as a table — <c>Schema</c> (column names and types), <c>Values</c> (rows) and <c>TotalRowCount</c> —
/// filtered on <c>PolicyId</c> and paged with <c>top</c>/<c>skip</c>. Columns come in this simulator's own order,
/// which is not the order a client asks for, so clients must read them by name.
/// </summary>
internal static partial class DeviceReportEndpoint
{
    private static readonly (string Column, string Type)[] Columns =
    [
        ("DeviceName", "String"),
        ("UPN", "String"),
        ("PolicyStatus", "Int32"),
        ("PolicyStatus_loc", "String"),
        ("LastModifiedDateTime", "DateTime"),
        ("DeviceId", "String"),
        ("AadDeviceId", "String"),
        ("UserId", "String"),
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

            SimulatedPolicy? policy;
            lock (intune.Gate)
            {
                policy = intune.PolicyTable.GetValueOrDefault(match.Groups[1].Value);
            }

            if (policy is null)
            {
                return GraphResponses.NotFound($"configurationPolicy {match.Groups[1].Value}");
            }

            var top = Math.Clamp(body?["top"]?.GetValue<int>() ?? 50, 1, intune.Options.MaxReportPageSize);
            var skip = Math.Max(0, body?["skip"]?.GetValue<int>() ?? 0);
            var select = (body?["select"] as JsonArray)?.Select(s => s!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var columns = Columns.Where(c => select is null || select.Count == 0 || select.Contains(c.Column)).ToArray();

            var targets = intune.Targets(policy);
            bool requireTpm;
            DateTimeOffset modified;
            lock (intune.Gate)
            {
                requireTpm = DevicePolicyEvaluator.RequiresSecurityDevice(policy);
                modified = policy.LastModifiedDateTime;
            }

            var now = intune.Time.GetUtcNow();
            var rows = new List<object?[]>(Math.Max(0, Math.Min(top, targets.Count - skip)));
            for (var i = skip; i < targets.Count && i < skip + top; i++)
            {
                var (device, assignedAt) = targets[i];
                var since = assignedAt > modified ? assignedAt : modified;
                var (state, reportedAt) = DevicePolicyEvaluator.Evaluate(device, since, requireTpm, intune.FleetEpoch, intune.Options.CheckInInterval, now);
                rows.Add(columns.Select(c => Cell(c.Column, device, policy, state, reportedAt)).ToArray());
            }

            return Results.Json(
                new Dictionary<string, object>
                {
                    ["TotalRowCount"] = targets.Count,
                    ["Schema"] = columns.Select(c => new Dictionary<string, string> { ["Column"] = c.Column, ["PropertyType"] = c.Type }).ToList(),
                    ["Values"] = rows,
                    ["SessionId"] = string.Empty,
                },
                SimulatorJson.Options);
        });
    }

    private static object? Cell(string column, SimulatedDevice device, SimulatedPolicy policy, PolicyDeviceState state, DateTimeOffset? reportedAt) => column switch
    {
        "DeviceName" => device.Name,
        "UPN" => device.User.UserPrincipalName,
        "PolicyStatus" => (int)state,
        "PolicyStatus_loc" => state switch
        {
            PolicyDeviceState.Succeeded => "Succeeded",
            PolicyDeviceState.Error => "Error",
            PolicyDeviceState.Conflict => "Conflict",
            PolicyDeviceState.NotApplicable => "Not applicable",
            _ => "Pending",
        },
        "LastModifiedDateTime" => reportedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        "DeviceId" => device.ManagedDeviceId.ToString(),
        "AadDeviceId" => device.AadDeviceId.ToString(),
        "UserId" => device.User.Id.ToString(),
        "PolicyId" => policy.Id,
        _ => null,
    };

    [GeneratedRegex(@"PolicyId\s+eq\s+'([^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex PolicyFilter();
}
