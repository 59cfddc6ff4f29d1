namespace CloudTrust.Engine.Execution;

/// <summary>An auto-resetting wake-up call: <see cref="Set"/> releases one pending or the next <see cref="WaitAsync"/>.</summary>
internal sealed class AsyncSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
        catch (ObjectDisposedException)
        {
            // The executor is gone; nobody is waiting.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => semaphore.WaitAsync(cancellationToken);

    public void Dispose() => semaphore.Dispose();
}
