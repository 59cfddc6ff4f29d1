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
/// absent; updated as Microsoft documents when its settings drifted (PATCH of the policy's own properties, then each
/// drifted top-level setting PATCHed, a missing one created, one we no longer want deleted, through
/// <c>configurationPolicies/{id}/settings</c>); left alone when equal.
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

        await UpdateAsync(existing.Id, profileName, desired, cancellationToken);
        LogUpdated(profileName, existing.Id, differences.Count);
        return new EnsureProfileResult(existing.Id, ProfileAction.Updated, [.. differences.Select(d => d.ToString())]);
    }

    /// <summary>
    /// Brings an existing policy to <paramref name="desired"/> with the documented verbs: PATCH
    /// <c>configurationPolicies/{id}</c> (name and description), then per top-level setting, matched by its
    /// <c>settingDefinitionId</c>: PATCH <c>…/settings/{settingId}</c> when it differs ("Update
    /// deviceManagementConfigurationSetting"), POST <c>…/settings</c> when absent, DELETE <c>…/settings/{settingId}</c>
    /// when the plan no longer sets it (the policy is ours, found by its marker).
    /// </summary>
    private async Task UpdateAsync(string policyId, string profileName, WhfbPolicySettings desired, CancellationToken cancellationToken)
    {
        var path = $"{Policies}/{Uri.EscapeDataString(policyId)}";
        await beta.SendJsonAsync<JsonElement?>(HttpMethod.Patch, path, SettingsCatalogPayload.Properties(profileName), cancellationToken);
        var current = await beta.GetAllAsync<JsonElement>($"{path}/settings", cancellationToken);
        var wanted = SettingsCatalogPayload.Build(desired);
        foreach (var setting in wanted)
        {
            var definition = SettingsCatalogPayload.DefinitionOf(setting);
            var match = current.FirstOrDefault(c => string.Equals(SettingsCatalogPayload.DefinitionOf(c), definition, StringComparison.OrdinalIgnoreCase));
            if (match.ValueKind != JsonValueKind.Object)
            {
                await beta.SendJsonAsync<JsonElement?>(HttpMethod.Post, $"{path}/settings", setting!, cancellationToken);
                continue;
            }

            if (!SameChoices(match, JsonSerializer.SerializeToElement(setting)))
            {
                await beta.SendJsonAsync<JsonElement?>(HttpMethod.Patch, $"{path}/settings/{Uri.EscapeDataString(SettingId(match, path))}", setting!, cancellationToken);
            }
        }

        var keep = wanted.Select(SettingsCatalogPayload.DefinitionOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var stale in current.Where(c => !keep.Contains(SettingsCatalogPayload.DefinitionOf(c) ?? string.Empty)))
        {
            await beta.DeleteAsync($"{path}/settings/{Uri.EscapeDataString(SettingId(stale, path))}", cancellationToken);
        }
    }

    /// <summary>Whether two settings set the same values (their flattened choices and integers, compared as text).</summary>
    private static bool SameChoices(JsonElement a, JsonElement b)
    {
        var (x, y) = (SettingsCatalogPayload.ReadChoices([a]).Choices, SettingsCatalogPayload.ReadChoices([b]).Choices);
        return x.Count == y.Count && x.All(c => y.TryGetValue(c.Key, out var value) && string.Equals(value, c.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static string SettingId(JsonElement setting, string path)
        => setting.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
            ? text
            : throw new UnexpectedGraphResponseException($"GET /beta/{path}/settings", "id", "is missing from a setting, so it cannot be updated or deleted");

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settings-catalog policy {Name} ({PolicyId}) had drifted in {Count} setting(s); updated")]
    private partial void LogUpdated(string name, string policyId, int count);
}
