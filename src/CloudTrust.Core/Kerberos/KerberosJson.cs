using System.Text.Json;
using System.Text.Json.Serialization;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Kerberos;

/// <summary>The JSON shape of the operation contracts (camelCase, nulls left out), shared by sender and agent.</summary>
public static class KerberosJson
{
    /// <summary>Gets the options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a request body, turning malformed JSON into a path-precise validation error.</summary>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="request">The request, when it parsed.</param>
    /// <param name="errors">The parse or validation problems.</param>
    /// <returns>True when the request parsed and is valid.</returns>
    public static bool TryReadRequest(ReadOnlySpan<byte> body, out KerberosOperationRequest? request, out IReadOnlyList<ValidationError> errors)
    {
        request = null;
        try
        {
            request = body.IsEmpty ? null : JsonSerializer.Deserialize<KerberosOperationRequest>(body, Options);
        }
        catch (JsonException ex)
        {
            errors = [new ValidationError(ex.Path ?? "$", "is not valid JSON for this contract: " + FirstLine(ex.Message))];
            return false;
        }

        errors = KerberosOperationValidator.Validate(request);
        return errors.Count == 0;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
