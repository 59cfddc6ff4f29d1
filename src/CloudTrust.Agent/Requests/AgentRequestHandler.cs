using System.Text.Json;
using CloudTrust.Agent.Operations;
using CloudTrust.Agent.Relay;
using CloudTrust.Core.Kerberos;
using Microsoft.Extensions.Logging;
using CloudTrust.Core.Validation;

namespace CloudTrust.Agent.Requests;

/// <summary>
/// Serves <c>POST /kerberos/v1</c>: authenticates the request's signature, parses and validates the operation, and
/// only then hands it to the dispatcher. Refusals are logged with the reason, method, path and relay request id —
/// never the body.
/// </summary>
internal sealed partial class AgentRequestHandler : IRelayRequestHandler
{
    /// <summary>The path operations are served on.</summary>
    public const string OperationsPath = "/kerberos/v1";

    private readonly RequestAuthenticator authenticator;
    private readonly KerberosOperationDispatcher dispatcher;
    private readonly ILogger logger;

    public AgentRequestHandler(RequestAuthenticator authenticator, KerberosOperationDispatcher dispatcher, ILogger<AgentRequestHandler> logger)
    {
        this.authenticator = authenticator;
        this.dispatcher = dispatcher;
        this.logger = logger;
    }

    /// <inheritdoc />
    public async Task<RelayHttpResponse> HandleAsync(RelayHttpRequest request, CancellationToken cancellationToken)
    {
        var path = request.Target.Split('?', 2)[0];
        if (!string.Equals(path, OperationsPath, StringComparison.Ordinal))
        {
            LogRefused(request.Id, request.Method, path, "unknown path");
            return Answer(404, KerberosOperationResult.Failure(null, KerberosErrorCodes.UnknownOperation, "only POST " + OperationsPath + " is served"));
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(request.Id, request.Method, path, "method not allowed");
            return Answer(405, KerberosOperationResult.Failure(null, KerberosErrorCodes.UnknownOperation, "only POST is allowed"));
        }

        var problem = await authenticator.CheckAsync(request.Method, request.Target, request.Headers, request.Body, cancellationToken);
        if (problem is not null)
        {
            LogRefused(request.Id, request.Method, path, problem);
            return Answer(401, KerberosOperationResult.Failure(null, KerberosErrorCodes.Unauthenticated, "the request was refused: " + problem));
        }

        if (!KerberosJson.TryReadRequest(request.Body, out var operation, out var errors))
        {
            var known = operation is not null && KerberosOperations.All.Contains(operation.Operation);
            LogInvalid(request.Id, known ? operation!.Operation : "(unknown)", string.Join(", ", errors.Select(e => e.Path)));
            var code = operation is not null && !KerberosOperations.All.Contains(operation.Operation) ? KerberosErrorCodes.UnknownOperation : KerberosErrorCodes.InvalidRequest;
            var refused = KerberosOperationResult.Failure(null, code, string.Join("; ", errors)) with
            {
                Operation = known ? operation!.Operation : string.Empty,
                ValidationErrors = errors,
            };
            return Answer(400, refused);
        }

        var result = await dispatcher.ExecuteAsync(operation!, cancellationToken);
        LogServed(request.Id, operation!.Operation, result.Succeeded, result.ErrorCode);
        return Answer(200, result);
    }

    private static RelayHttpResponse Answer(int status, KerberosOperationResult result)
        => new(status, JsonSerializer.SerializeToUtf8Bytes(result, KerberosJson.Options));

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "refused relay request {RequestId} {Method} {Path}: {Reason}")]
    private partial void LogRefused(string requestId, string method, string path, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "invalid {Operation} request {RequestId}: problems at {Paths}")]
    private partial void LogInvalid(string requestId, string operation, string paths);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "served {Operation} for relay request {RequestId}: succeeded {Succeeded} {ErrorCode}")]
    private partial void LogServed(string requestId, string operation, bool succeeded, string? errorCode);
}
