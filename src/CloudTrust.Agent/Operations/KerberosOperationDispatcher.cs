using CloudTrust.Agent.Backends;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging;
using CloudTrust.Core.Validation;

namespace CloudTrust.Agent.Operations;

/// <summary>
/// Runs validated operations on the backend: answers <see cref="KerberosOperations.Health"/> itself, refuses an
/// unconfirmed removal, and makes <see cref="KerberosOperations.RotateKerberosServerKey"/> idempotent by operation id
/// through the <see cref="RotationJournal"/>.
/// </summary>
internal sealed partial class KerberosOperationDispatcher
{
    private readonly IKerberosBackend backend;
    private readonly RotationJournal rotations;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim rotationGate = new(1, 1);

    public KerberosOperationDispatcher(IKerberosBackend backend, RotationJournal rotations, TimeProvider time, ILogger<KerberosOperationDispatcher> logger)
    {
        this.backend = backend;
        this.rotations = rotations;
        this.time = time;
        this.logger = logger;
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
                KerberosOperations.RemoveKerberosServer when !request.Confirm
                    => KerberosOperationResult.Failure(request, KerberosErrorCodes.ConfirmationRequired, "removal needs confirm = true"),
                KerberosOperations.RotateKerberosServerKey => await RotateOnceAsync(request, cancellationToken),
                _ => await backend.ExecuteAsync(request, cancellationToken),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBackendFailed(request.Operation, ex.GetType().Name);
            return KerberosOperationResult.Failure(request, KerberosErrorCodes.BackendFailed, $"the {backend.Name} backend failed ({ex.GetType().Name})");
        }
    }

    private async Task<KerberosOperationResult> RotateOnceAsync(KerberosOperationRequest request, CancellationToken cancellationToken)
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

            var result = await backend.ExecuteAsync(request, cancellationToken);
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
}
