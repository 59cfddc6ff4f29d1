using System.Text.Json.Nodes;
using CloudTrust.Cli.Simulated;

namespace CloudTrust.Functions.Tests.Support;

/// <summary>
/// Plans over the simulated tenant's three ring groups with durations the runtime's wall-clock timers finish in a test
/// (the fleet's own clock runs 57,600× faster, so devices check in many times a second).
/// </summary>
public static class Plans
{
    /// <summary>
    /// pilot passes and waits for approval; early demands every device and misses its gate at its deadline (some of its
    /// devices never check in); broad passes.
    /// </summary>
    public static JsonObject ThreeRings(SimulatedTenant tenant, Guid tenantId) => ThreeRings(tenant, tenantId, TimeSpan.FromSeconds);

    /// <summary>The same plan with its durations in a host's workflow time (<paramref name="time"/> maps wall seconds to it).</summary>
    public static JsonObject ThreeRings(SimulatedTenant tenant, Guid tenantId, Func<double, TimeSpan> time) => new()
    {
        ["tenantId"] = tenantId.ToString(),
        ["domains"] = new JsonArray([.. SimulatedTenant.Domains.Select(d => (JsonNode)d)]),
        ["profileMode"] = "settingsCatalog",
        ["profileName"] = "CloudTrust WHfB cloud Kerberos trust",
        ["requireSecurityDevice"] = true,
        ["pollInterval"] = time(0.5).ToString("c"),
        ["rings"] = new JsonArray(
            Ring(tenant.Rings[0].GroupId, "pilot", threshold: 0.5, time(1), deadline: time(30), approval: true),
            Ring(tenant.Rings[1].GroupId, "early", threshold: 1.0, time(1), deadline: time(5), approval: false),
            Ring(tenant.Rings[2].GroupId, "broad", threshold: 0.5, time(1), deadline: time(30), approval: false)),
    };

    private static JsonObject Ring(Guid group, string name, double threshold, TimeSpan soak, TimeSpan deadline, bool approval) => new()
    {
        ["name"] = name,
        ["groupIds"] = new JsonArray(group.ToString()),
        ["successThreshold"] = threshold,
        ["maxErrorShare"] = 0.5,
        ["soak"] = soak.ToString("c"),
        ["verificationDeadline"] = deadline.ToString("c"),
        ["requireApproval"] = approval,
    };
}
