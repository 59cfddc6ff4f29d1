using CloudTrust.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// <c>/deviceManagement/managedDevices</c> in both versions, as Graph types them: v1.0 <c>managedDevice</c> has no
/// <c>skuFamily</c> or <c>joinType</c>; beta has both (<c>joinType</c> an enum: <c>unknown</c>, <c>azureADJoined</c>,
/// <c>azureADRegistered</c>, <c>hybridAzureADJoined</c>).
/// </summary>
internal static class ManagedDeviceEndpoints
{
    public static void Map(RouteGroupBuilder v1, RouteGroupBuilder beta, SimulatedIntune intune)
    {
        v1.MapGet("/deviceManagement/managedDevices", (HttpContext http) => GraphResponses.Page(http, Fleet(intune), Project(intune, beta: false), intune.Options));

        beta.MapGet("/deviceManagement/managedDevices", (HttpContext http) =>
        {
            var faults = intune.Options.Faults;
            var select = http.Request.Query["$select"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (faults.RefusedSelect is { } refused && select.Contains(refused, StringComparer.OrdinalIgnoreCase))
            {
                return GraphResponses.BadRequest($"Could not find a property named '{refused}' on type 'microsoft.graph.managedDevice'.");
            }

            if (faults.StuckNextLink)
            {
                var self = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}";
                return Results.Json(new Dictionary<string, object> { ["value"] = Array.Empty<object>(), ["@odata.nextLink"] = self }, SimulatorJson.Options);
            }

            return GraphResponses.Page(http, Fleet(intune), Project(intune, beta: true), intune.Options);
        });
    }

    private static List<SimulatedDevice> Fleet(SimulatedIntune intune)
    {
        lock (intune.Gate)
        {
            return [.. intune.Devices];
        }
    }

    private static Func<SimulatedDevice, object> Project(SimulatedIntune intune, bool beta)
    {
        var now = intune.Time.GetUtcNow();
        return d =>
        {
            var item = new Dictionary<string, object?>
            {
                ["@odata.type"] = "#microsoft.graph.managedDevice",
                ["id"] = d.ManagedDeviceId.ToString(),
                ["deviceName"] = d.Name,
                ["azureADDeviceId"] = d.AadDeviceId.ToString(),
                ["operatingSystem"] = "Windows",
                ["osVersion"] = d.OsVersion,
                ["userId"] = d.User.Id.ToString(),
                ["userPrincipalName"] = d.User.UserPrincipalName,
                ["lastSyncDateTime"] = DevicePolicyEvaluator.LastCheckIn(d, intune.FleetEpoch, intune.Options.CheckInInterval, now)
                    ?? intune.FleetEpoch - TimeSpan.FromDays(60),
            };
            if (beta)
            {
                item["skuFamily"] = d.SkuFamily;
                item["joinType"] = intune.Options.Faults.JoinTypeValue ?? d.JoinType;
            }

            return GraphResponses.WithExtras(intune.Options, item);
        };
    }
}
