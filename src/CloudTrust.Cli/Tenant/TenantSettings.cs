using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CloudTrust.Core.Validation;

namespace CloudTrust.Cli.Tenant;

/// <summary>
/// Where the tenant's services are: the app registration, Key Vault and the relay to the agent. Read from a JSON
/// file that holds no secret; the client secret comes from the <c>CLOUDTRUST_CLIENT_SECRET</c> environment variable.
/// </summary>
/// <remarks>
/// <code>
/// { "tenantId": "…", "clientId": "…", "keyVaultUri": "https://contoso-ct.vault.azure.net/",
///   "relay": { "address": "https://contoso-ct.servicebus.windows.net/", "hybridConnection": "cloudtrust-agent", "sendRule": "cloud-send" },
///   "authorityHost": null, "trustedCertificate": null, "graphAddress": "https://graph.microsoft.com/",
///   "credential": { "kind": "clientSecret" }, "simulatedClock": null }
/// </code>
/// <c>authorityHost</c>, <c>graphAddress</c> and <c>trustedCertificate</c> (a public .cer/.pem file) point the
/// clients at the simulated tenant; leave them out for the real cloud. <c>credential.kind</c> is one of
/// clientSecret (default), clientCertificate (with <c>certificatePath</c>), deviceCode, interactiveBrowser or
/// managedIdentity (with an optional <c>managedIdentityClientId</c>). <c>simulatedClock</c> (written by
/// <c>cloudtrust simulator</c>) makes the CLI share the simulator's accelerated clock.
/// </remarks>
/// <param name="TenantId">The Entra tenant id.</param>
/// <param name="ClientId">The app registration's client id.</param>
/// <param name="KeyVaultUri">The Key Vault holding the relay and signing keys.</param>
/// <param name="RelayAddress">The relay namespace address.</param>
/// <param name="HybridConnection">The hybrid connection name.</param>
/// <param name="SendRule">The Send-only SAS rule's name.</param>
/// <param name="AuthorityHost">The Entra authority host, when not the public cloud's.</param>
/// <param name="TrustedCertificate">The one extra certificate to trust (the simulator's), when given.</param>
public sealed record TenantSettings(
    string TenantId,
    string ClientId,
    Uri KeyVaultUri,
    Uri RelayAddress,
    string HybridConnection,
    string SendRule,
    Uri? AuthorityHost,
    X509Certificate2? TrustedCertificate)
{
    /// <summary>Gets the Microsoft Graph address (no version); the public cloud's by default.</summary>
    public Uri GraphAddress { get; init; } = new("https://graph.microsoft.com/");

    /// <summary>Gets how to sign in; a client secret from <see cref="ClientSecretVariable"/> by default.</summary>
    public CredentialSettings Credential { get; init; } = CredentialSettings.ClientSecret;

    /// <summary>Gets the simulated tenant's accelerated clock, when the settings point at one.</summary>
    public SimulatedClockSettings? SimulatedClock { get; init; }

    /// <summary>
    /// Gets the rotation policy file (settings <c>rotationPolicy</c>, relative to the settings file) whose
    /// <c>cloudSignIn</c>/<c>cloudSignInByDomain</c> say how each domain signs in to the cloud for reads that have no
    /// <c>--policy</c> of their own (<c>plan</c>, the rollout's preflight); attended everywhere when not set.
    /// </summary>
    public string? RotationPolicyPath { get; init; }

    /// <summary>Gets the settings file's full path.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Creates the clock the CLI runs by: the simulated tenant's shared accelerated clock, or the system clock.</summary>
    /// <returns>The clock.</returns>
    public TimeProvider CreateClock() => SimulatedClock?.CreateClock() ?? TimeProvider.System;

    /// <summary>The environment variable that carries the client secret.</summary>
    public const string ClientSecretVariable = "CLOUDTRUST_CLIENT_SECRET";

    /// <summary>Reads and checks a settings file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidInputException">The file is missing, malformed or incomplete.</exception>
    public static TenantSettings Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException("settings", [new ValidationError("--settings", $"no file at '{Path.GetFullPath(path)}'")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException("settings", [new ValidationError(string.Empty, $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")]);
        }

        using (document)
        {
            var errors = new List<ValidationError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException("settings", [new ValidationError(string.Empty, "must be a JSON object")]);
            }

            var tenant = Text(root, "tenantId", errors, mustBeGuid: true);
            var client = Text(root, "clientId", errors, mustBeGuid: false);
            var vault = Address(root, "keyVaultUri", "keyVaultUri", errors, required: true);
            Uri? relay = null;
            string? connection = null, rule = null;
            if (!root.TryGetProperty("relay", out var relayElement) || relayElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError("relay", "required: { address, hybridConnection, sendRule }"));
            }
            else
            {
                relay = Address(relayElement, "address", "relay.address", errors, required: true);
                connection = Text(relayElement, "hybridConnection", errors, mustBeGuid: false, prefix: "relay.");
                rule = Text(relayElement, "sendRule", errors, mustBeGuid: false, prefix: "relay.");
            }

            var authority = Address(root, "authorityHost", "authorityHost", errors, required: false);
            X509Certificate2? certificate = null;
            if (root.TryGetProperty("trustedCertificate", out var cert) && cert.ValueKind == JsonValueKind.String)
            {
                var certPath = Path.IsPathRooted(cert.GetString()!) ? cert.GetString()! : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, cert.GetString()!);
                try
                {
                    certificate = X509CertificateLoader.LoadCertificateFromFile(certPath);
                }
                catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
                {
                    errors.Add(new ValidationError("trustedCertificate", $"cannot load '{certPath}': {ex.Message}"));
                }
            }

            var graph = Address(root, "graphAddress", "graphAddress", errors, required: false);
            var credential = TenantSettingsSections.Credential(root, Path.GetDirectoryName(Path.GetFullPath(path))!, errors);
            var clock = TenantSettingsSections.SimulatedClock(root, errors);
            var rotationPolicy = TenantSettingsSections.RotationPolicyPath(root, Path.GetDirectoryName(Path.GetFullPath(path))!, errors);
            if (errors.Count > 0)
            {
                throw new InvalidInputException("settings", errors);
            }

            return new TenantSettings(tenant!, client!, vault!, relay!, connection!, rule!, authority, certificate)
            {
                GraphAddress = graph ?? new Uri("https://graph.microsoft.com/"),
                Credential = credential,
                SimulatedClock = clock,
                RotationPolicyPath = rotationPolicy,
                SourcePath = Path.GetFullPath(path),
            };
        }
    }

    /// <summary>Reads the client secret from the environment.</summary>
    /// <returns>The secret.</returns>
    /// <exception cref="InvalidInputException">The variable is not set.</exception>
    public static string ClientSecretFromEnvironment()
        => Environment.GetEnvironmentVariable(ClientSecretVariable) is { Length: > 0 } secret
            ? secret
            : throw new InvalidInputException("settings", [new ValidationError(ClientSecretVariable, "the client secret must be in this environment variable (it is never read from a file or an option)")]);

    private static string? Text(JsonElement element, string name, List<ValidationError> errors, bool mustBeGuid, string prefix = "")
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add(new ValidationError(prefix + name, "required"));
            return null;
        }

        var text = value.GetString()!;
        if (mustBeGuid && !Guid.TryParse(text, out _))
        {
            errors.Add(new ValidationError(prefix + name, "not a GUID"));
            return null;
        }

        return text;
    }

    private static Uri? Address(JsonElement element, string name, string path, List<ValidationError> errors, bool required)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new ValidationError(path, "required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(new ValidationError(path, "must be an https:// address"));
            return null;
        }

        return uri;
    }
}
