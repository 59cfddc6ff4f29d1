using CloudTrust.Core.Validation;
namespace CloudTrust.Core.Kerberos;

/// <summary>
/// Checks a <see cref="KerberosOperationRequest"/> before anything runs: the version, the operation against the
/// allowlist, and exactly the fields the operation needs, with a JSON path for each problem.
/// </summary>
public static class KerberosOperationValidator
{
    /// <summary>The most users one <see cref="KerberosOperations.FindPrivilegedUsers"/> request may name.</summary>
    public const int MaxUserPrincipalNames = 1000;

    /// <summary>The longest operation id accepted.</summary>
    public const int MaxOperationIdLength = 128;

    /// <summary>Validates a request.</summary>
    /// <param name="request">The request, or null when the body was empty.</param>
    /// <returns>The problems; empty when the request may run.</returns>
    public static IReadOnlyList<ValidationError> Validate(KerberosOperationRequest? request)
    {
        if (request is null)
        {
            return [new ValidationError("$", "a request body is required")];
        }

        var errors = new List<ValidationError>();
        if (request.Version != KerberosOperations.CurrentVersion)
        {
            errors.Add(new ValidationError("$.version", $"version {request.Version} is not supported; this agent speaks {KerberosOperations.CurrentVersion}"));
        }

        if (!KerberosOperations.All.Contains(request.Operation ?? string.Empty))
        {
            errors.Add(new ValidationError("$.operation", $"unknown operation; allowed: {string.Join(", ", KerberosOperations.All.Order(StringComparer.Ordinal))}"));
            return errors;
        }

        if (request.Operation == KerberosOperations.Health)
        {
            return errors;
        }

        if (KerberosOperations.ByRequestId.Contains(request.Operation ?? string.Empty))
        {
            ValidateRequestId(request.RequestId, errors);
            return errors;
        }

        if (!DnsName.IsValid(request.Domain, out var domainProblem))
        {
            errors.Add(new ValidationError("$.domain", domainProblem));
        }

        switch (request.Operation)
        {
            case KerberosOperations.RotateKerberosServerKey:
                ValidateOperationId(request.OperationId, errors);
                break;
            case KerberosOperations.QueueAttendedOperation:
                ValidateOperationId(request.OperationId, errors);
                if (!KerberosOperations.Attendable.Contains(request.AttendedOperation ?? string.Empty))
                {
                    errors.Add(new ValidationError("$.attendedOperation", $"must be one of {string.Join(", ", KerberosOperations.Attendable.Order(StringComparer.Ordinal))}"));
                }

                break;
            case KerberosOperations.FindPrivilegedUsers:
                ValidateUsers(request.UserPrincipalNames, errors);
                break;
        }

        return errors;
    }

    private static void ValidateOperationId(string? operationId, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(operationId))
        {
            errors.Add(new ValidationError("$.operationId", "is required for a rotation, so a retried request rotates only once"));
        }
        else if (operationId.Length > MaxOperationIdLength || operationId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':')))
        {
            errors.Add(new ValidationError("$.operationId", $"must be at most {MaxOperationIdLength} letters, digits and - _ . :"));
        }
    }

    /// <summary>Checks an attended request id: 1 to 64 lower-case letters, digits and dashes.</summary>
    /// <param name="requestId">The candidate.</param>
    /// <param name="problem">Why it is not valid.</param>
    /// <returns>True when well formed.</returns>
    public static bool IsValidRequestId(string? requestId, out string problem)
    {
        problem = string.Empty;
        if (string.IsNullOrEmpty(requestId))
        {
            problem = "is required";
            return false;
        }

        if (requestId.Length > MaxOperationIdLength / 2 || requestId.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            problem = $"must be at most {MaxOperationIdLength / 2} lower-case letters, digits and dashes";
            return false;
        }

        return true;
    }

    private static void ValidateRequestId(string? requestId, List<ValidationError> errors)
    {
        if (!IsValidRequestId(requestId, out var problem))
        {
            errors.Add(new ValidationError("$.requestId", problem));
        }
    }

    private static void ValidateUsers(IReadOnlyList<string>? users, List<ValidationError> errors)
    {
        if (users is null || users.Count == 0)
        {
            errors.Add(new ValidationError("$.userPrincipalNames", "at least one user principal name is required"));
            return;
        }

        if (users.Count > MaxUserPrincipalNames)
        {
            errors.Add(new ValidationError("$.userPrincipalNames", $"at most {MaxUserPrincipalNames} names per request"));
            return;
        }

        for (var i = 0; i < users.Count; i++)
        {
            if (!UserPrincipalNameRule.IsValid(users[i], out var problem))
            {
                errors.Add(new ValidationError($"$.userPrincipalNames[{i}]", problem));
            }
        }
    }
}
