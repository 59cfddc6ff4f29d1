using System.Reflection;
using CloudTrust.Functions.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace CloudTrust.Tests.Shared.Durable;

/// <summary>The product's <c>[Function]</c> methods, found in the Functions assembly by their trigger bindings.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<(string Name, MethodInfo Method)> All { get; } =
    [
        .. typeof(WorkflowOrchestrators).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m)),
    ];

    public static IEnumerable<(string Name, MethodInfo Method)> WithTrigger<TTrigger>()
        where TTrigger : BindingAttribute
        => All.Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null));

    public static MethodInfo Named(string name) => All.Single(f => f.Name == name).Method;
}
