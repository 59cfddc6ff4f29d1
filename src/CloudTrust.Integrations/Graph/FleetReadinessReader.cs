using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Integrations.Graph.Contracts;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Readiness of a ring, in bulk (every page, never a request per device): group members → managed devices (beta: OS
/// build, SKU, join type, last check-in) → their primary users' registration details (v1.0: MFA, WHfB, admin).
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
    /// <remarks>
    /// The managed devices are read from beta, <c>GET /beta/deviceManagement/managedDevices?$select=…</c>, because
    /// <c>skuFamily</c> and <c>joinType</c> exist on beta <c>managedDevice</c> only (v1.0 CSDL <c>managedDevice</c> has
    /// neither; the v1.0 service ignores or refuses them, so the SKU and join-type checks never fired and the
    /// hybrid-joined count was always 0). One listing, page by page, one page held at a time; ring membership is kept
    /// as Entra device id (a <see cref="Guid"/>) → set of rings, users as UPN → set of rings (<see cref="RingSets"/>).
    /// </remarks>
    public async Task<IReadOnlyList<ReadinessTally>> ReadRingsAsync(IReadOnlyList<IReadOnlyList<Guid>> rings, TimeSpan staleAfter, int sampleLimit, CancellationToken cancellationToken, bool keepNames = false)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var sets = new RingSets();
        var ringsOfDevice = new Dictionary<Guid, int>();
        for (var i = 0; i < rings.Count; i++)
        {
            foreach (var deviceId in await groups.ReadAsync(rings[i], cancellationToken))
            {
                var key = Guid.TryParse(deviceId, out var parsed)
                    ? parsed
                    : throw new UnexpectedGraphResponseException("GET /groups/{id}/transitiveMembers/microsoft.graph.device", "deviceId", $"'{deviceId}' is not a GUID");
                ringsOfDevice[key] = sets.With(ringsOfDevice.GetValueOrDefault(key, RingSets.Empty), i);
            }
        }

        var tallies = rings.Select(_ => new ReadinessTally(sampleLimit, keepNames)).ToList();
        var ringsOfUser = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        const string Request = "GET /beta/deviceManagement/managedDevices";
        await graph.Beta.ForEachPageAsync<ManagedDeviceRow>(
            $"deviceManagement/managedDevices?$select={ManagedDeviceRow.Select}&$top={graph.Options.CollectionPageSize}",
            page =>
            {
                foreach (var device in page)
                {
                    if (!Guid.TryParse(device.AzureAdDeviceId, out var aadId) || !ringsOfDevice.TryGetValue(aadId, out var set))
                    {
                        continue;
                    }

                    var facts = new DeviceFacts(
                        device.AzureAdDeviceId!,
                        device.DeviceName ?? string.Empty,
                        device.OperatingSystem ?? string.Empty,
                        device.OsVersion ?? string.Empty,
                        device.SkuFamily,
                        ManagedDeviceJoinType.Read(Request, device.Id, device.JoinType),
                        device.LastSyncDateTime);
                    var findings = ReadinessRules.DeviceFindings(facts, now, staleAfter);
                    foreach (var ring in sets.Rings(set))
                    {
                        tallies[ring].AddDevice(device.DeviceName ?? device.AzureAdDeviceId!, findings, facts.JoinType);
                    }

                    if (device.UserPrincipalName is { Length: > 0 } upn)
                    {
                        var userSet = ringsOfUser.GetValueOrDefault(upn, RingSets.Empty);
                        foreach (var ring in sets.Rings(set))
                        {
                            userSet = sets.With(userSet, ring);
                        }

                        ringsOfUser[upn] = userSet;
                    }
                }
            },
            cancellationToken);

        ringsOfDevice.Clear();
        ringsOfDevice.TrimExcess();
        await ReadUsersAsync(ringsOfUser, sets, tallies, cancellationToken);
        foreach (var tally in tallies)
        {
            LogReadiness(tally.Devices, tally.DevicesNotReady, tally.Users, tally.UsersNotReady);
        }

        return tallies;
    }

    /// <summary>v1.0 <c>GET /reports/authenticationMethods/userRegistrationDetails</c> (every page; CSDL <c>userRegistrationDetails</c>: <c>userPrincipalName</c>, <c>isMfaRegistered</c>, <c>methodsRegistered</c>, <c>isAdmin</c>).</summary>
    private async Task ReadUsersAsync(Dictionary<string, int> ringsOfUser, RingSets sets, List<ReadinessTally> tallies, CancellationToken cancellationToken)
    {
        const string Request = "GET /reports/authenticationMethods/userRegistrationDetails";
        var details = graph.V1.Reports.AuthenticationMethods.UserRegistrationDetails;
        var page = await details.GetAsync(r => r.QueryParameters.Top = graph.Options.CollectionPageSize, cancellationToken);
        string? link = null;
        while (page is not null)
        {
            foreach (var user in page.Value ?? throw new UnexpectedGraphResponseException(Request, "value", "is missing"))
            {
                if (user.UserPrincipalName is not { } upn || !ringsOfUser.TryGetValue(upn, out var userRings))
                {
                    continue;
                }

                var facts = new UserFacts(upn, user.IsMfaRegistered ?? false, user.MethodsRegistered ?? [], user.IsAdmin ?? false);
                var findings = ReadinessRules.UserFindings(facts);
                var hasWhfb = ReadinessRules.HasWhfb(facts);
                foreach (var ring in sets.Rings(userRings))
                {
                    tallies[ring].AddUser(upn, hasWhfb, findings);
                }
            }

            link = CollectionPaging.Next(Request, link, page.OdataNextLink);
            page = link is { } next ? await details.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness: {Devices} devices ({DevicesNotReady} not ready), {Users} users ({UsersNotReady} not ready)")]
    private partial void LogReadiness(int devices, int devicesNotReady, int users, int usersNotReady);
}
