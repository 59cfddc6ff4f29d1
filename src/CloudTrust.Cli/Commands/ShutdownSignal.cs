using System.Runtime.InteropServices;

namespace CloudTrust.Cli.Commands;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation for a long-running command, so it stops by disposing what
/// it runs (closing WebSockets, stopping servers) instead of being killed by the signal's default action.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration[] registrations;

    /// <summary>Initializes a new instance of the <see cref="ShutdownSignal"/> class.</summary>
    /// <param name="cancellationToken">Another reason to stop (the command line's own token).</param>
    public ShutdownSignal(CancellationToken cancellationToken)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Gets the token cancelled by the first signal.</summary>
    public CancellationToken Token => stop.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The first signal asks for an orderly stop; the process then exits on its own.
        context.Cancel = true;
        stop.Cancel();
    }
}
