using System.Reflection;
using CloudTrust.Api;
using CloudTrust.Functions.Composition;
using CloudTrust.Functions.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core;
using Microsoft.Extensions.Hosting;

namespace CloudTrust.Tests.Shared.Durable;

/// <summary>
/// The deployed worker's services, built as <c>Program.cs</c> builds them: <c>FunctionsApplication.CreateBuilder</c>,
/// then <see cref="FunctionsHost.Configure"/>, then the extension start-ups the Worker SDK generated into the Functions
/// assembly. The worker runs those start-ups from the entry assembly's
/// <see cref="WorkerExtensionStartupCodeExecutorInfoAttribute"/> (Azure/azure-functions-dotnet-worker
/// src/DotNetWorker.Core/Hosting/WorkerHostBuilderExtensions.cs, RunExtensionStartupCode); under a test runner the entry
/// assembly is the runner's, so the same generated executor is run here from the Functions assembly. That is what gives
/// Durable its DataConverter over the worker's serializer and the orchestration input converter
/// (azure-functions-durable-extension src/Worker.Extensions.DurableTask/DurableTaskExtensionStartup.cs). The host is
/// built, never run: no Functions host process is here to talk to.
/// </summary>
public static class DeployedWorker
{
    public static IHost Build(HostSettings settings, FunctionsConnection connection)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        FunctionsHost.Configure(builder, settings, connection);
        RunExtensionStartups(builder);
        return builder.Build();
    }

    private static void RunExtensionStartups(IFunctionsWorkerApplicationBuilder builder)
    {
        var info = typeof(WorkflowOrchestrators).Assembly.GetCustomAttribute<WorkerExtensionStartupCodeExecutorInfoAttribute>()
            ?? throw new InvalidOperationException("the Functions assembly has no generated extension start-up executor");
        var executor = (WorkerExtensionStartup)Activator.CreateInstance(info.StartupCodeExecutorType)!;
        executor.Configure(builder);
    }
}
