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
public sealed record KerberosHealthView(string Domain, bool Healthy, long? KeyVersion, long? CloudKeyVersion, DateTimeOffset? KeyUpdatedOn, double? KeyAgeDays, IReadOnlyList<string> Problems)
{
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
