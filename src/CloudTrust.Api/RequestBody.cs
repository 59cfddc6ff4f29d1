using CloudTrust.Core.Validation;

namespace CloudTrust.Api;

/// <summary>Reads a request body without ever holding more than <see cref="RolloutStartRequest.MaxBytes"/> plus one byte of it.</summary>
public static class RequestBody
{
    /// <summary>Reads the body, or says it is too large.</summary>
    /// <param name="body">The body stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or the problem.</returns>
    public static async Task<(byte[]? Bytes, ApiProblem? Problem)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new byte[RolloutStartRequest.MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > RolloutStartRequest.MaxBytes
            ? (null, ApiProblem.Invalid("the request", [new ValidationError("body", $"larger than {RolloutStartRequest.MaxBytes} bytes")]))
            : (buffer[..length], null);
    }
}
