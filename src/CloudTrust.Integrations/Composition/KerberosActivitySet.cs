using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;
using CloudTrust.Integrations.History;
using CloudTrust.Integrations.Relay;

namespace CloudTrust.Integrations.Composition;

/// <summary>
/// Every activity the key rotation and the Kerberos server object workflows call, built once from the relay sender
/// to the agent and the rotation history: the one composition root of these activities for every host (see
/// <see cref="RolloutActivitySet"/>).
/// </summary>
public sealed class KerberosActivitySet
{
    /// <summary>Initializes a new instance of the <see cref="KerberosActivitySet"/> class.</summary>
    /// <param name="sender">The relay sender to the on-premises agent.</param>
    /// <param name="history">Where rotation attempts are kept (SQLite beside the CLI's journal, Table Storage in Azure).</param>
    public KerberosActivitySet(RelaySender sender, IRotationHistory history)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(history);
        ReadKerberosServer = new ReadKerberosServerActivity(sender);
        ReadKerberosServerDirectory = new ReadKerberosServerDirectoryActivity(sender);
        RotateKerberosServerKey = new RotateKerberosServerKeyActivity(sender);
        EnsureKerberosServer = new EnsureKerberosServerActivity(sender);
        RecordRotationAttempt = new RecordRotationAttemptActivity(history);
        ReadLastRotation = new ReadLastRotationActivity(history);
        QueueAttendedKerberosOperation = new QueueAttendedKerberosOperationActivity(sender);
        ReadAttendedKerberosOperation = new ReadAttendedKerberosOperationActivity(sender);
        CancelAttendedKerberosOperation = new CancelAttendedKerberosOperationActivity(sender);
        RemoveKerberosServer = new RemoveKerberosServerActivity(sender);
    }

    /// <summary>Gets the removal of a domain's Kerberos server object with the stored (password) credential.</summary>
    public RemoveKerberosServerActivity RemoveKerberosServer { get; }

    /// <summary>Gets the read of when a domain's key was last rotated (the history).</summary>
    public ReadLastRotationActivity ReadLastRotation { get; }

    /// <summary>Gets the queuing of an attended operation on the agent.</summary>
    public QueueAttendedKerberosOperationActivity QueueAttendedKerberosOperation { get; }

    /// <summary>Gets the read of an attended request.</summary>
    public ReadAttendedKerberosOperationActivity ReadAttendedKerberosOperation { get; }

    /// <summary>Gets the withdrawal of a waiting attended request.</summary>
    public CancelAttendedKerberosOperationActivity CancelAttendedKerberosOperation { get; }

    /// <summary>Gets the read of a domain's Kerberos server object.</summary>
    public ReadKerberosServerActivity ReadKerberosServer { get; }

    /// <summary>Gets the read of a domain's object's on-premises half from the directory (no cloud sign-in; attended domains).</summary>
    public ReadKerberosServerDirectoryActivity ReadKerberosServerDirectory { get; }

    /// <summary>Gets the rotation of a domain's key (once per operation id).</summary>
    public RotateKerberosServerKeyActivity RotateKerberosServerKey { get; }

    /// <summary>Gets the create-if-missing of a domain's Kerberos server object.</summary>
    public EnsureKerberosServerActivity EnsureKerberosServer { get; }

    /// <summary>Gets the record of a rotation attempt in the history.</summary>
    public RecordRotationAttemptActivity RecordRotationAttempt { get; }

    /// <summary>Registers every activity under the name the workflows call it by.</summary>
    /// <param name="registrar">The host's registrar.</param>
    public void RegisterWith(IActivityRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        registrar.Register(RotationActivities.ReadKerberosServer, ReadKerberosServer);
        registrar.Register(RotationActivities.ReadKerberosServerDirectory, ReadKerberosServerDirectory);
        registrar.Register(RotationActivities.RotateKerberosServerKey, RotateKerberosServerKey);
        registrar.Register(RotationActivities.RecordRotationAttempt, RecordRotationAttempt);
        registrar.Register(EnsureKerberosServersWorkflow.EnsureKerberosServerActivityName, EnsureKerberosServer);
        registrar.Register(RotationActivities.ReadLastRotation, ReadLastRotation);
        registrar.Register(RotationActivities.QueueAttendedKerberosOperation, QueueAttendedKerberosOperation);
        registrar.Register(RotationActivities.ReadAttendedKerberosOperation, ReadAttendedKerberosOperation);
        registrar.Register(RotationActivities.CancelAttendedKerberosOperation, CancelAttendedKerberosOperation);
        registrar.Register(KerberosRemovalWorkflow.RemoveActivityName, RemoveKerberosServer);
    }
}
