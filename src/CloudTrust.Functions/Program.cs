using Azure.Identity;
using CloudTrust.Api;
using CloudTrust.Functions.Composition;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The isolated worker's start-up (FunctionsApplication lives in Microsoft.Azure.Functions.Worker.Builder). Everything
// the functions use is configured by FunctionsHost.Configure, the one composition the tests call too, signed
// in with DefaultAzureCredential (the managed identity in Azure). No secret is configured: relay keys come from Key
// Vault inside the relay sender.
var builder = FunctionsApplication.CreateBuilder(args);
var (hostSettings, settingErrors) = HostSettings.Read(name => builder.Configuration[name]);
if (hostSettings is null)
{
    // A wrong setting stops the host at start-up, naming each (values are not echoed: none is secret, but keep logs lean).
    throw new InvalidOperationException("app settings are not valid: " + string.Join("; ", settingErrors.Select(e => e.ToString())));
}

FunctionsHost.Configure(builder, hostSettings, new FunctionsConnection
{
    Credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = hostSettings.ManagedIdentityClientId }),
});
builder.Build().Run();
