using System.Text.Json;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Engine;

/// <summary>
/// The workflows and activities an engine can run, by name. Names are case-sensitive and unique within their
/// kind. Inputs and outputs cross the registry as JSON, exactly as they are journaled.
/// </summary>
public sealed class WorkflowRegistry : IActivityRegistrar
{
    private readonly Dictionary<string, WorkflowRegistration> workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityRegistration> activities = new(StringComparer.Ordinal);

    /// <summary>Registers a workflow.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The workflow's name.</param>
    /// <param name="workflow">The workflow.</param>
    /// <returns>This registry.</returns>
    public WorkflowRegistry AddWorkflow<TInput, TOutput>(string name, IWorkflow<TInput, TOutput> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return AddWorkflow<TInput, TOutput>(name, workflow.RunAsync);
    }

    /// <summary>Registers a workflow given as a delegate.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The workflow's name.</param>
    /// <param name="run">The workflow body.</param>
    /// <returns>This registry.</returns>
    public WorkflowRegistry AddWorkflow<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        if (!workflows.TryAdd(name, new WorkflowRegistration(name, typeof(TInput), Invoke)))
        {
            throw new ArgumentException($"a workflow named '{name}' is registered already", nameof(name));
        }

        return this;

        async Task<string?> Invoke(IWorkflowContext context, string? inputJson)
        {
            var input = Deserialize<TInput>(inputJson);
            var output = await run(context, input!);
            return JsonSerializer.Serialize(output, EngineJson.Options);
        }
    }

    /// <summary>Registers an activity.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The activity's name.</param>
    /// <param name="activity">The activity.</param>
    /// <returns>This registry.</returns>
    public WorkflowRegistry AddActivity<TInput, TOutput>(string name, IActivity<TInput, TOutput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivity<TInput, TOutput>(name, activity.RunAsync);
    }

    /// <inheritdoc />
    void IActivityRegistrar.Register<TInput, TOutput>(string name, IActivity<TInput, TOutput> activity) => AddActivity(name, activity);

    /// <summary>Registers every activity of a set (see the integrations layer's activity sets).</summary>
    /// <param name="registerAll">The set's registration method, for example <c>set.RegisterWith</c>.</param>
    /// <returns>This registry.</returns>
    public WorkflowRegistry AddActivities(Action<IActivityRegistrar> registerAll)
    {
        ArgumentNullException.ThrowIfNull(registerAll);
        registerAll(this);
        return this;
    }

    /// <summary>Registers an activity given as a delegate.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The activity's name.</param>
    /// <param name="run">The activity body.</param>
    /// <returns>This registry.</returns>
    public WorkflowRegistry AddActivity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        if (!activities.TryAdd(name, new ActivityRegistration(name, Invoke)))
        {
            throw new ArgumentException($"an activity named '{name}' is registered already", nameof(name));
        }

        return this;

        async Task<string?> Invoke(string? inputJson, CancellationToken cancellationToken)
        {
            var input = Deserialize<TInput>(inputJson);
            var output = await run(input!, cancellationToken);
            return JsonSerializer.Serialize(output, EngineJson.Options);
        }
    }

    /// <summary>Gets the names of the registered workflows.</summary>
    public IReadOnlyCollection<string> WorkflowNames => workflows.Keys;

    internal WorkflowRegistration GetWorkflow(string name)
        => workflows.TryGetValue(name, out var registration)
            ? registration
            : throw new UnknownWorkflowException($"no workflow is registered as '{name}' (known: {string.Join(", ", workflows.Keys.Order(StringComparer.Ordinal))})");

    internal bool TryGetActivity(string name, out ActivityRegistration registration)
        => activities.TryGetValue(name, out registration!);

    private static T? Deserialize<T>(string? json)
        => json is null ? default : JsonSerializer.Deserialize<T>(json, EngineJson.Options);
}

/// <summary>A registered workflow: its input type (to validate a start request) and its body over JSON.</summary>
internal sealed record WorkflowRegistration(string Name, Type InputType, Func<IWorkflowContext, string?, Task<string?>> Invoke)
{
    /// <summary>Checks that <paramref name="inputJson"/> deserializes to the input type.</summary>
    public void ValidateInput(string? inputJson)
    {
        try
        {
            var value = inputJson is null ? null : JsonSerializer.Deserialize(inputJson, InputType, EngineJson.Options);
            if (value is null && InputType.IsValueType && Nullable.GetUnderlyingType(InputType) is null)
            {
                throw new InvalidWorkflowInputException($"workflow '{Name}' needs an input of type {InputType.Name}; none was given");
            }
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            throw new InvalidWorkflowInputException($"input for workflow '{Name}' is not a valid {InputType.Name}{where}: {ex.Message}", ex);
        }
    }
}

/// <summary>A registered activity: its body over JSON.</summary>
internal sealed record ActivityRegistration(string Name, Func<string?, CancellationToken, Task<string?>> Invoke);
