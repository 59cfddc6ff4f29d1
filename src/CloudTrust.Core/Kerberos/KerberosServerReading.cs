namespace CloudTrust.Core.Kerberos;

/// <summary>One domain's Kerberos server object as a read-only look found it.</summary>
/// <param name="Domain">The AD DNS domain.</param>
/// <param name="State">Healthy, unhealthy, missing or unreadable.</param>
/// <param name="Detail">Why: the mismatching fields, the error code and message, or the key version when healthy.</param>
public sealed record KerberosServerReading(string Domain, KerberosServerState State, string Detail)
{
    /// <summary>Judges an object that was read with <see cref="KerberosServerHealth.Evaluate"/>.</summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="server">The object.</param>
    /// <returns>A healthy or unhealthy reading.</returns>
    public static KerberosServerReading Of(string domain, KerberosServerObject server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var health = KerberosServerHealth.Evaluate(server);
        return health.IsHealthy
            ? new KerberosServerReading(domain, KerberosServerState.Healthy, $"healthy: KeyVersion {server.KeyVersion} on both halves")
            : new KerberosServerReading(domain, KerberosServerState.Unhealthy, "unhealthy: " + string.Join("; ", health.Mismatches));
    }
}
