namespace CloudTrust.Engine.Execution;

/// <summary>
/// Runs workflow code on one logical thread: every continuation of a workflow is queued here and run by the
/// executor, so answers are delivered in journal order and replay takes the same path as the first run.
/// </summary>
internal sealed class WorkflowSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> queue = new();
    private readonly Lock gate = new();

    /// <summary>Gets or sets what to call when work is queued (the executor's wake-up), since it may come from any thread.</summary>
    public Action? Posted { get; set; }

    /// <summary>Gets a value indicating whether work is queued.</summary>
    public bool HasWork
    {
        get
        {
            lock (gate)
            {
                return queue.Count > 0;
            }
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (gate)
        {
            queue.Enqueue((d, state));
        }

        Posted?.Invoke();
    }

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException("workflow code runs on its engine's queue; Send is not supported");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Queues <paramref name="action"/> and runs the queue until it is empty.</summary>
    public void Run(Action action)
    {
        Post(static s => ((Action)s!).Invoke(), action);
        RunUntilIdle();
    }

    /// <summary>Runs queued work on the calling thread until nothing is left: the workflow is blocked or done.</summary>
    public void RunUntilIdle()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private bool TryDequeue(out (SendOrPostCallback Callback, object? State) item)
    {
        lock (gate)
        {
            return queue.TryDequeue(out item);
        }
    }
}
