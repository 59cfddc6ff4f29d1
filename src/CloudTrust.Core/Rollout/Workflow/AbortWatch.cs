using System.Text.Json;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Core.Rollout.Workflow;

/// <summary>
/// The one wait for <see cref="RolloutEvents.Abort"/> a rollout (or one execution of its polling sub-workflow) keeps
/// open from its start and never withdraws: whatever the workflow awaits meanwhile (an activity, a timer, a child), an
/// abort raised on the instance completes it, and the workflow takes it at its next safe point. Events raised before
/// the wait started are delivered to it, so an abort is never lost between two waits.
/// </summary>
/// <remarks>
/// One wait, never cancelled, on purpose: Durable's worker (microsoft/durabletask-dotnet,
/// <c>src/Worker/Core/Shims/TaskOrchestrationContextWrapper.cs</c>, <c>WaitForExternalEvent</c> and
/// <c>CompleteExternalEvent</c>) stacks the waits of one event name, newest first, and leaves a cancelled wait on the
/// stack: an event that arrives while a cancelled wait is on top completes that wait and is gone. The local engine
/// withdraws a cancelled wait and hands events out oldest wait first. With one wait per name open at a time both
/// hosts deliver the same event to the same wait, and none is ever cancelled. Its completion is journaled in the
/// instance's history like any answer, so a replay sees it at the same point.
/// </remarks>
internal sealed class AbortWatch
{
    private readonly Task<JsonElement?> wait;

    private AbortWatch(Task<JsonElement?> wait) => this.wait = wait;

    /// <summary>Gets a task that completes when the abort arrives.</summary>
    public Task Arrived => wait;

    /// <summary>Gets a value indicating whether the abort has arrived.</summary>
    public bool Requested => wait.IsCompletedSuccessfully;

    /// <summary>Gets who asked (the payload's <c>by</c>), once the abort arrived.</summary>
    public string By => Requested && wait.Result is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("by", out var by) && by.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(by.GetString())
        ? by.GetString()!
        : "a person";

    /// <summary>Opens the wait; call once per execution, before the workflow awaits anything.</summary>
    /// <param name="context">The workflow's context.</param>
    /// <returns>The watch.</returns>
    public static AbortWatch Open(IWorkflowContext context)
        => new(context.WaitForExternalEvent<JsonElement?>(RolloutEvents.Abort, Timeout.InfiniteTimeSpan));

    /// <summary>Waits for <paramref name="work"/> or the abort, whichever comes first.</summary>
    /// <param name="work">What the workflow awaits.</param>
    /// <returns>True when the abort came first (or had come already); <paramref name="work"/> may still be running then.</returns>
    public async Task<bool> FirstAsync(Task work)
    {
        if (Requested)
        {
            return true;
        }

        return await Task.WhenAny(work, wait) == wait;
    }

    /// <summary>The payload to pass the abort on with, as the hosts raise it: <c>{ "by": … }</c>.</summary>
    /// <returns>The payload.</returns>
    public object Payload() => new { by = By };
}
