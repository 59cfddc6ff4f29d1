using CloudTrust.Agent.Attended;
using CloudTrust.Agent.Backends;
using CloudTrust.Agent.Backends.PowerShell;
using CloudTrust.Agent.Credentials;
using CloudTrust.Core.Kerberos;
using CloudTrust.Integrations.KeyVault;
using Microsoft.Extensions.Logging;

namespace CloudTrust.Agent.Operations;

/// <summary>
/// Runs validated operations on the backend: answers <see cref="KerberosOperations.Health"/> itself, refuses an
/// unconfirmed removal, makes <see cref="KerberosOperations.RotateKerberosServerKey"/> idempotent by operation id
/// through the <see cref="RotationJournal"/>, reads each domain's credentials (its own Domain Admin, else the
/// forest's) for module operations, and holds attended operations in the <see cref="AttendedRequestStore"/> until an
/// administrator completes them (<see cref="CompleteAttendedAsync"/>).
/// </summary>
internal sealed partial class KerberosOperationDispatcher
{
    private readonly IKerberosBackend backend;
    private readonly RotationJournal rotations;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly KerberosCredentialStore? credentials;
    private readonly AttendedRequestStore? attended;
    private readonly SemaphoreSlim rotationGate = new(1, 1);

    public KerberosOperationDispatcher(IKerberosBackend backend, RotationJournal rotations, TimeProvider time, ILogger<KerberosOperationDispatcher> logger, KerberosCredentialStore? credentials = null, AttendedRequestStore? attended = null)
    {
        this.backend = backend;
        this.rotations = rotations;
        this.time = time;
        this.logger = logger;
        this.credentials = credentials;
        this.attended = attended;
    }

    public async Task<KerberosOperationResult> ExecuteAsync(KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        var errors = KerberosOperationValidator.Validate(request);
        if (errors.Count > 0)
        {
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.InvalidRequest, string.Join("; ", errors)) with { ValidationErrors = errors };
        }

        try
        {
            return request.Operation switch
            {
                KerberosOperations.Health => new KerberosOperationResult
                {
                    Operation = request.Operation,
                    Succeeded = true,
                    Agent = new AgentHealth(backend.Name, typeof(KerberosOperationDispatcher).Assembly.GetName().Version?.ToString() ?? "0", KerberosOperations.CurrentVersion, time.GetUtcNow()),
                },
                KerberosOperations.QueueAttendedOperation or KerberosOperations.GetAttendedOperation or KerberosOperations.CancelAttendedOperation
                    => await AttendedAsync(request, cancellationToken),
                _ => await RunAsync(request, signInAs: null, cancellationToken),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBackendFailed(request.Operation, ex.GetType().Name);
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.BackendFailed, $"the {backend.Name} backend failed ({ex.GetType().Name})");
        }
    }

    /// <summary>
    /// Runs a waiting attended request in an administrator's session: the module signs in to the cloud interactively as
    /// <paramref name="userPrincipalName"/> (its own prompt, with MFA), with the domain's Domain Admin from Key Vault. The
    /// result is recorded for the workflow's next poll; a rotation is also remembered by its operation id.
    /// </summary>
    public async Task<(AttendedOperation? Request, KerberosOperationResult Result)> CompleteAttendedAsync(string requestId, string userPrincipalName, CancellationToken cancellationToken)
    {
        var store = attended ?? throw new InvalidOperationException("this agent keeps no attended requests");
        var asked = KerberosOperationRequest.GetAttendedOperation(requestId);
        var claimed = await store.ClaimAsync(requestId, userPrincipalName, cancellationToken);
        if (claimed is null)
        {
            return (null, KerberosOperationResult.Failure(asked, KerberosErrorCodes.AttendedRequestNotFound, $"this agent ({store.Host}) has no attended request {requestId}; list the waiting ones with: CloudTrust.Agent kerberos pending"));
        }

        if (claimed.State != AttendedStates.Running || !string.Equals(claimed.CompletedBy, userPrincipalName, StringComparison.OrdinalIgnoreCase))
        {
            var why = claimed.State == AttendedStates.Cancelled
                ? "its workflow stopped waiting; start the operation again and complete the new request"
                : $"it is {claimed.State}{(claimed.CompletedBy is { } by ? " (by " + by + ")" : string.Empty)}";
            return (claimed, KerberosOperationResult.Failure(asked, KerberosErrorCodes.AttendedRequestClosed, $"attended request {requestId} cannot be run: {why}"));
        }

        var request = new KerberosOperationRequest
        {
            Operation = claimed.Operation,
            Domain = claimed.Domain,
            OperationId = claimed.Operation == KerberosOperations.RotateKerberosServerKey ? claimed.OperationId : null,
            Confirm = claimed.Operation == KerberosOperations.RemoveKerberosServer,
        };
        KerberosOperationResult result;
        try
        {
            result = await RunAsync(request, userPrincipalName, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBackendFailed(request.Operation, ex.GetType().Name);
            result = KerberosOperationResult.Failure(request, KerberosErrorCodes.BackendFailed, $"the {backend.Name} backend failed ({ex.GetType().Name})");
        }

        if (result is { Succeeded: true, Server: { } rotated } && request.Operation == KerberosOperations.RotateKerberosServerKey && !Agree(rotated))
        {
            result = await AwaitCloudAsync(request, userPrincipalName, result, cancellationToken);
        }

        var finished = await store.FinishAsync(requestId, result, CancellationToken.None);
        LogAttendedFinished(requestId, finished.Domain, finished.Operation, finished.State, userPrincipalName);
        return (finished, result);
    }

    /// <summary>How long an administrator's run waits, after rotating, for the cloud half to publish the new key version.</summary>
    public static readonly TimeSpan AttendedConvergenceWait = TimeSpan.FromHours(1);

    /// <summary>How often it reads the object meanwhile (in the administrator's signed-in session: no new prompt).</summary>
    public static readonly TimeSpan AttendedConvergencePoll = TimeSpan.FromMinutes(1);

    private static bool Agree(KerberosServerObject server) => server.KeyVersion is not null && server.KeyVersion == server.CloudKeyVersion;

    /// <summary>
    /// Reading the object needs the same cloud sign-in, which only the administrator's session has: so the attended run,
    /// not the workflow, waits until the cloud half agrees (or <see cref="AttendedConvergenceWait"/> passes), and records
    /// the last object read.
    /// </summary>
    private async Task<KerberosOperationResult> AwaitCloudAsync(KerberosOperationRequest request, string userPrincipalName, KerberosOperationResult result, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + AttendedConvergenceWait;
        while (result.Server is { } server && !Agree(server) && time.GetUtcNow() < until)
        {
            LogAwaitingCloud(request.Domain!, server.KeyVersion, server.CloudKeyVersion);
            await Task.Delay(AttendedConvergencePoll, time, cancellationToken);
            var read = await RunAsync(KerberosOperationRequest.GetKerberosServer(request.Domain!), userPrincipalName, cancellationToken);
            if (read is { Succeeded: true, Server: { } now })
            {
                result = result with { Server = now, Health = KerberosServerHealth.Evaluate(now) };
            }
        }

        return result;
    }

    /// <summary>Lists the attended requests waiting on this host.</summary>
    public Task<IReadOnlyList<AttendedOperation>> WaitingAttendedAsync(CancellationToken cancellationToken)
        => (attended ?? throw new InvalidOperationException("this agent keeps no attended requests")).WaitingAsync(cancellationToken);

    private async Task<KerberosOperationResult> RunAsync(KerberosOperationRequest request, string? signInAs, CancellationToken cancellationToken)
    {
        if (request.Operation == KerberosOperations.RemoveKerberosServer && !request.Confirm)
        {
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.ConfirmationRequired, "removal needs confirm = true");
        }

        KerberosAdminCredentials? admin = null;
        if (credentials is not null && KerberosOperations.SignsIn.Contains(request.Operation))
        {
            try
            {
                admin = signInAs is null
                    ? await credentials.ForPasswordAsync(request.Domain!, cancellationToken)
                    : await credentials.ForInteractiveAsync(request.Domain!, signInAs, cancellationToken);
            }
            catch (SecretUnavailableException ex)
            {
                return KerberosOperationResult.Failure(request, KerberosErrorCodes.CredentialsUnavailable, ex.Message + ". Nothing was changed");
            }
        }

        var result = request.Operation == KerberosOperations.RotateKerberosServerKey
            ? await RotateOnceAsync(request, admin, cancellationToken)
            : await backend.ExecuteAsync(request, admin, cancellationToken);
        return Advise(request, result, admin);
    }

    /// <summary>Adds to a failure what only the agent knows: which Key Vault secret a child domain's own Domain Admin belongs in.</summary>
    private static KerberosOperationResult Advise(KerberosOperationRequest request, KerberosOperationResult result, KerberosAdminCredentials? admin)
        => result.ErrorCode == KerberosErrorCodes.WrongDomainAdmin && request.Domain is { } domain
            ? result with
            {
                ErrorMessage = $"{result.ErrorMessage}; the agent used the Domain Admin from '{(admin?.DomainSecretName is { Length: > 0 } used ? used : "kerberos-admin-credentials")}': "
                    + $"store a Domain Admin of {domain} in Key Vault secret '{AgentSecretNames.DomainAdminFor(domain)}' (JSON domainUserName, domainPassword). Nothing was changed",
            }
            : result;

    private async Task<KerberosOperationResult> AttendedAsync(KerberosOperationRequest request, CancellationToken cancellationToken)
    {
        if (attended is null)
        {
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.UnknownOperation, "this agent does not keep attended requests");
        }

        var found = request.Operation switch
        {
            KerberosOperations.QueueAttendedOperation => await attended.QueueAsync(request.OperationId!, request.Domain!.ToLowerInvariant(), request.AttendedOperation!, cancellationToken),
            KerberosOperations.CancelAttendedOperation => await attended.CancelAsync(request.RequestId!, cancellationToken),
            _ => await attended.GetAsync(request.RequestId!, cancellationToken),
        };
        if (found is null)
        {
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.AttendedRequestNotFound, $"this agent ({attended.Host}) has no attended request {request.RequestId}");
        }

        if (request.Operation == KerberosOperations.QueueAttendedOperation)
        {
            LogAttendedQueued(found.RequestId, found.Domain, found.Operation, found.Host);
        }

        return new KerberosOperationResult
        {
            Operation = request.Operation,
            Domain = found.Domain,
            Succeeded = true,
            Attended = found,
            Server = found.Server,
            Health = found.Server is { } server ? KerberosServerHealth.Evaluate(server) : null,
        };
    }

    private async Task<KerberosOperationResult> RotateOnceAsync(KerberosOperationRequest request, KerberosAdminCredentials? admin, CancellationToken cancellationToken)
    {
        var id = request.OperationId!;
        await rotationGate.WaitAsync(cancellationToken);
        try
        {
            if (rotations.TryGet(id, out var earlier))
            {
                if (!string.Equals(earlier!.Domain, request.Domain, StringComparison.OrdinalIgnoreCase))
                {
                    return KerberosOperationResult.Failure(request, KerberosErrorCodes.InvalidRequest, "this operation id was used for another domain");
                }

                LogRotationRemembered(id, request.Domain!);
                return earlier.Result;
            }

            var result = await backend.ExecuteAsync(request, admin, cancellationToken);
            if (result.Succeeded)
            {
                rotations.Remember(id, request.Domain!, result, time.GetUtcNow());
            }

            return result;
        }
        finally
        {
            rotationGate.Release();
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "{Operation} failed in the backend: {ErrorType}")]
    private partial void LogBackendFailed(string operation, string errorType);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "rotation {OperationId} for {Domain} was done before; returning its result")]
    private partial void LogRotationRemembered(string operationId, string domain);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "attended request {RequestId}: {Operation} for {Domain} waits for an administrator to sign in on {Host}")]
    private partial void LogAttendedQueued(string requestId, string domain, string operation, string host);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "rotated {Domain}; waiting for the cloud half: KeyVersion {KeyVersion}, CloudKeyVersion {CloudKeyVersion}")]
    private partial void LogAwaitingCloud(string domain, long? keyVersion, long? cloudKeyVersion);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "attended request {RequestId}: {Operation} for {Domain} {State}, signed in as {UserPrincipalName}")]
    private partial void LogAttendedFinished(string requestId, string domain, string operation, string state, string userPrincipalName);
}
