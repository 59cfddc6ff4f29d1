using CloudTrust.Tests.Shared.Durable;
using System.Text.Json;
using Azure.Identity;
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
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString());
    }

    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudTrust.slnf")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CloudTrust.slnf not found above the test output");
    }
}
