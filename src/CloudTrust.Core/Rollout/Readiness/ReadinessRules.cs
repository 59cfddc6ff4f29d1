namespace CloudTrust.Core.Rollout.Readiness;

/// <summary>
/// Whether devices and users can use cloud Kerberos trust: Windows 10 21H2 (build 19044) or later, or Windows 11
/// (22000+); Pro, Enterprise or Education; Entra-joined or hybrid-joined; checked in recently; users with MFA.
/// </summary>
public static class ReadinessRules
{
    private static readonly string[] Skus = ["Pro", "Professional", "Enterprise", "Education"];
    private static readonly string[] JoinTypes = ["azureADJoined", "hybridAzureADJoined"];

    /// <summary>Returns why a device is not ready; empty when it is.</summary>
    /// <param name="device">The device.</param>
    /// <param name="now">The current time.</param>
    /// <param name="staleAfter">How long without a check-in makes a device stale.</param>
    /// <returns>The reasons.</returns>
    public static IReadOnlyList<string> DeviceReasons(DeviceFacts device, DateTimeOffset now, TimeSpan staleAfter)
        => [.. DeviceFindings(device, now, staleAfter).Select(f => f.Detail)];

    /// <summary>Returns why a device is not ready, each reason with its code; empty when it is ready.</summary>
    /// <param name="device">The device.</param>
    /// <param name="now">The current time.</param>
    /// <param name="staleAfter">How long without a check-in makes a device stale.</param>
    /// <returns>The findings.</returns>
    public static IReadOnlyList<ReadinessFinding> DeviceFindings(DeviceFacts device, DateTimeOffset now, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(device);
        var findings = new List<ReadinessFinding>();
        if (!device.OperatingSystem.StartsWith("Windows", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(new(ReadinessReasons.NotWindows, $"operating system {device.OperatingSystem} is not Windows"));
        }
        else if (BuildOf(device.OsVersion) is not { } build)
        {
            findings.Add(new(ReadinessReasons.UnknownOsVersion, $"OS version '{device.OsVersion}' not recognised"));
        }
        else if (build < 19044)
        {
            findings.Add(new(ReadinessReasons.OldBuild, $"Windows build {build} is older than 19044 (Windows 10 21H2)"));
        }

        if (device.SkuFamily is { } sku && !Skus.Any(s => sku.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            findings.Add(new(ReadinessReasons.UnsupportedSku, $"SKU {sku} is not Pro, Enterprise or Education"));
        }

        if (device.JoinType is { } join && !JoinTypes.Contains(join, StringComparer.OrdinalIgnoreCase))
        {
            findings.Add(new(ReadinessReasons.UnsupportedJoinType, $"join type {join} is neither Entra-joined nor hybrid-joined"));
        }

        if (device.LastSyncDateTime is not { } last)
        {
            findings.Add(new(ReadinessReasons.NeverCheckedIn, "never checked in"));
        }
        else if (now - last > staleAfter)
        {
            findings.Add(new(ReadinessReasons.Stale, $"last check-in {last:O} is older than {staleAfter}"));
        }

        return findings;
    }

    /// <summary>Returns why a user is not ready; empty when ready.</summary>
    /// <param name="user">The user.</param>
    /// <returns>The reasons.</returns>
    public static IReadOnlyList<string> UserReasons(UserFacts user) => [.. UserFindings(user).Select(f => f.Detail)];

    /// <summary>Returns why a user is not ready, each reason with its code; empty when ready.</summary>
    /// <param name="user">The user.</param>
    /// <returns>The findings.</returns>
    public static IReadOnlyList<ReadinessFinding> UserFindings(UserFacts user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var findings = new List<ReadinessFinding>();
        if (!user.IsMfaRegistered)
        {
            findings.Add(new(ReadinessReasons.NoMfa, "MFA not registered"));
        }

        if (user.IsAdmin)
        {
            findings.Add(new(ReadinessReasons.PrivilegedUser, "privileged user: the Kerberos server's password replication policy denies privileged accounts"));
        }

        return findings;
    }

    /// <summary>Returns whether the user already registered Windows Hello for Business.</summary>
    /// <param name="user">The user.</param>
    /// <returns><c>true</c> when <c>windowsHelloForBusiness</c> is among the registered methods.</returns>
    public static bool HasWhfb(UserFacts user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.MethodsRegistered.Contains("windowsHelloForBusiness", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Reads the build number (third part) of a Windows version such as <c>10.0.19045.3803</c>.</summary>
    /// <param name="osVersion">The version text.</param>
    /// <returns>The build, or null.</returns>
    public static int? BuildOf(string osVersion)
    {
        var parts = (osVersion ?? string.Empty).Split('.');
        return parts.Length >= 3 && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var build) ? build : null;
    }
}
