namespace CloudTrust.Core.Rollout.Readiness;

/// <summary>One reason a device or user is not ready: a stable code to count by, and the text naming the particulars.</summary>
/// <param name="Reason">One of the <see cref="ReadinessReasons"/> codes.</param>
/// <param name="Detail">For example <c>Windows build 19042 is older than 19044 (Windows 10 21H2)</c>.</param>
public sealed record ReadinessFinding(string Reason, string Detail);

/// <summary>The codes of <see cref="ReadinessFinding.Reason"/>: what reports count not-ready devices and users by.</summary>
public static class ReadinessReasons
{
    /// <summary>The device does not run Windows.</summary>
    public const string NotWindows = "notWindows";

    /// <summary>The device's OS version could not be read.</summary>
    public const string UnknownOsVersion = "unknownOsVersion";

    /// <summary>The device runs a Windows build older than 19044 (Windows 10 21H2).</summary>
    public const string OldBuild = "oldBuild";

    /// <summary>The device's SKU is not Pro, Enterprise or Education.</summary>
    public const string UnsupportedSku = "unsupportedSku";

    /// <summary>The device is neither Entra-joined nor hybrid-joined.</summary>
    public const string UnsupportedJoinType = "unsupportedJoinType";

    /// <summary>The device never checked in.</summary>
    public const string NeverCheckedIn = "neverCheckedIn";

    /// <summary>The device has not checked in recently.</summary>
    public const string Stale = "stale";

    /// <summary>The user has no MFA method registered.</summary>
    public const string NoMfa = "noMfa";

    /// <summary>The user is privileged (denied by the Kerberos server's password replication policy).</summary>
    public const string PrivilegedUser = "privilegedUser";
}
