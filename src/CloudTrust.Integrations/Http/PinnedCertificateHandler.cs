using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CloudTrust.Integrations.Http;

/// <summary>
/// Builds the HTTP handler our SDK clients use. Against the real cloud it validates certificates as usual; against
/// the simulated tenant it trusts exactly one pinned certificate (and nothing else that fails validation).
/// </summary>
public static class PinnedCertificateHandler
{
    /// <summary>Creates a handler that also accepts <paramref name="pinned"/> when normal validation fails.</summary>
    /// <param name="pinned">The one extra certificate to trust, or null for ordinary validation only.</param>
    /// <returns>A new handler.</returns>
    public static HttpClientHandler Create(X509Certificate2? pinned)
    {
        var handler = new HttpClientHandler();
        if (pinned is not null)
        {
            var thumbprint = pinned.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null && certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == thumbprint);
        }

        return handler;
    }
}
