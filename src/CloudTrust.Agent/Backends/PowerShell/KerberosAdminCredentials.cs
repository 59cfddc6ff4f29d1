namespace CloudTrust.Agent.Backends.PowerShell;

/// <summary>
/// The two credentials <c>Set-AzureADKerberosServer</c> needs: a Hybrid Identity Administrator in Entra ID and a
/// Domain Admin of the domain. Read from Key Vault inside the agent; <see cref="ToString"/> hides the passwords.
/// </summary>
internal sealed class KerberosAdminCredentials
{
    public required string CloudUserName { get; init; }

    public required string CloudPassword { get; init; }

    public required string DomainUserName { get; init; }

    public required string DomainPassword { get; init; }

    public override string ToString() => $"cloud {CloudUserName}, domain {DomainUserName} (passwords hidden)";
}
