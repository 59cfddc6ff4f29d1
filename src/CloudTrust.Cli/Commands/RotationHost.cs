using CloudTrust.Integrations.Composition;
using CloudTrust.Cli.Tenant;
using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Engine;
using CloudTrust.Integrations.History;
using CloudTrust.Integrations.Relay;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Cli.Commands;

/// <summary>An engine on the local journal that runs key rotations against the tenant, with the history beside it.</summary>
public sealed class RotationHost : IAsyncDisposable
{
    private readonly TenantConnection connection;
    private readonly ILoggerFactory loggers;

    private RotationHost(TenantConnection connection, SqliteRotationHistory history, WorkflowEngine engine, TimeProvider clock, ILoggerFactory loggers)
    {
        Clock = clock;
        this.connection = connection;
        History = history;
        Engine = engine;
        this.loggers = loggers;
    }

    /// <summary>Gets the engine.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>Gets the clock workflows run by (the tenant's).</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets the relay sender to the agent (to ask it about attended requests).</summary>
    public RelaySender Sender => connection.Sender;

    /// <summary>Gets the rotation history.</summary>
    public SqliteRotationHistory History { get; }

    /// <summary>Opens the journal and connects to the tenant.</summary>
    /// <param name="databasePath">The journal file.</param>
    /// <param name="settings">The tenant settings.</param>
    /// <param name="loggers">Where logs go; <see cref="Output.CliLogging"/> when null. The host disposes them.</param>
    /// <param name="credential">A credential to use instead of the settings' (the in-process simulated tenant's).</param>
    /// <param name="afterCommit">Called after every journal commit with the count (crash sweeps kill the process there).</param>
    /// <returns>The host.</returns>
    public static RotationHost Open(string databasePath, TenantSettings settings, ILoggerFactory? loggers = null, Azure.Core.TokenCredential? credential = null, Action<long>? afterCommit = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        loggers ??= Output.CliLogging.Create();
        var connection = TenantConnection.Open(settings, TimeProvider.System, loggers, credential);
        var history = new SqliteRotationHistory(databasePath);
        var registry = new WorkflowRegistry()
            .AddWorkflow<RotationRequest, RotationReport>(KeyRotationWorkflow.Name, new KeyRotationWorkflow())
            .AddActivities(new KerberosActivitySet(connection.Sender, history).RegisterWith);
        var clock = settings.CreateClock();
        var engine = new WorkflowEngine(registry, new WorkflowEngineOptions { DatabasePath = databasePath, AfterCommit = afterCommit }, clock, loggers);
        return new RotationHost(connection, history, engine, clock, loggers);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        History.Dispose();
        connection.Dispose();
        loggers.Dispose();
    }
}
