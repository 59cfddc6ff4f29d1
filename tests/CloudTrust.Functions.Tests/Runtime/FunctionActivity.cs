using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace CloudTrust.Functions.Tests.Runtime;

/// <summary>
/// Runs one of the product's <c>[ActivityTrigger]</c> functions: the input is deserialized into the trigger
/// parameter's type with the worker's DataConverter (as ActivityInputConverter.cs does), the function's class is
/// created from the deployed worker's services (as the worker's default function activator does with
/// ActivatorUtilities), and a FunctionContext carries the invocation's services and cancellation.
/// </summary>
public sealed class FunctionActivity(MethodInfo function, IServiceProvider services, Action<string>? invoked = null) : ITaskActivity
{
    public Type InputType => function.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;

    public Type OutputType => typeof(object);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        invoked?.Invoke(context.Name.Name);
        var target = function.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, function.DeclaringType!);
        var invocation = new TestFunctionContext(services, CancellationToken.None);
        var arguments = function.GetParameters()
            .Select(p => p.ParameterType == typeof(FunctionContext) ? invocation : p.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? input : null)
            .ToArray();
        var task = (Task)function.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }
}
