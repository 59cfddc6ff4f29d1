using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// v1.0 <c>/deviceManagement/deviceEnrollmentConfigurations</c>: Intune's default configurations, among them the
/// tenant-wide Windows Hello for Business one (<c>deviceEnrollmentWindowsHelloForBusinessConfiguration</c>) whose
/// <c>state</c> is what <see cref="SimulatedIntune.AddTenantWideHello"/> set.
/// </summary>
internal static class EnrollmentConfigurationEndpoints
{
    public static void Map(RouteGroupBuilder v1, SimulatedIntune intune)
        => v1.MapGet("/deviceManagement/deviceEnrollmentConfigurations", (HttpContext http) =>
        {
            var tenant = intune.Options.Seed.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            var created = intune.FleetEpoch - TimeSpan.FromDays(400);
            var all = new List<Dictionary<string, object>>
            {
                new()
                {
                    ["@odata.type"] = "#microsoft.graph.deviceEnrollmentLimitConfiguration",
                    ["id"] = $"{tenant}_DefaultLimit",
                    ["displayName"] = "All users and all devices",
                    ["priority"] = 0,
                    ["createdDateTime"] = created,
                    ["lastModifiedDateTime"] = created,
                    ["version"] = 1,
                    ["limit"] = 15,
                },
                new()
                {
                    ["@odata.type"] = "#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration",
                    ["id"] = $"{tenant}_DefaultWindowsHelloForBusiness",
                    ["displayName"] = "All users and all devices",
                    ["description"] = "This is the default Windows Hello for Business configuration applied with the lowest priority to all users regardless of group membership.",
                    ["priority"] = 0,
                    ["createdDateTime"] = created,
                    ["lastModifiedDateTime"] = created,
                    ["version"] = 1,
                    ["state"] = intune.TenantWideHelloState,
                    ["pinMinimumLength"] = 6,
                    ["pinMaximumLength"] = 127,
                    ["pinUppercaseCharactersUsage"] = "disallowed",
                    ["pinLowercaseCharactersUsage"] = "disallowed",
                    ["pinSpecialCharactersUsage"] = "disallowed",
                    ["securityDeviceRequired"] = false,
                    ["unlockWithBiometricsEnabled"] = true,
                    ["remotePassportEnabled"] = true,
                    ["pinPreviousBlockCount"] = 0,
                    ["pinExpirationInDays"] = 0,
                    ["enhancedBiometricsState"] = "notConfigured",
                },
            };
            return GraphResponses.Page(http, all, c => c, intune.Options);
        });
}
