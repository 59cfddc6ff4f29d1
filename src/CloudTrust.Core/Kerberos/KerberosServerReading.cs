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

    /// <summary>
    /// Judges the on-premises half read from the directory, for a domain whose cloud sign-in is attended: the cloud half
    /// is reported as not read, never as agreeing. An absent object is unhealthy here (not "missing, would be created"),
    /// because creating it needs an administrator's sign-in that a preflight does not have.
    /// </summary>
    /// <param name="domain">The AD DNS domain.</param>
    /// <param name="directory">What the directory holds.</param>
    /// <returns>A <see cref="KerberosServerState.CloudNotRead"/> reading when the on-premises half is sound, otherwise unhealthy.</returns>
    public static KerberosServerReading OfDirectory(string domain, KerberosDirectoryObject directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!directory.Exists)
        {
            return new KerberosServerReading(domain, KerberosServerState.Unhealthy,
                $"the directory has no AzureADKerberos computer object, and {domain} signs in to the cloud attended, so nothing creates it unattended: "
                + "an administrator creates it on the agent's host (Set-AzureADKerberosServer -Domain " + domain + " -UserPrincipalName <admin upn> -DomainCredential <domain admin>), "
                + "or run 'cloudtrust kerberos create " + domain + "' (it waits for that administrator's sign-in), "
                + "or the rotation policy names \"password\" sign-in for it (docs/agent.md)");
        }

        var problems = directory.Problems;
        var onPremises = System.FormattableString.Invariant($"on premises KeyVersion {directory.KeyVersion} (updated {directory.KeyUpdatedOn:u}), krbtgt_AzureAD {(directory.UserAccountDisabled == true ? "disabled" : directory.UserAccountDisabled == false ? "ENABLED" : "state not read")}");
        return problems.Count > 0
            ? new KerberosServerReading(domain, KerberosServerState.Unhealthy, "unhealthy: " + string.Join("; ", problems))
            : new KerberosServerReading(domain, KerberosServerState.CloudNotRead, $"{onPremises}, read from the directory; cloud half {KerberosDirectoryObject.CloudNotReadText}");
    }
}
