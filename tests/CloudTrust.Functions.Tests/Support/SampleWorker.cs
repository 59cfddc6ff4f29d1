using CloudTrust.Tests.Shared.Durable;
using System.Text.Json;
using Azure.Identity;
using CloudTrust.Tests.Shared.Azurite;
using CloudTrust.Api;
using CloudTrust.Functions.Composition;
using Microsoft.Extensions.Hosting;

namespace CloudTrust.Functions.Tests.Support;

/// <summary>
/// The deployed worker's services from the repository's <c>local.settings.sample.json</c>, for tests that look at the
/// wiring and reach no service (the credential is never asked for a token).
/// </summary>
public static class SampleWorker
{
    public static IHost Build(Action<Dictionary<string, string?>>? change = null)
    {
        var values = Values();
        change?.Invoke(values);
        var (settings, errors) = HostSettings.Read(name => values.GetValueOrDefault(name));
        Assert.True(settings is not null, string.Join("; ", errors));
        return DeployedWorker.Build(settings!, new FunctionsConnection { Credential = new ClientSecretCredential(settings!.TenantId.ToString(), "sample-client", "never-used") });
    }

    public static Dictionary<string, string?> Values()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteServer.RepositoryRoot, "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString());
    }
}
