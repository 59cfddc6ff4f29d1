using CloudTrust.Simulator.Graph;

namespace CloudTrust.Cli.Simulated;

/// <summary>One ring group of the simulated fleet: its name, Entra group id, share of the devices and failing populations.</summary>
/// <param name="Name">The ring's name in the sample plan.</param>
/// <param name="GroupId">The Entra group id.</param>
/// <param name="Share">The share of all devices in this group (the shares add up to 1).</param>
/// <param name="Mix">The populations that fail for real reasons.</param>
public sealed record SimulatedRing(string Name, Guid GroupId, double Share, FleetMix Mix)
{
    /// <summary>
    /// Gets the default fleet: a pilot (5 %, IT staff: more privileged users), an early-adopter ring (20 %) and the
    /// broad ring (75 %), each with a little under 2 % of devices that error (old builds, no TPM), conflict
    /// (certificate-trust GPO) or never check in — enough to show in the report, not enough to fail the sample gates.
    /// </summary>
    public static IReadOnlyList<SimulatedRing> DefaultFleet { get; } =
    [
        new("pilot", new Guid("c7a1e000-0000-4000-8000-000000000001"), 0.05, new FleetMix { NoTpm = 0.004, NeverChecksIn = 0.01, PrivilegedUser = 0.04, NoMfa = 0.01 }),
        new("early", new Guid("c7a1e000-0000-4000-8000-000000000002"), 0.20, new FleetMix { OldBuild = 0.006, NoTpm = 0.004, CertificateTrustGpo = 0.003, NeverChecksIn = 0.012, PrivilegedUser = 0.01, NoMfa = 0.02 }),
        new("broad", new Guid("c7a1e000-0000-4000-8000-000000000003"), 0.75, new FleetMix { OldBuild = 0.008, NoTpm = 0.004, CertificateTrustGpo = 0.003, NeverChecksIn = 0.015, PrivilegedUser = 0.005, NoMfa = 0.03 }),
    ];
}
