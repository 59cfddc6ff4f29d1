using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Data.Tables;

namespace CloudTrust.Functions.Composition;

/// <summary>
/// How the host reaches the tenant: in Azure the managed identity and the public endpoints' own certificates; in the
/// tests the simulated tenant's credential and its one certificate. Nothing here is a secret.
/// </summary>
public sealed record FunctionsConnection
{
    /// <summary>Gets the credential every client signs in with (DefaultAzureCredential, the managed identity, in Azure).</summary>
    public required TokenCredential Credential { get; init; }

    /// <summary>
    /// Gets the clock the activities and triggers judge device check-ins and key ages by (the simulated tenant's in the
    /// tests). Relay tokens and the Key Vault cache always run on the system clock: their expiry is real time.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Gets the one extra certificate to trust (the simulated tenant's), or null for the public PKI.</summary>
    public X509Certificate2? TrustedCertificate { get; init; }

    /// <summary>
    /// Gets the table service the rotation history is kept in, when not the one at the <c>RotationHistoryTableUri</c>
    /// setting signed in with <see cref="Credential"/> (the tests give Azurite's, which takes its account key).
    /// </summary>
    public Func<TableServiceClient>? RotationHistoryTables { get; init; }
}
