namespace CloudTrust.Core.Workflows;

/// <summary>
/// A deterministic workflow: orchestration code that only talks to its <see cref="IWorkflowContext"/>.
/// </summary>
/// <typeparam name="TInput">The JSON-serialisable input.</typeparam>
/// <typeparam name="TOutput">The JSON-serialisable output.</typeparam>
public interface IWorkflow<in TInput, TOutput>
{
    /// <summary>Runs the workflow. It may be replayed from the start any number of times.</summary>
    /// <param name="context">The host's workflow context.</param>
    /// <param name="input">The workflow input.</param>
    /// <returns>The workflow output.</returns>
    Task<TOutput> RunAsync(IWorkflowContext context, TInput input);
}
