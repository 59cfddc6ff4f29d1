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
    {
        ArgumentNullException.ThrowIfNull(device);
        var reasons = new List<string>();
        if (!device.OperatingSystem.StartsWith("Windows", StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"operating system {device.OperatingSystem} is not Windows");
        }
        else if (BuildOf(device.OsVersion) is not { } build)
        {
            reasons.Add($"OS version '{device.OsVersion}' not recognised");
        }
        else if (build < 19044)
        {
            reasons.Add($"Windows build {build} is older than 19044 (Windows 10 21H2)");
        }

        if (device.SkuFamily is { } sku && !Skus.Any(s => sku.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add($"SKU {sku} is not Pro, Enterprise or Education");
        }

        if (device.JoinType is { } join && !JoinTypes.Contains(join, StringComparer.OrdinalIgnoreCase))
        {
            reasons.Add($"join type {join} is neither Entra-joined nor hybrid-joined");
        }

        if (device.LastSyncDateTime is not { } last || now - last > staleAfter)
        {
            reasons.Add(device.LastSyncDateTime is null ? "never checked in" : $"last check-in {device.LastSyncDateTime:O} is older than {staleAfter}");
        }

        return reasons;
    }

    /// <summary>Returns why a user is not ready; empty when ready.</summary>
    /// <param name="user">The user.</param>
    /// <returns>The reasons.</returns>
    public static IReadOnlyList<string> UserReasons(UserFacts user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reasons = new List<string>();
        if (!user.IsMfaRegistered)
        {
            reasons.Add("MFA not registered");
        }

        if (user.IsAdmin)
        {
            reasons.Add("privileged user: the Kerberos server's password replication policy denies privileged accounts");
        }

        return reasons;
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
