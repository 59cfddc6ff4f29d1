using CloudTrust.Core.Kerberos;
using CloudTrust.Core.Rotation;
using CloudTrust.Core.Workflows;

namespace CloudTrust.Integrations.Relay;

/// <summary>
/// The <see cref="RotationActivities.QueueAttendedKerberosOperation"/> activity: queues an operation on the agent for
/// an administrator to complete in an interactive session (attended cloud sign-in); queuing again with the same
/// operation id returns the same request.
/// </summary>
/// <param name="sender">The relay sender.</param>
public sealed class QueueAttendedKerberosOperationActivity(RelaySender sender) : IActivity<AttendedKerberosRequest, AttendedOperation>
{
    /// <inheritdoc />
    public Task<AttendedOperation> RunAsync(AttendedKerberosRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AttendedOperationCall.SendAsync(sender, KerberosOperationRequest.QueueAttendedOperation(input.Domain, input.Operation, input.OperationId.ToString("D")), cancellationToken);
    }
}

/// <summary>The <see cref="RotationActivities.ReadAttendedKerberosOperation"/> activity: reads an attended request's state and result.</summary>
/// <param name="sender">The relay sender.</param>
public sealed class ReadAttendedKerberosOperationActivity(RelaySender sender) : IActivity<AttendedRequestRef, AttendedOperation>
{
    /// <inheritdoc />
    public Task<AttendedOperation> RunAsync(AttendedRequestRef input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AttendedOperationCall.SendAsync(sender, KerberosOperationRequest.GetAttendedOperation(input.RequestId), cancellationToken);
    }
}

/// <summary>The <see cref="RotationActivities.CancelAttendedKerberosOperation"/> activity: withdraws a waiting attended request.</summary>
/// <param name="sender">The relay sender.</param>
public sealed class CancelAttendedKerberosOperationActivity(RelaySender sender) : IActivity<AttendedRequestRef, AttendedOperation>
{
    /// <inheritdoc />
    public Task<AttendedOperation> RunAsync(AttendedRequestRef input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AttendedOperationCall.SendAsync(sender, KerberosOperationRequest.CancelAttendedOperation(input.RequestId), cancellationToken);
    }
}

/// <summary>Sends one attended operation and turns every ending but an answer into an exception.</summary>
internal static class AttendedOperationCall
{
    public static Task<AttendedOperation> SendAsync(RelaySender sender, KerberosOperationRequest request, CancellationToken cancellationToken)
        => RelayAnswer.RequireAsync(sender, request, r => r.Attended, "no attended request in the answer", null, cancellationToken);
}
