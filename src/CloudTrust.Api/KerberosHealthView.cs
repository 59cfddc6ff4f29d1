using CloudTrust.Core.Kerberos;

namespace CloudTrust.Api;

/// <summary>One domain's line of <c>GET /api/kerberos</c>: do both halves agree, and how old is the key.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Healthy">Whether both halves agree.</param>
/// <param name="KeyVersion">The on-premises key version.</param>
/// <param name="CloudKeyVersion">The cloud key version.</param>
/// <param name="KeyUpdatedOn">When the key last changed.</param>
/// <param name="KeyAgeDays">The key's age in days.</param>
/// <param name="Problems">What disagrees, or why it could not be read.</param>
/// <param name="CloudSignIn">The domain's cloud sign-in by the rotation policy.</param>
/// <param name="CloudHalf">Why the cloud half was not read (an attended domain is read from the directory only); null when it was read.</param>
/// <param name="UserAccountDisabled">Whether <c>krbtgt_AzureAD</c> is disabled, as its userAccountControl says; null when not read.</param>
public sealed record KerberosHealthView(string Domain, bool Healthy, long? KeyVersion, long? CloudKeyVersion, DateTimeOffset? KeyUpdatedOn, double? KeyAgeDays, IReadOnlyList<string> Problems,
    string? CloudSignIn = null, string? CloudHalf = null, bool? UserAccountDisabled = null)
{
    /// <summary>
    /// Describes the on-premises half read from the directory (an attended domain): healthy means that half is sound
    /// (present, a key version, its user disabled); the cloud half is named as not read, never assumed to agree.
    /// </summary>
    /// <param name="domain">The domain.</param>
    /// <param name="directory">What the directory holds.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The view.</returns>
    public static KerberosHealthView FromDirectory(string domain, KerberosDirectoryObject directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var reading = KerberosServerReading.OfDirectory(domain, directory);
        var age = directory.KeyUpdatedOn is { } updated ? Math.Round((now - updated).TotalDays, 1) : (double?)null;
        return new KerberosHealthView(domain, reading.State == KerberosServerState.CloudNotRead, directory.KeyVersion, null, directory.KeyUpdatedOn, age,
            reading.State == KerberosServerState.CloudNotRead ? [] : [reading.Detail], CloudSignInModes.Attended, KerberosDirectoryObject.CloudNotReadText, directory.UserAccountDisabled);
    }

    /// <summary>Describes a server object read through the agent.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="server">The object.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The view.</returns>
    public static KerberosHealthView From(string domain, KerberosServerObject server, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(server);
        var health = KerberosServerHealth.Evaluate(server);
        var age = server.KeyUpdatedOn is { } updated ? Math.Round((now - updated).TotalDays, 1) : (double?)null;
        return new KerberosHealthView(domain, health.IsHealthy, server.KeyVersion, server.CloudKeyVersion, server.KeyUpdatedOn, age, health.Mismatches);
    }

    /// <summary>Describes a domain that could not be read.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The view.</returns>
    public static KerberosHealthView Unreadable(string domain, string reason) => new(domain, false, null, null, null, null, [reason]);
}
