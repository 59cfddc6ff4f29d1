using CloudTrust.Tests.Shared.Durable;
using System.Reflection;
using System.Text.RegularExpressions;
using CloudTrust.Api;
using CloudTrust.Core.Workflows;
using CloudTrust.Functions.Tests.Runtime;
using CloudTrust.Integrations.Composition;
using Microsoft.Azure.Functions.Worker;
using CloudTrust.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudTrust.Functions.Tests;

/// <summary>
/// The compiled Functions assembly against the one composition root: every activity the activity sets register has
/// exactly one activity function, under the host-legal name the Durable workflow context calls, taking the activity's
/// input and returning its output; every workflow has its orchestrator; names are unique and legal; HTTP needs a key.
/// </summary>
public sealed class FunctionTableTests
{
    [Fact]
    public void Every_registered_activity_has_one_activity_function_of_the_same_contract()
    {
        using var worker = SampleWorker.Build();
        var registered = new RecordingRegistrar();
        worker.Services.GetRequiredService<RolloutActivitySet>().RegisterWith(registered);
        worker.Services.GetRequiredService<KerberosActivitySet>().RegisterWith(registered);
        var functions = FunctionCatalog.WithTrigger<ActivityTriggerAttribute>().ToDictionary(f => f.Name, f => f.Method);

        Assert.Equal(registered.Activities.Keys.Select(FunctionNames.FunctionFor).Order(), functions.Keys.Order());
        Assert.Equal(FunctionNames.Activities.Order(), registered.Activities.Keys.Order());
        foreach (var (name, (input, output)) in registered.Activities)
        {
            var function = functions[FunctionNames.FunctionFor(name)];
            Assert.Equal(input, function.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(output), function.ReturnType);
        }
    }

    [Fact]
    public void Each_workflow_has_an_orchestrator_with_a_typed_input_and_names_are_unique_legal_and_keyed()
    {
        var orchestrators = FunctionCatalog.WithTrigger<OrchestrationTriggerAttribute>().ToList();
        Assert.Equal(FunctionNames.Orchestrators.Order(), orchestrators.Select(o => o.Name).Order());
        Assert.All(orchestrators, o => Assert.NotEqual(typeof(object), new FunctionOrchestrator(o.Method, new EmptyServices()).InputType));

        var names = FunctionCatalog.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches(new Regex(FunctionNames.HostNameRule, RegexOptions.IgnoreCase), n));

        var http = FunctionCatalog.WithTrigger<HttpTriggerAttribute>().Select(f => f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!).ToList();
        Assert.Equal(11, http.Count);
        Assert.All(http, t => Assert.Equal(AuthorizationLevel.Function, t.AuthLevel));
    }

    private sealed class RecordingRegistrar : IActivityRegistrar
    {
        public Dictionary<string, (Type Input, Type Output)> Activities { get; } = [];

        public void Register<TInput, TOutput>(string name, IActivity<TInput, TOutput> activity) => Activities.Add(name, (typeof(TInput), typeof(TOutput)));
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
