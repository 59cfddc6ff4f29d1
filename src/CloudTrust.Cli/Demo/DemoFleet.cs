using System.Globalization;
using System.Text.Json.Nodes;
using CloudTrust.Cli.Simulated;
using CloudTrust.Core.Precedence;
using CloudTrust.Simulator.Graph;

namespace CloudTrust.Cli.Demo;

/// <summary>
/// The demo's tenant: a pilot whose policy report is green but whose ticket evidence holds it (devices off the network,
/// stale PRTs, Remote Desktop users, a GPO turning cloud trust off, a user of a domain without a Kerberos object,
/// privileged users), an early-adopter ring whose certificate-trust GPO, old builds and
/// devices that never check in make it miss its gate, and a broad ring that goes well once the early ring is accepted.
/// </summary>
internal static class DemoFleet
{
    public static IReadOnlyList<SimulatedRing> Rings { get; } =
    [
        new("pilot", new Guid("de300000-0000-4000-8000-000000000001"), 0.05, new FleetMix { NoTpm = 0.004, PrivilegedUser = 0.04, NoMfa = 0.01, OffNetwork = 0.05, StalePrt = 0.04, RemoteDesktop = 0.01, OtherDomain = 0.01, CloudTrustGpoOff = 0.02 }),
        new("early", new Guid("de300000-0000-4000-8000-000000000002"), 0.20, new FleetMix { OldBuild = 0.02, NoTpm = 0.01, CertificateTrustGpo = 0.03, NeverChecksIn = 0.02, NoMfa = 0.02 }),
        new("broad", new Guid("de300000-0000-4000-8000-000000000003"), 0.75, new FleetMix { OldBuild = 0.004, NoTpm = 0.003, NeverChecksIn = 0.01, PrivilegedUser = 0.005, NoMfa = 0.02 }),
    ];

    /// <summary>Gets what <see cref="SeedExistingHello"/> puts in place, in one line.</summary>
    public static string ExistingHello => "the tenant-wide WHfB enrollment configuration enabled, and key trust ('WHfB key trust (2021)', device scope) on ring early";

    /// <summary>Seeds the WHfB configuration most tenants already have before cloud trust: WHfB enabled tenant-wide and a key-trust policy on one ring.</summary>
    /// <param name="intune">The simulated tenant's Intune.</param>
    public static void SeedExistingHello(SimulatedIntune intune)
    {
        ArgumentNullException.ThrowIfNull(intune);
        intune.AddTenantWideHello("enabled");
        intune.AddHelloPolicy("WHfB key trust (2021)", HelloScope.Device, new Dictionary<HelloSetting, bool> { [HelloSetting.UsePassportForWork] = true }, [Rings[1].GroupId]);
    }

    /// <summary>
    /// Writes the demo's plan: three rings, each gated at 95 % succeeded and at most 3 % in error or conflict; the pilot
    /// also needs 90 % of its reporting devices (from 20 reports) to hold both Kerberos tickets.
    /// </summary>
    public static string Plan(Guid tenantId, IReadOnlyList<string> domains)
    {
        var rings = new JsonArray();
        for (var i = 0; i < Rings.Count; i++)
        {
            rings.Add(new JsonObject
            {
                ["name"] = Rings[i].Name,
                ["groupIds"] = new JsonArray(Rings[i].GroupId.ToString()),
                ["successThreshold"] = 0.95,
                ["maxErrorShare"] = 0.03,
                ["soak"] = TimeSpan.FromHours(4 * (i + 1)).ToString("c", CultureInfo.InvariantCulture),
                ["verificationDeadline"] = "1.12:00:00",
            });
            if (i == 0)
            {
                rings[i]!["ticketThreshold"] = 0.9;
                rings[i]!["minTicketReports"] = 20;
            }
        }

        return new JsonObject
        {
            ["tenantId"] = tenantId.ToString(),
            ["domains"] = new JsonArray([.. domains.Select(d => (JsonNode)d)]),
            ["profileName"] = "CloudTrust WHfB cloud Kerberos trust",
            ["requireSecurityDevice"] = true,
            ["pollInterval"] = "00:30:00",
            ["rings"] = rings,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
