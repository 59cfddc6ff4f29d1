using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudTrust.Simulator.Tls;

/// <summary>
/// A self-signed certificate for 127.0.0.1 and localhost, made at start-up, so the simulated tenant speaks
/// HTTPS like the real services (the Azure SDKs refuse bearer tokens over plain HTTP). Clients trust exactly
/// this certificate by pinning it; nothing is installed in a machine store.
/// </summary>
public static class LoopbackCertificate
{
    /// <summary>Creates a certificate valid for one day for 127.0.0.1, ::1 and localhost.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CloudTrust simulated tenant", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
