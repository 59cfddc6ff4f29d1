using System.Text.Json;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Preview;
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

    /// <summary>Says what <see cref="EnsureAsync"/> would do, setting by setting, without writing anything.</summary>
    public async Task<ProfilePreview> PreviewAsync(string profileName, bool requireSecurityDevice, HelloOptions? hello, CancellationToken cancellationToken)
    {
        var (existing, differences) = await CompareAsync(profileName, WhfbPolicySettings.Desired(requireSecurityDevice, hello), cancellationToken);
        var change = existing is null ? ProfileChange.Create : differences.Count == 0 ? ProfileChange.None : ProfileChange.Update;
        return new ProfilePreview(ProfileMode.SettingsCatalog, profileName, change, existing?.Id, differences);
    }

    public async Task<EnsureProfileResult> EnsureAsync(string profileName, bool requireSecurityDevice, HelloOptions? hello, CancellationToken cancellationToken)
    {
        var desired = WhfbPolicySettings.Desired(requireSecurityDevice, hello);
        var (existing, differences) = await CompareAsync(profileName, desired, cancellationToken);
        if (existing is null)
        {
            var created = await beta.SendJsonAsync<ConfigurationPolicy>(HttpMethod.Post, Policies, SettingsCatalogPayload.Policy(profileName, desired), cancellationToken)
                ?? throw new GraphRequestException(201, "EmptyBody", "create returned no policy", $"POST {Policies}");
            LogCreated(profileName, created.Id);
            return new EnsureProfileResult(created.Id, ProfileAction.Created, []);
        }

        if (differences.Count == 0)
        {
            LogUnchanged(profileName, existing.Id);
            return new EnsureProfileResult(existing.Id, ProfileAction.Unchanged, []);
        }

        await beta.SendJsonAsync<JsonElement?>(HttpMethod.Put, $"{Policies}/{Uri.EscapeDataString(existing.Id)}", SettingsCatalogPayload.Policy(profileName, desired), cancellationToken);
        LogUpdated(profileName, existing.Id, differences.Count);
        return new EnsureProfileResult(existing.Id, ProfileAction.Updated, [.. differences.Select(d => d.ToString())]);
    }

    /// <summary>Finds our policy and compares its settings with the desired ones; when absent, every desired setting is a difference.</summary>
    private async Task<(ConfigurationPolicy? Existing, IReadOnlyList<SettingDifference> Differences)> CompareAsync(string profileName, WhfbPolicySettings desired, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(profileName, cancellationToken);
        var actual = existing is null ? new WhfbPolicySettings(new Dictionary<string, string>()) : await ReadSettingsAsync(existing.Id, cancellationToken);
        return (existing, desired.DifferencesFrom(actual));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created settings-catalog policy {Name} ({PolicyId})")]
    private partial void LogCreated(string name, string policyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings-catalog policy {Name} ({PolicyId}) already matches the plan")]
    private partial void LogUnchanged(string name, string policyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settings-catalog policy {Name} ({PolicyId}) had drifted in {Count} setting(s); replaced")]
    private partial void LogUpdated(string name, string policyId, int count);
}
