using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Readiness;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Readiness of a ring, in bulk (typed v1.0 SDK, every page): group members → managed devices (OS build, SKU,
/// join type, last check-in) → their primary users' registration details (MFA, WHfB, admin).
/// </summary>
internal sealed partial class FleetReadinessReader(GraphConnection graph, GroupDeviceIds groups, TimeProvider time, ILogger<FleetReadinessReader> logger)
{
    public async Task<ReadinessResult> ReadAsync(ReadinessInput input, CancellationToken cancellationToken)
    {
        var ring = await groups.ReadAsync(input.GroupIds, cancellationToken);
        var now = time.GetUtcNow();
        var samples = new List<string>();
        var upns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int devices = 0, devicesNotReady = 0;

        var managed = graph.V1.DeviceManagement.ManagedDevices;
        var page = await managed.GetAsync(
            r =>
            {
                r.QueryParameters.Top = graph.Options.CollectionPageSize;
                r.QueryParameters.Select = ["id", "deviceName", "azureADDeviceId", "operatingSystem", "osVersion", "lastSyncDateTime", "userPrincipalName", "skuFamily", "joinType"];
            },
            cancellationToken);
        while (page is not null)
        {
            foreach (var device in page.Value ?? [])
            {
                if (device.AzureADDeviceId is not { } aadId || !ring.Contains(aadId))
                {
                    continue;
                }

                devices++;
                if (device.UserPrincipalName is { Length: > 0 } upn)
                {
                    upns.Add(upn);
                }

                var reasons = ReadinessRules.DeviceReasons(Facts(device), now, input.StaleAfter);
                if (reasons.Count > 0)
                {
                    devicesNotReady++;
                    if (samples.Count < input.SampleLimit)
                    {
                        samples.Add($"{device.DeviceName}: {string.Join("; ", reasons)}");
                    }
                }
            }

            page = page.OdataNextLink is { } next ? await managed.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        var (users, usersNotReady, withWhfb) = await ReadUsersAsync(upns, input.SampleLimit, samples, cancellationToken);
        LogReadiness(devices, devicesNotReady, users, usersNotReady);
        return new ReadinessResult(devices, devicesNotReady, users, usersNotReady, withWhfb, samples);
    }

    private async Task<(int Users, int NotReady, int WithWhfb)> ReadUsersAsync(HashSet<string> upns, int sampleLimit, List<string> samples, CancellationToken cancellationToken)
    {
        int users = 0, notReady = 0, withWhfb = 0;
        var details = graph.V1.Reports.AuthenticationMethods.UserRegistrationDetails;
        var page = await details.GetAsync(r => r.QueryParameters.Top = graph.Options.CollectionPageSize, cancellationToken);
        while (page is not null)
        {
            foreach (var user in page.Value ?? [])
            {
                if (user.UserPrincipalName is not { } upn || !upns.Contains(upn))
                {
                    continue;
                }

                users++;
                var facts = new UserFacts(upn, user.IsMfaRegistered ?? false, user.MethodsRegistered ?? [], user.IsAdmin ?? false);
                withWhfb += ReadinessRules.HasWhfb(facts) ? 1 : 0;
                var reasons = ReadinessRules.UserReasons(facts);
                if (reasons.Count > 0)
                {
                    notReady++;
                    if (samples.Count < sampleLimit * 2)
                    {
                        samples.Add($"{upn}: {string.Join("; ", reasons)}");
                    }
                }
            }

            page = page.OdataNextLink is { } next ? await details.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return (users, notReady, withWhfb);
    }

    /// <summary>SKU and join type are not typed in the v1.0 model; the service returns them and the SDK keeps them in AdditionalData.</summary>
    private static DeviceFacts Facts(ManagedDevice device)
        => new(
            device.AzureADDeviceId ?? device.Id ?? string.Empty,
            device.DeviceName ?? string.Empty,
            device.OperatingSystem ?? string.Empty,
            device.OsVersion ?? string.Empty,
            Extra(device, "skuFamily"),
            Extra(device, "joinType"),
            device.LastSyncDateTime);

    private static string? Extra(ManagedDevice device, string name)
        => device.AdditionalData.TryGetValue(name, out var value) ? value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => value?.ToString(),
        } : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness: {Devices} devices ({DevicesNotReady} not ready), {Users} users ({UsersNotReady} not ready)")]
    private partial void LogReadiness(int devices, int devicesNotReady, int users, int usersNotReady);
}
