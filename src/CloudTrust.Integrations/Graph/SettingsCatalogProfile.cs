using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Integrations.Graph.Contracts;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Our settings-catalog policy, idempotently: found by name plus the marker in its description; created when
/// absent; replaced (PUT) when its settings drifted; left alone when equal.
/// </summary>
internal sealed partial class SettingsCatalogProfile(BetaGraphClient beta, ILogger<SettingsCatalogProfile> logger)
{
    private const string Policies = "deviceManagement/configurationPolicies";

    public static bool IsOurs(ConfigurationPolicy policy, string profileName)
        => string.Equals(policy.Name, profileName, StringComparison.Ordinal)
            && (policy.Description?.Contains(SettingsCatalogPayload.Marker, StringComparison.Ordinal) ?? false);

    public async Task<ConfigurationPolicy?> FindAsync(string profileName, CancellationToken cancellationToken)
    {
        var all = await beta.GetAllAsync<ConfigurationPolicy>(Policies, cancellationToken);
        return all.FirstOrDefault(p => IsOurs(p, profileName));
    }

    public async Task<WhfbPolicySettings> ReadSettingsAsync(string policyId, CancellationToken cancellationToken)
    {
        var settings = await beta.GetAllAsync<JsonElement>($"{Policies}/{Uri.EscapeDataString(policyId)}/settings", cancellationToken);
        return SettingsCatalogPayload.ReadChoices(settings);
    }

    public async Task<EnsureProfileResult> EnsureAsync(string profileName, bool requireSecurityDevice, CancellationToken cancellationToken)
    {
        var desired = WhfbPolicySettings.Desired(requireSecurityDevice);
        var existing = await FindAsync(profileName, cancellationToken);
        if (existing is null)
        {
            var created = await beta.SendJsonAsync<ConfigurationPolicy>(HttpMethod.Post, Policies, SettingsCatalogPayload.Policy(profileName, desired), cancellationToken)
                ?? throw new GraphRequestException(201, "EmptyBody", "create returned no policy", $"POST {Policies}");
            LogCreated(profileName, created.Id);
            return new EnsureProfileResult(created.Id, ProfileAction.Created, []);
        }

        var drift = desired.DriftFrom(await ReadSettingsAsync(existing.Id, cancellationToken));
        if (drift.Count == 0)
        {
            LogUnchanged(profileName, existing.Id);
            return new EnsureProfileResult(existing.Id, ProfileAction.Unchanged, []);
        }

        await beta.SendJsonAsync<JsonElement?>(HttpMethod.Put, $"{Policies}/{Uri.EscapeDataString(existing.Id)}", SettingsCatalogPayload.Policy(profileName, desired), cancellationToken);
        LogUpdated(profileName, existing.Id, drift.Count);
        return new EnsureProfileResult(existing.Id, ProfileAction.Updated, drift);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created settings-catalog policy {Name} ({PolicyId})")]
    private partial void LogCreated(string name, string policyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings-catalog policy {Name} ({PolicyId}) already matches the plan")]
    private partial void LogUnchanged(string name, string policyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settings-catalog policy {Name} ({PolicyId}) had drifted in {Count} setting(s); replaced")]
    private partial void LogUpdated(string name, string policyId, int count);
}
