using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The isolated worker's start-up (FunctionsApplication lives in Microsoft.Azure.Functions.Worker.Builder).
// Orchestrator, activity and trigger adapters arrive with the Functions host issue.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Build().Run();
