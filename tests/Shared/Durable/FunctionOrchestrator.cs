using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudTrust.Tests.Shared.Durable;

/// <summary>
/// Runs one of the product's <c>[OrchestrationTrigger]</c> functions as the Durable worker extension runs it
/// (azure-functions-durable-extension src/Worker.Extensions.DurableTask/FunctionsOrchestrator.cs and
/// OrchestrationInputConverter.cs, commit a7c6d69): the orchestrator's input type is the first parameter that has no
/// binding and is not a FunctionContext or CancellationToken, so the worker deserializes the input into it with its
/// DataConverter; the context the function gets is <see cref="FunctionsOrchestrationContextDouble"/> over the real
/// worker's context; the function's return value is the orchestration's output.
/// </summary>
public sealed class FunctionOrchestrator(MethodInfo function, IServiceProvider workerServices) : ITaskOrchestrator
{
    private readonly ParameterInfo? inputParameter = function.GetParameters().FirstOrDefault(p =>
        p.GetCustomAttributes().All(a => a is not BindingAttribute)
        && p.ParameterType != typeof(FunctionContext)
        && p.ParameterType != typeof(CancellationToken));

    public Type InputType => inputParameter?.ParameterType ?? typeof(object);

    public Type OutputType => typeof(object);

    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var wrapped = new FunctionsOrchestrationContextDouble(
            context,
            workerServices.GetRequiredService<IOptions<JsonSerializerOptions>>().Value,
            workerServices.GetRequiredService<ILoggerFactory>());
        var arguments = function.GetParameters()
            .Select(p => p.ParameterType == typeof(TaskOrchestrationContext) ? wrapped : p == inputParameter ? input : null)
            .ToArray();
        var task = (Task)function.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }
}
