namespace CloudTrust.Core.Kerberos;

/// <summary>
/// Whether the on-premises and cloud halves of a Kerberos server object agree: <c>Id == CloudId</c>,
/// <c>DomainDnsName == CloudDomainDnsName</c> and <c>KeyVersion == CloudKeyVersion</c>. Key versions grow by
/// more than one per rotation (replication metadata), so they are compared for equality, never as "previous + 1".
/// </summary>
/// <param name="IsHealthy">True when every pair agrees.</param>
/// <param name="Mismatches">One line per pair that disagrees, naming the fields and their values.</param>
public sealed record KerberosServerHealth(bool IsHealthy, IReadOnlyList<string> Mismatches)
{
    /// <summary>Judges one object.</summary>
    /// <param name="server">The object as read.</param>
    /// <returns>The verdict.</returns>
    public static KerberosServerHealth Evaluate(KerberosServerObject server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var mismatches = new List<string>();
        if (server.Id is null || server.Id != server.CloudId)
        {
            mismatches.Add($"Id ({Show(server.Id)}) != CloudId ({Show(server.CloudId)})");
        }

        if (server.DomainDnsName is null || !string.Equals(server.DomainDnsName, server.CloudDomainDnsName, StringComparison.OrdinalIgnoreCase))
        {
            mismatches.Add($"DomainDnsName ({Show(server.DomainDnsName)}) != CloudDomainDnsName ({Show(server.CloudDomainDnsName)})");
        }

        if (server.KeyVersion is null || server.KeyVersion != server.CloudKeyVersion)
        {
            mismatches.Add($"KeyVersion ({Show(server.KeyVersion)}) != CloudKeyVersion ({Show(server.CloudKeyVersion)})");
        }

        return new KerberosServerHealth(mismatches.Count == 0, mismatches);
    }

    private static string Show(object? value) => value?.ToString() ?? "null";
}
