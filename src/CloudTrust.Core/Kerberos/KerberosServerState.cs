namespace CloudTrust.Core.Kerberos;

/// <summary>What a read-only look at a domain's Kerberos server object found.</summary>
public enum KerberosServerState
{
    /// <summary>The object exists and its on-premises and cloud halves agree.</summary>
    Healthy,

    /// <summary>The object exists but its halves disagree, or the domain cannot hold one (for example it is unknown to the forest).</summary>
    Unhealthy,

    /// <summary>The domain has no object; the rollout's preflight would create it.</summary>
    Missing,

    /// <summary>The object could not be read (the agent or relay did not answer, or refused the request).</summary>
    Unreadable,

    /// <summary>
    /// The on-premises half exists and was read from the directory (its user disabled, a key version set); the cloud
    /// half was not read, because the domain's cloud sign-in is attended and reading it needs an administrator's sign-in.
    /// </summary>
    CloudNotRead,
}
