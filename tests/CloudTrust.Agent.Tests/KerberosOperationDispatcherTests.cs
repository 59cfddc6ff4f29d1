using CloudTrust.Agent.Backends.Simulated;
using CloudTrust.Agent.Operations;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudTrust.Agent.Tests;

/// <summary>The dispatcher over the real simulated AD (no relay).</summary>
public sealed class KerberosOperationDispatcherTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cloudtrust-dispatch-" + Guid.NewGuid().ToString("N"));

    private (KerberosOperationDispatcher Dispatcher, SimulatedActiveDirectory Directory) Create()
    {
        var seeded = File.Exists(Path.Combine(directory, "ad.json"));
        var ad = new SimulatedActiveDirectory(Path.Combine(directory, "ad.json"), TimeProvider.System);
        if (!seeded)
        {
            foreach (var domain in SimulatedActiveDirectory.DemoForest())
            {
                ad.AddDomain(domain);
            }
        }

        return (new KerberosOperationDispatcher(ad, new RotationJournal(Path.Combine(directory, "rotations.json")), TimeProvider.System, NullLogger<KerberosOperationDispatcher>.Instance), ad);
    }

    [Fact]
    public async Task An_operation_id_reused_for_another_domain_is_refused_and_rotates_nothing()
    {
        var (dispatcher, ad) = Create();
        await dispatcher.ExecuteAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);
        await dispatcher.ExecuteAsync(KerberosOperationRequest.EnsureKerberosServer("emea.contoso.com"), default);

        var first = await dispatcher.ExecuteAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "op-1"), default);
        var reused = await dispatcher.ExecuteAsync(KerberosOperationRequest.RotateKerberosServerKey("emea.contoso.com", "op-1"), default);

        Assert.True(first.Succeeded);
        Assert.Equal(KerberosErrorCodes.InvalidRequest, reused.ErrorCode);
        Assert.Equal(0, ad.RotationsOf("emea.contoso.com"));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_rotation_rotate_once()
    {
        var (dispatcher, ad) = Create();
        await dispatcher.ExecuteAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => dispatcher.ExecuteAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "op-same"), default)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Server!.KeyVersion).Distinct());
        Assert.Equal(1, ad.RotationsOf("contoso.com"));
    }

    [Fact]
    public async Task A_failed_rotation_is_not_remembered()
    {
        var (dispatcher, ad) = Create();

        var noServer = await dispatcher.ExecuteAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "op-early"), default);
        await dispatcher.ExecuteAsync(KerberosOperationRequest.EnsureKerberosServer("contoso.com"), default);
        var later = await dispatcher.ExecuteAsync(KerberosOperationRequest.RotateKerberosServerKey("contoso.com", "op-early"), default);

        Assert.Equal(KerberosErrorCodes.ServerNotFound, noServer.ErrorCode);
        Assert.True(later.Succeeded);
        Assert.Equal(1, ad.RotationsOf("contoso.com"));
    }

    [Fact]
    public async Task Health_reports_the_backend_and_contract_version()
    {
        var (dispatcher, _) = Create();

        var health = await dispatcher.ExecuteAsync(KerberosOperationRequest.Health(), default);

        Assert.Equal("Simulated", health.Agent!.Backend);
        Assert.Equal(KerberosOperations.CurrentVersion, health.Agent.ContractVersion);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
