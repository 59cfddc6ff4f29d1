using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Gate;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Core.Rollout.Policy;
using CloudTrust.Core.Rollout.Preview;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.DeviceManagement.DeviceConfigurations.Item.Assign;
using Microsoft.Graph.Models;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// The alternative to the settings catalog: a v1.0 <c>windows10CustomConfiguration</c> with three
/// <c>omaSettingBoolean</c> values under <c>./Device/Vendor/MSFT/PassportForWork/{TenantId}/Policies/</c> (the real
/// tenant GUID), plus the plan's optional settings (<c>omaSettingInteger</c> for PIN lengths, character rules, expiry
/// and history; <c>omaSettingBoolean</c> for TPM 1.2 and biometrics), through the typed SDK: idempotent create/update and whole-list assign. Per-device status is read from the device
/// report (<see cref="DevicePolicyReport"/>), not from <c>deviceStatuses</c>, which Microsoft deprecates from May 2026.
/// </summary>
internal sealed partial class CustomOmaUriProfile(GraphConnection graph, ILogger<CustomOmaUriProfile> logger)
{
    /// <summary>The OMA-URI values our profile must carry: OMA-URI → value (a bool, or an int).</summary>
    public static Dictionary<string, object> Desired(Guid tenantId, bool requireSecurityDevice, HelloOptions? hello = null)
    {
        var root = $"./Device/Vendor/MSFT/PassportForWork/{tenantId}/Policies/";
        var desired = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
        {
            [root + "UsePassportForWork"] = true,
            [root + "UseCloudTrustForOnPremAuth"] = true,
            [root + "RequireSecurityDevice"] = requireSecurityDevice,
        };
        foreach (var (setting, value) in HelloOptionValues.Of(hello))
        {
            desired[setting.OmaUri(tenantId)] = setting.Kind == HelloValueKind.Boolean ? value != 0 : value;
        }

        return desired;
    }

    /// <summary>Says what <see cref="EnsureAsync"/> would do, OMA-URI by OMA-URI, without writing anything.</summary>
    public async Task<ProfilePreview> PreviewAsync(string name, Guid tenantId, bool requireSecurityDevice, HelloOptions? hello, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(name, cancellationToken);
        var differences = DifferencesFrom(Desired(tenantId, requireSecurityDevice, hello), existing);
        var change = existing is null ? ProfileChange.Create : differences.Count == 0 ? ProfileChange.None : ProfileChange.Update;
        return new ProfilePreview(ProfileMode.CustomOmaUri, name, change, existing?.Id, differences);
    }

    public async Task<EnsureProfileResult> EnsureAsync(string name, Guid tenantId, bool requireSecurityDevice, HelloOptions? hello, CancellationToken cancellationToken)
    {
        var desired = Desired(tenantId, requireSecurityDevice, hello);
        var body = new Windows10CustomConfiguration
        {
            DisplayName = name,
            Description = $"Windows Hello for Business cloud Kerberos trust, managed by CloudTrust. {SettingsCatalogPayload.Marker}",
            OmaSettings = [.. desired.Select(d => d.Value is bool flag
                ? (OmaSetting)new OmaSettingBoolean { DisplayName = d.Key.Split('/')[^1], OmaUri = d.Key, Value = flag }
                : new OmaSettingInteger { DisplayName = d.Key.Split('/')[^1], OmaUri = d.Key, Value = (int)d.Value })],
        };
        var existing = await FindAsync(name, cancellationToken);
        if (existing is null)
        {
            var created = await graph.V1.DeviceManagement.DeviceConfigurations.PostAsync(body, cancellationToken: cancellationToken)
                ?? throw new GraphRequestException(201, "EmptyBody", "create returned nothing", "POST deviceConfigurations");
            LogCreated(name, created.Id!);
            return new EnsureProfileResult(created.Id!, ProfileAction.Created, []);
        }

        var drift = DifferencesFrom(desired, existing);
        if (drift.Count == 0)
        {
            return new EnsureProfileResult(existing.Id!, ProfileAction.Unchanged, []);
        }

        await graph.V1.DeviceManagement.DeviceConfigurations[existing.Id].PatchAsync(body, cancellationToken: cancellationToken);
        LogUpdated(name, existing.Id!, drift.Count);
        return new EnsureProfileResult(existing.Id!, ProfileAction.Updated, [.. drift.Select(d => d.ToString())]);
    }

    /// <summary>Reads the configuration's assignment list as it is now (reads only).</summary>
    public async Task<CurrentAssignments> ReadAssignmentsAsync(string policyId, CancellationToken cancellationToken)
    {
        var current = await ReadAssignmentListAsync(policyId, cancellationToken);
        return new CurrentAssignments(
            [.. current.Select(GroupOf).OfType<Guid>().Distinct()],
            [.. current.Where(a => GroupOf(a) is null).Select(a => CurrentAssignments.Describe(a.Target?.OdataType, (a.Target as GroupAssignmentTarget)?.GroupId))]);
    }

    public async Task<AssignGroupsResult> ChangeAssignmentsAsync(string policyId, IReadOnlyList<Guid> add, IReadOnlyList<Guid> remove, CancellationToken cancellationToken)
    {
        var item = graph.V1.DeviceManagement.DeviceConfigurations[policyId];
        var current = await ReadAssignmentListAsync(policyId, cancellationToken);
        var groups = current.Select(GroupOf).OfType<Guid>().ToHashSet();
        var added = add.Where(g => !groups.Contains(g)).Distinct().ToList();
        var removed = remove.Where(groups.Contains).Distinct().ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return new AssignGroupsResult([.. groups], [], []);
        }

        var assignments = current.Where(a => GroupOf(a) is not { } g || !removed.Contains(g))
            .Select(a => new DeviceConfigurationAssignment { Target = a.Target })
            .Concat(added.Select(g => new DeviceConfigurationAssignment { Target = new GroupAssignmentTarget { GroupId = g.ToString() } }))
            .ToList();
        await item.Assign.PostAsAssignPostResponseAsync(new AssignPostRequestBody { Assignments = assignments }, cancellationToken: cancellationToken);
        return new AssignGroupsResult([.. groups.Except(removed).Concat(added)], added, removed);
    }

    /// <summary>
    /// The OMA-URI settings compared as text (<c>true</c>/<c>false</c>, or the number) by the same rule as the settings
    /// catalog's choices; a profile that does not exist has none.
    /// </summary>
    private static IReadOnlyList<SettingDifference> DifferencesFrom(Dictionary<string, object> desired, Windows10CustomConfiguration? existing)
    {
        static string Text(object? value) => value switch
        {
            bool flag => flag ? "true" : "false",
            int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        var actual = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in (existing?.OmaSettings ?? []).Where(s => s.OmaUri is not null))
        {
            var value = setting switch
            {
                OmaSettingBoolean b => (object?)(b.Value ?? false),
                OmaSettingInteger i => i.Value,
                _ => null,
            };
            if (value is not null)
            {
                actual[setting.OmaUri!] = Text(value);
            }
        }

        return SettingDifference.Between(desired.ToDictionary(d => d.Key, d => Text(d.Value), StringComparer.OrdinalIgnoreCase), actual);
    }

    private static Guid? GroupOf(DeviceConfigurationAssignment a)
        => a.Target is GroupAssignmentTarget { GroupId: { } g } && a.Target is not ExclusionGroupAssignmentTarget && Guid.TryParse(g, out var id) ? id : null;

    private async Task<List<DeviceConfigurationAssignment>> ReadAssignmentListAsync(string policyId, CancellationToken cancellationToken)
    {
        var item = graph.V1.DeviceManagement.DeviceConfigurations[policyId];
        var current = new List<DeviceConfigurationAssignment>();
        var page = await item.Assignments.GetAsync(cancellationToken: cancellationToken);
        string? link = null;
        while (page is not null)
        {
            current.AddRange(page.Value ?? []);
            link = CollectionPaging.Next("GET /deviceManagement/deviceConfigurations/{id}/assignments", link, page.OdataNextLink);
            page = link is { } next ? await item.Assignments.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return current;
    }

    private async Task<Windows10CustomConfiguration?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var configurations = graph.V1.DeviceManagement.DeviceConfigurations;
        var page = await configurations.GetAsync(cancellationToken: cancellationToken);
        string? link = null;
        while (page is not null)
        {
            var ours = (page.Value ?? []).OfType<Windows10CustomConfiguration>()
                .FirstOrDefault(c => c.DisplayName == name && (c.Description?.Contains(SettingsCatalogPayload.Marker, StringComparison.Ordinal) ?? false));
            if (ours is not null)
            {
                return ours;
            }

            link = CollectionPaging.Next("GET /deviceManagement/deviceConfigurations", link, page.OdataNextLink);
            page = link is { } next ? await configurations.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created custom OMA-URI profile {Name} ({PolicyId})")]
    private partial void LogCreated(string name, string policyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Custom OMA-URI profile {Name} ({PolicyId}) had drifted in {Count} setting(s); updated")]
    private partial void LogUpdated(string name, string policyId, int count);
}
