using Microsoft.Extensions.Hosting;

namespace CloudTrust.Simulator.Hosting;

/// <summary>
/// The simulated tenant's web host lifetime when it runs inside another program (the CLI, a test): it takes no
/// process signals. The default console lifetime would take Ctrl+C and SIGTERM for itself — stopping only the web
/// host and swallowing the signal — so the program around it (<c>cloudtrust simulator</c>) never learnt it was asked
/// to stop; the program that owns the process handles its signals and disposes the server.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
