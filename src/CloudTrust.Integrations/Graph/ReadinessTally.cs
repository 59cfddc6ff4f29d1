using CloudTrust.Core.Rollout.Activities;
using CloudTrust.Core.Rollout.Preview;
using CloudTrust.Core.Rollout.Readiness;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// Counts one ring's readiness as devices and users are read: totals, counts per reason, and a bounded list of
/// named samples (devices first, up to the limit; then users, up to twice the limit in all). Holds no per-device
/// state unless asked to keep the device names (the Group Policy coverage needs them), so a ring of 100,000 devices
/// costs a few counters.
/// </summary>
internal sealed class ReadinessTally(int sampleLimit, bool keepNames = false)
{
    private readonly HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> userNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Count, string Example)> deviceReasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, string Example)> userReasons = new(StringComparer.Ordinal);
    private readonly List<string> samples = [];

    public int Devices { get; private set; }

    public int DevicesNotReady { get; private set; }

    public int Users { get; private set; }

    public int UsersNotReady { get; private set; }

    public int UsersWithWhfb { get; private set; }

    public int HybridJoined { get; private set; }

    /// <summary>Gets the devices' names, when the tally keeps them.</summary>
    public IReadOnlySet<string> DeviceNames => names;

    /// <summary>Gets the users' UPNs, when the tally keeps names (the privileged-user check needs them).</summary>
    public IReadOnlySet<string> UserPrincipalNames => userNames;

    public void AddDevice(string name, IReadOnlyList<ReadinessFinding> findings, string? joinType = null)
    {
        Devices++;
        HybridJoined += string.Equals(joinType, "hybridAzureADJoined", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        if (keepNames)
        {
            names.Add(name);
        }

        if (findings.Count == 0)
        {
            return;
        }

        DevicesNotReady++;
        Count(deviceReasons, findings);
        if (samples.Count < sampleLimit)
        {
            samples.Add($"{name}: {string.Join("; ", findings.Select(f => f.Detail))}");
        }
    }

    public void AddUser(string userPrincipalName, bool hasWhfb, IReadOnlyList<ReadinessFinding> findings)
    {
        Users++;
        UsersWithWhfb += hasWhfb ? 1 : 0;
        if (keepNames)
        {
            userNames.Add(userPrincipalName);
        }

        if (findings.Count == 0)
        {
            return;
        }

        UsersNotReady++;
        Count(userReasons, findings);
        if (samples.Count < sampleLimit * 2)
        {
            samples.Add($"{userPrincipalName}: {string.Join("; ", findings.Select(f => f.Detail))}");
        }
    }

    /// <summary>The rollout activity's journaled result.</summary>
    public ReadinessResult ToResult() => new(Devices, DevicesNotReady, Users, UsersNotReady, UsersWithWhfb, [.. samples]);

    /// <summary>The preview's per-ring section.</summary>
    public RingReadinessPreview ToPreview(string ring)
        => new(ring, Devices, DevicesNotReady, Ordered(deviceReasons), Users, UsersNotReady, UsersWithWhfb, Ordered(userReasons), [.. samples]);

    private static void Count(Dictionary<string, (int Count, string Example)> counts, IReadOnlyList<ReadinessFinding> findings)
    {
        foreach (var finding in findings)
        {
            counts[finding.Reason] = counts.TryGetValue(finding.Reason, out var seen) ? (seen.Count + 1, seen.Example) : (1, finding.Detail);
        }
    }

    private static List<ReasonCount> Ordered(Dictionary<string, (int Count, string Example)> counts)
        => [.. counts.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new ReasonCount(c.Key, c.Value.Count, c.Value.Example))];
}
