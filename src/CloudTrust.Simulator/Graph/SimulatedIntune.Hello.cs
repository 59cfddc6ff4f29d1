using System.Text.Json.Nodes;
using CloudTrust.Core.Precedence;

namespace CloudTrust.Simulator.Graph;

/// <summary>
/// Seeding of the places that configure Windows Hello for Business besides the rollout's profile: the tenant-wide
/// enrollment configuration, user- and device-scoped settings-catalog policies (Account Protection among them),
/// custom OMA-URI profiles with device or user paths, and users who already registered WHfB.
/// </summary>
public sealed partial class SimulatedIntune
{
    private string tenantWideHello = "notConfigured";

    /// <summary>Gets the tenant-wide WHfB enrollment configuration's <c>state</c>.</summary>
    public string TenantWideHelloState
    {
        get
        {
            lock (gate)
            {
                return tenantWideHello;
            }
        }
    }

    /// <summary>Sets the tenant-wide WHfB enrollment configuration (Intune's default, "All users and all devices").</summary>
    /// <param name="state"><c>enabled</c>, <c>disabled</c> or <c>notConfigured</c>, as Graph's <c>enablement</c>.</param>
    public void AddTenantWideHello(string state)
    {
        if (state is not ("enabled" or "disabled" or "notConfigured"))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "enabled, disabled or notConfigured");
        }

        lock (gate)
        {
            tenantWideHello = state;
        }
    }

    /// <summary>Creates a settings-catalog policy with PassportForWork values of one scope, as an admin would in the portal.</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="scope">Device (<c>device_vendor_msft_passportforwork_…</c>) or user (<c>user_vendor_msft_passportforwork_…</c>).</param>
    /// <param name="values">The settings it configures.</param>
    /// <param name="assignedGroups">Groups to assign it to.</param>
    /// <param name="templateFamily">The template family, for example <c>endpointSecurityAccountProtection</c>; <c>none</c> for a plain settings-catalog policy.</param>
    /// <returns>The policy's id.</returns>
    public string AddHelloPolicy(string name, HelloScope scope, IReadOnlyDictionary<HelloSetting, bool> values, IEnumerable<Guid> assignedGroups, string templateFamily = "none")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(assignedGroups);
        var root = (scope == HelloScope.User ? "user" : "device") + "_vendor_msft_passportforwork_{tenantid}";
        var choices = values.ToDictionary(v => $"{root}_policies_{v.Key.ToString().ToLowerInvariant()}", v => v.Value);
        var policy = CreatePolicy(name, "seeded by the simulator", CatalogSettings(root, choices));
        lock (gate)
        {
            policy.TemplateFamily = templateFamily;
        }

        foreach (var group in assignedGroups)
        {
            AssignGroup(policy.Id, group);
        }

        return policy.Id;
    }

    /// <summary>Creates a device-scoped certificate-trust policy (WHfB on, UseCertificateForOnPremAuth on).</summary>
    /// <param name="name">The policy name.</param>
    /// <param name="assignedGroups">Groups to assign it to.</param>
    /// <returns>The policy's id.</returns>
    public string AddCertificateTrustPolicy(string name, IEnumerable<Guid> assignedGroups)
        => AddHelloPolicy(name, HelloScope.Device, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = true, [HelloSetting.UseCertificateForOnPremAuth] = true }, assignedGroups);

    /// <summary>Creates a custom OMA-URI profile with PassportForWork boolean values under <c>./Device</c> or <c>./User</c>.</summary>
    /// <param name="name">The profile's name.</param>
    /// <param name="scope">Device or user paths.</param>
    /// <param name="tenantId">The tenant id in the paths.</param>
    /// <param name="values">The settings it configures.</param>
    /// <param name="assignedGroups">Groups to assign it to.</param>
    /// <returns>The profile's id.</returns>
    public string AddCustomHelloConfiguration(string name, HelloScope scope, Guid tenantId, IReadOnlyDictionary<HelloSetting, bool> values, IEnumerable<Guid> assignedGroups)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(assignedGroups);
        var oma = new JsonArray();
        foreach (var (setting, value) in values)
        {
            oma.Add(new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.omaSettingBoolean",
                ["displayName"] = setting.ToString(),
                ["omaUri"] = $"./{(scope == HelloScope.User ? "User" : "Device")}/Vendor/MSFT/PassportForWork/{tenantId}/Policies/{setting}",
                ["value"] = value,
            });
        }

        var policy = CreatePolicy(name, "seeded by the simulator", oma, customOma: true);
        lock (gate)
        {
            foreach (var group in assignedGroups)
            {
                policy.Assignments.TryAdd(group, time.GetUtcNow());
            }
        }

        return policy.Id;
    }

    /// <summary>Marks the primary users of the first <paramref name="count"/> devices of a group as having registered WHfB.</summary>
    /// <param name="groupId">The device group.</param>
    /// <param name="count">How many of its users.</param>
    public void RegisterHello(Guid groupId, int count)
    {
        lock (gate)
        {
            foreach (var device in groups[groupId].Take(count))
            {
                device.User.HasWhfb = true;
            }
        }
    }

    /// <summary>Returns the custom OMA-URI configuration's and settings-catalog policies' assignment lists by id.</summary>
    /// <returns>Policy id → assigned groups.</returns>
    public IReadOnlyDictionary<string, IReadOnlyList<Guid>> AssignmentLists()
    {
        lock (gate)
        {
            return policies.Values.Concat(configurations.Values).ToDictionary(p => p.Id, p => (IReadOnlyList<Guid>)[.. p.Assignments.Keys], StringComparer.OrdinalIgnoreCase);
        }
    }
}
