using CloudTrust.Core.Precedence;
using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Plan;
using CloudTrust.Integrations.Graph;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;

namespace CloudTrust.Integrations.Precedence;

/// <summary>
/// Reads every Intune place that configures Windows Hello for Business for a plan's rings, once for all of them, as precedence sources: the
/// tenant-wide enrollment configuration (v1.0 <c>deviceEnrollmentConfigurations</c>, the
/// <c>deviceEnrollmentWindowsHelloForBusinessConfiguration</c>'s <c>state</c>), the settings-catalog policies
/// assigned to the ring's groups with device- or user-scoped PassportForWork settings (Account Protection policies
/// by their template family), and the custom OMA-URI profiles with <c>./Device</c> or <c>./User</c> PassportForWork
/// values assigned to them. Reads only.
/// </summary>
internal sealed partial class HelloSourceReader(GraphConnection graph, ILoggerFactory loggers)
{
    private readonly ILogger<HelloSourceReader> logger = loggers.CreateLogger<HelloSourceReader>();

    /// <summary>Reads the tenant's WHfB sources once and gives each ring the ones assigned to its groups (the tenant-wide ones to every ring).</summary>
    public async Task<IReadOnlyList<(List<HelloSource> Sources, List<SourceAssignment> Assignments)>> ReadAsync(IReadOnlyList<IReadOnlyList<Guid>> rings, string? ourPolicyId, string? ourProfileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var tenantWide = await ReadTenantWideAsync(cancellationToken);
        var result = rings.Select(_ => (Sources: new List<HelloSource>(tenantWide), Assignments: new List<SourceAssignment>())).ToList();
        var ringGroups = rings.Select(r => r.ToHashSet()).ToList();
        var catalog = new SettingsCatalogProfile(graph.Beta, loggers.CreateLogger<SettingsCatalogProfile>());
        var (assigned, _) = await new AssignedConfigurationPolicies(graph.Beta).ReadAsync(rings.SelectMany(r => r).ToHashSet(), _ => true, cancellationToken);
        foreach (var (policy, groups) in assigned)
        {
            var values = HelloValues.FromCatalog(await catalog.ReadSettingsAsync(policy.Id, cancellationToken));
            var ours = ourProfileName is not null && SettingsCatalogProfile.IsOurs(policy, ourProfileName) ? policy.Id : ourPolicyId;
            var sources = values.Select(value => Source(
                policy.IsAccountProtection ? HelloSourceKind.AccountProtection : value.Scope == HelloScope.User ? HelloSourceKind.UserPolicy : HelloSourceKind.DevicePolicy,
                value,
                policy.Id,
                policy.Name ?? policy.Id,
                ours)).ToList();
            AddToRings(ringGroups, result, sources, policy.Id, policy.Name ?? policy.Id, ProfileMode.SettingsCatalog, groups);
        }

        var custom = new CustomOmaUriProfile(graph, loggers.CreateLogger<CustomOmaUriProfile>());
        foreach (var configuration in await ReadCustomConfigurationsAsync(cancellationToken))
        {
            var values = HelloValues.FromOmaUris((configuration.OmaSettings ?? []).Where(s => s.OmaUri is not null).Select(s => (s.OmaUri!, ValueOf(s))));
            if (values.Count == 0)
            {
                continue;
            }

            var groups = (await custom.ReadAssignmentsAsync(configuration.Id!, cancellationToken)).Groups;
            var ours = ourProfileName is not null && configuration.DisplayName == ourProfileName && (configuration.Description?.Contains(SettingsCatalogPayload.Marker, StringComparison.Ordinal) ?? false);
            var name = configuration.DisplayName ?? configuration.Id!;
            AddToRings(ringGroups, result, [.. values.Select(v => Source(HelloSourceKind.CustomOmaUri, v, configuration.Id!, name, ours ? configuration.Id : ourPolicyId))], configuration.Id!, name, ProfileMode.CustomOmaUri, groups);
        }

        for (var i = 0; i < rings.Count; i++)
        {
            LogSources(i, rings[i].Count, result[i].Sources.Count);
        }

        return result;
    }

    /// <summary>Gives a source's values and assignment to each ring whose groups are in its assignment list.</summary>
    private static void AddToRings(List<HashSet<Guid>> ringGroups, List<(List<HelloSource> Sources, List<SourceAssignment> Assignments)> result, List<HelloSource> sources, string id, string name, ProfileMode mode, IEnumerable<Guid> assignedGroups)
    {
        if (sources.Count == 0)
        {
            return;
        }

        for (var i = 0; i < ringGroups.Count; i++)
        {
            var shared = assignedGroups.Where(ringGroups[i].Contains).ToList();
            if (shared.Count > 0)
            {
                result[i].Sources.AddRange(sources);
                result[i].Assignments.Add(new SourceAssignment(id, name, mode, shared));
            }
        }
    }

    private static HelloSource Source(HelloSourceKind kind, HelloValues values, string id, string name, string? ourPolicyId)
        => new(kind, values.Scope, id, name, values.UsePassportForWork, values.UseCloudTrustForOnPremAuth, values.UseCertificateForOnPremAuth, IsOurs: string.Equals(id, ourPolicyId, StringComparison.OrdinalIgnoreCase));

    private static object? ValueOf(OmaSetting setting) => setting switch
    {
        OmaSettingBoolean b => b.Value,
        OmaSettingInteger i => i.Value,
        OmaSettingString s => s.Value,
        _ => null,
    };

    /// <summary>Every WHfB enrollment configuration as a tenant-wide source; <c>notConfigured</c> sets nothing.</summary>
    private async Task<List<HelloSource>> ReadTenantWideAsync(CancellationToken cancellationToken)
    {
        var sources = new List<HelloSource>();
        var collection = graph.V1.DeviceManagement.DeviceEnrollmentConfigurations;
        var page = await collection.GetAsync(cancellationToken: cancellationToken);
        string? link = null;
        while (page is not null)
        {
            foreach (var configuration in (page.Value ?? []).OfType<DeviceEnrollmentWindowsHelloForBusinessConfiguration>())
            {
                bool? hello = configuration.State switch { Enablement.Enabled => true, Enablement.Disabled => false, _ => null };
                sources.Add(new HelloSource(HelloSourceKind.TenantWide, HelloScope.Tenant, configuration.Id ?? "tenant", configuration.DisplayName ?? "All users and all devices", hello, null, null));
            }

            link = CollectionPaging.Next("GET /deviceManagement/deviceEnrollmentConfigurations", link, page.OdataNextLink);
            page = link is { } next ? await collection.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return sources;
    }

    private async Task<List<Windows10CustomConfiguration>> ReadCustomConfigurationsAsync(CancellationToken cancellationToken)
    {
        var found = new List<Windows10CustomConfiguration>();
        var collection = graph.V1.DeviceManagement.DeviceConfigurations;
        var page = await collection.GetAsync(cancellationToken: cancellationToken);
        string? link = null;
        while (page is not null)
        {
            found.AddRange((page.Value ?? []).OfType<Windows10CustomConfiguration>().Where(c => c.Id is not null));
            link = CollectionPaging.Next("GET /deviceManagement/deviceConfigurations", link, page.OdataNextLink);
            page = link is { } next ? await collection.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WHfB sources for ring {Ring} ({Groups} group(s)): {Sources}")]
    private partial void LogSources(int ring, int groups, int sources);
}
