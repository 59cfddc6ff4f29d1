// The on-premises agent: a .NET worker that installs as a Windows service, dials out to Azure Relay and serves the
// Kerberos operation allowlist with the PowerShell backend (Windows) or the simulated AD backend (elsewhere).
using CloudTrust.Agent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddWindowsService(options => options.ServiceName = "CloudTrust Agent");
builder.Services.Configure<AgentConfiguration>(builder.Configuration.GetSection("Agent"));
builder.Services.AddHostedService<AgentWorker>();
await builder.Build().RunAsync();
