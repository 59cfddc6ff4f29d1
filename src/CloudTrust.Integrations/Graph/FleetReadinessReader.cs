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
        ArgumentNullException.ThrowIfNull(input);
        var tallies = await ReadRingsAsync([input.GroupIds], input.StaleAfter, input.SampleLimit, cancellationToken);
        return tallies[0].ToResult();
    }

    /// <summary>
    /// Tallies several rings in one pass over the managed devices and one over the registration details; a device
    /// (and its user) in the groups of two rings counts in both, as reading each ring alone would count it.
    /// </summary>
    public async Task<IReadOnlyList<ReadinessTally>> ReadRingsAsync(IReadOnlyList<IReadOnlyList<Guid>> rings, TimeSpan staleAfter, int sampleLimit, CancellationToken cancellationToken, bool keepNames = false)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var ringsOfDevice = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rings.Count; i++)
        {
            foreach (var deviceId in await groups.ReadAsync(rings[i], cancellationToken))
            {
                (ringsOfDevice.TryGetValue(deviceId, out var list) ? list : ringsOfDevice[deviceId] = []).Add(i);
            }
        }

        var tallies = rings.Select(_ => new ReadinessTally(sampleLimit, keepNames)).ToList();
        var ringsOfUser = new Dictionary<string, HashSet<int>>(StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
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
                if (device.AzureADDeviceId is not { } aadId || !ringsOfDevice.TryGetValue(aadId, out var deviceRings))
                {
                    continue;
                }

                var facts = Facts(device);
                var findings = ReadinessRules.DeviceFindings(facts, now, staleAfter);
                foreach (var ring in deviceRings)
                {
                    tallies[ring].AddDevice(device.DeviceName ?? aadId, findings, facts.JoinType);
                    if (device.UserPrincipalName is { Length: > 0 } upn)
                    {
                        (ringsOfUser.TryGetValue(upn, out var set) ? set : ringsOfUser[upn] = []).Add(ring);
                    }
                }
            }

            page = page.OdataNextLink is { } next ? await managed.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        await ReadUsersAsync(ringsOfUser, tallies, cancellationToken);
        foreach (var tally in tallies)
        {
            LogReadiness(tally.Devices, tally.DevicesNotReady, tally.Users, tally.UsersNotReady);
        }

        return tallies;
    }

    private async Task ReadUsersAsync(Dictionary<string, HashSet<int>> ringsOfUser, List<ReadinessTally> tallies, CancellationToken cancellationToken)
    {
        var details = graph.V1.Reports.AuthenticationMethods.UserRegistrationDetails;
        var page = await details.GetAsync(r => r.QueryParameters.Top = graph.Options.CollectionPageSize, cancellationToken);
        while (page is not null)
        {
            foreach (var user in page.Value ?? [])
            {
                if (user.UserPrincipalName is not { } upn || !ringsOfUser.TryGetValue(upn, out var userRings))
                {
                    continue;
                }

                var facts = new UserFacts(upn, user.IsMfaRegistered ?? false, user.MethodsRegistered ?? [], user.IsAdmin ?? false);
                var findings = ReadinessRules.UserFindings(facts);
                var hasWhfb = ReadinessRules.HasWhfb(facts);
                foreach (var ring in userRings.Order())
                {
                    tallies[ring].AddUser(upn, hasWhfb, findings);
                }
            }

            page = page.OdataNextLink is { } next ? await details.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }
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
