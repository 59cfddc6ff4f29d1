using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CloudTrust.Integrations.Http;

namespace CloudTrust.Cli.Tenant;

/// <summary>
/// Makes the one Azure.Identity <see cref="TokenCredential"/> every client of a command shares, from the settings'
/// <c>credential</c> section: against the simulated tenant with the pinned-certificate transport and its authority host.
/// </summary>
internal static class TenantCredential
{
    /// <summary>Creates the credential.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="prompt">Where device-code instructions go (a person reads them).</param>
    /// <returns>The credential.</returns>
    /// <exception cref="Core.Validation.InvalidInputException">A client secret is needed and <c>CLOUDTRUST_CLIENT_SECRET</c> is not set.</exception>
    public static TokenCredential Create(TenantSettings settings, Action<string> prompt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var credential = settings.Credential;
        return credential.Kind switch
        {
            CredentialKind.ClientSecret => new ClientSecretCredential(settings.TenantId, settings.ClientId, TenantSettings.ClientSecretFromEnvironment(), Configure(new ClientSecretCredentialOptions(), settings)),
            CredentialKind.ClientCertificate => new ClientCertificateCredential(settings.TenantId, settings.ClientId, credential.CertificatePath!, Configure(new ClientCertificateCredentialOptions(), settings)),
            CredentialKind.DeviceCode => new DeviceCodeCredential(Configure(
                new DeviceCodeCredentialOptions
                {
                    TenantId = settings.TenantId,
                    ClientId = settings.ClientId,
                    DeviceCodeCallback = (code, _) =>
                    {
                        prompt(code.Message);
                        return Task.CompletedTask;
                    },
                },
                settings)),
            CredentialKind.InteractiveBrowser => new InteractiveBrowserCredential(Configure(new InteractiveBrowserCredentialOptions { TenantId = settings.TenantId, ClientId = settings.ClientId }, settings)),
            CredentialKind.ManagedIdentity => new ManagedIdentityCredential(
                credential.ManagedIdentityClientId is { } id ? ManagedIdentityId.FromUserAssignedClientId(id) : ManagedIdentityId.SystemAssigned),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), credential.Kind, "unknown credential kind"),
        };
    }

    private static T Configure<T>(T options, TenantSettings settings)
        where T : TokenCredentialOptions
    {
        if (settings.AuthorityHost is { } authority)
        {
            options.AuthorityHost = authority;
        }

        if (settings.TrustedCertificate is { } pinned)
        {
            options.Transport = new HttpClientTransport(PinnedCertificateHandler.Create(pinned));
            options.Retry.Mode = RetryMode.Fixed;
            options.Retry.Delay = TimeSpan.FromMilliseconds(50);
            switch (options)
            {
                case ClientSecretCredentialOptions secret:
                    secret.DisableInstanceDiscovery = true;
                    break;
                case ClientCertificateCredentialOptions certificate:
                    certificate.DisableInstanceDiscovery = true;
                    break;
                case DeviceCodeCredentialOptions device:
                    device.DisableInstanceDiscovery = true;
                    break;
                case InteractiveBrowserCredentialOptions browser:
                    browser.DisableInstanceDiscovery = true;
                    break;
            }
        }

        return options;
    }
}
