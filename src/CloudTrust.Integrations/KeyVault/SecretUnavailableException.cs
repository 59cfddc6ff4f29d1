namespace CloudTrust.Integrations.KeyVault;

/// <summary>A secret could not be read from Key Vault. The message names the secret, never its value.</summary>
public sealed class SecretUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    public SecretUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    public SecretUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SecretUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="status">The HTTP status the vault answered.</param>
    public SecretUnavailableException(string message, int status)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Gets the HTTP status the vault answered, when it answered.</summary>
    public int Status { get; }
}
