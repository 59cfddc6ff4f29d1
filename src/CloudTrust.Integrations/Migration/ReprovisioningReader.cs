using System.Text.Json.Serialization;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Readiness;
using CloudTrust.Integrations.Graph;

namespace CloudTrust.Integrations.Migration;

/// <summary>
/// How far a ring is through the certificate-trust migration's last steps: on which devices the deletion script
/// deleted a container (its run states), and which of the ring's users registered WHfB again after the deletion
/// was deployed (<c>userRegistrationDetails</c>: WHfB among the methods and <c>lastUpdatedDateTime</c> after it).
/// Reads only.
/// </summary>
internal sealed class ReprovisioningReader(GraphConnection graph)
{
    public async Task<ReprovisioningStatus> ReadAsync(ReprovisioningInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var devices = await new GroupDeviceIds(graph).ReadAsync(input.GroupIds, cancellationToken);
        var states = await graph.Beta.GetAllAsync<RunState>($"deviceManagement/deviceHealthScripts/{Uri.EscapeDataString(input.ScriptId)}/deviceRunStates?$expand=managedDevice", cancellationToken);
        var ran = states.Where(s => s.ManagedDevice?.AzureAdDeviceId is { } id && devices.Contains(id)).ToList();
        var deleted = ran.Count(s => string.Equals(s.RemediationState, "success", StringComparison.OrdinalIgnoreCase));
        var nothing = ran.Count(s => string.Equals(s.DetectionState, "success", StringComparison.OrdinalIgnoreCase));

        var users = await RingUsersAsync(devices, cancellationToken);
        var reprovisioned = 0;
        var waiting = new List<string>();
        var details = graph.V1.Reports.AuthenticationMethods.UserRegistrationDetails;
        var page = await details.GetAsync(r => r.QueryParameters.Top = graph.Options.CollectionPageSize, cancellationToken);
        string? link = null;
        while (page is not null)
        {
            foreach (var user in page.Value ?? [])
            {
                if (user.UserPrincipalName is not { } upn || !users.Contains(upn))
                {
                    continue;
                }

                var facts = new UserFacts(upn, user.IsMfaRegistered ?? false, user.MethodsRegistered ?? [], user.IsAdmin ?? false);
                if (ReadinessRules.HasWhfb(facts) && user.LastUpdatedDateTime >= input.DeletionDeployedAt)
                {
                    reprovisioned++;
                }
                else if (waiting.Count < input.SampleLimit)
                {
                    waiting.Add(upn);
                }
            }

            link = CollectionPaging.Next("GET /reports/authenticationMethods/userRegistrationDetails", link, page.OdataNextLink);
            page = link is { } next ? await details.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return new ReprovisioningStatus(users.Count, deleted, nothing, reprovisioned, waiting);
    }

    /// <summary>The primary users of the ring's devices (managed devices, every page).</summary>
    private async Task<HashSet<string>> RingUsersAsync(HashSet<string> devices, CancellationToken cancellationToken)
    {
        var users = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var managed = graph.V1.DeviceManagement.ManagedDevices;
        var page = await managed.GetAsync(
            r =>
            {
                r.QueryParameters.Top = graph.Options.CollectionPageSize;
                r.QueryParameters.Select = ["id", "azureADDeviceId", "userPrincipalName"];
            },
            cancellationToken);
        string? link = null;
        while (page is not null)
        {
            users.UnionWith((page.Value ?? []).Where(d => d.AzureADDeviceId is { } id && devices.Contains(id)).Select(d => d.UserPrincipalName).OfType<string>().Where(u => u.Length > 0));
            link = CollectionPaging.Next("GET /deviceManagement/managedDevices", link, page.OdataNextLink);
            page = link is { } next ? await managed.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return users;
    }

    private sealed record RunState(
        [property: JsonPropertyName("detectionState")] string? DetectionState,
        [property: JsonPropertyName("remediationState")] string? RemediationState,
        [property: JsonPropertyName("managedDevice")] RunStateDevice? ManagedDevice);

    private sealed record RunStateDevice([property: JsonPropertyName("azureADDeviceId")] string? AzureAdDeviceId);
}
