using System.Text.Json;
using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Integrations.KeyVault;

namespace CloudTrust.Agent.Credentials;

/// <summary>
/// Finds what the module signs in with for one domain: the domain's own Domain Admin secret
/// (<see cref="AgentSecretNames.DomainAdminFor"/>) when there is one, else the forest's
/// (<see cref="AgentSecretNames.AdminCredentials"/>); and for the cloud either the forest secret's password account
/// (password mode) or the UPN an administrator signs in with interactively (attended mode). A child domain needs its
/// own Domain Admin: the module refuses an Enterprise Admin of the root there ("SecondaryKrbTgtNumber").
/// </summary>
internal sealed class KerberosCredentialStore(KeyVaultSecretCache secrets, AgentSecretNames names)
{
    /// <summary>Reads the credentials for a password-mode (unattended) operation.</summary>
    /// <exception cref="SecretUnavailableException">A secret is missing or malformed; the message names it and the fix.</exception>
    public async Task<KerberosAdminCredentials> ForPasswordAsync(string domain, CancellationToken cancellationToken)
    {
        var (user, password, secret) = await DomainAdminAsync(domain, cancellationToken);
        var forest = await ReadForestAsync(cancellationToken);
        var cloudUser = Text(forest, "cloudUserName");
        var cloudPassword = Text(forest, "cloudPassword");
        if (cloudUser is null || cloudPassword is null)
        {
            throw new SecretUnavailableException(
                $"Key Vault secret '{names.AdminCredentials}' has no cloudUserName/cloudPassword, which password sign-in needs; "
                + "use attended sign-in (cloudSignIn \"attended\") or store a dedicated MFA-excluded Hybrid Identity Administrator there");
        }

        return new KerberosAdminCredentials { CloudUserName = cloudUser, CloudPassword = cloudPassword, DomainUserName = user, DomainPassword = password, DomainSecretName = secret };
    }

    /// <summary>Reads the credentials for an attended operation: the domain's Domain Admin, and only the administrator's UPN for the cloud.</summary>
    public async Task<KerberosAdminCredentials> ForInteractiveAsync(string domain, string userPrincipalName, CancellationToken cancellationToken)
    {
        var (user, password, secret) = await DomainAdminAsync(domain, cancellationToken);
        return new KerberosAdminCredentials { CloudUserName = userPrincipalName, CloudInteractive = true, DomainUserName = user, DomainPassword = password, DomainSecretName = secret };
    }

    private async Task<(string User, string Password, string Secret)> DomainAdminAsync(string domain, CancellationToken cancellationToken)
    {
        var own = AgentSecretNames.DomainAdminFor(domain);
        if (own.Length <= 127)
        {
            try
            {
                var secret = await secrets.GetAsync(own, cancellationToken);
                var (user, password) = DomainPair(Parse(secret.Reveal(), own), own);
                return (user, password, own);
            }
            catch (SecretUnavailableException ex) when (ex.Status == 404)
            {
                // No secret of its own: the forest's Domain Admin (right for a single-domain forest or the root).
            }
        }

        JsonElement forest;
        try
        {
            forest = await ReadForestAsync(cancellationToken);
        }
        catch (SecretUnavailableException ex) when (ex.Status == 404)
        {
            throw new SecretUnavailableException(
                $"no Domain Admin credential for {domain}: store one in Key Vault secret '{own}' (or the forest's in '{names.AdminCredentials}') as JSON {{\"domainUserName\":…,\"domainPassword\":…}}", 404);
        }

        var (forestUser, forestPassword) = DomainPair(forest, names.AdminCredentials);
        return (forestUser, forestPassword, names.AdminCredentials);
    }

    private async Task<JsonElement> ReadForestAsync(CancellationToken cancellationToken)
        => Parse((await secrets.GetAsync(names.AdminCredentials, cancellationToken)).Reveal(), names.AdminCredentials);

    private static (string User, string Password) DomainPair(JsonElement root, string secretName)
        => (Text(root, "domainUserName"), Text(root, "domainPassword")) is ({ } user, { } password)
            ? (user, password)
            : throw new SecretUnavailableException($"Key Vault secret '{secretName}' has no domainUserName/domainPassword");

    private static JsonElement Parse(string json, string secretName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new SecretUnavailableException($"Key Vault secret '{secretName}' is not the expected JSON object");
        }
        catch (JsonException)
        {
            throw new SecretUnavailableException($"Key Vault secret '{secretName}' is not the expected JSON object");
        }
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
