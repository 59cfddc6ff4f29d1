namespace CloudTrust.Integrations.Relay;

/// <summary>Thrown by relay activities when the agent ran or refused the operation and it did not succeed.</summary>
public sealed class KerberosOperationFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="KerberosOperationFailedException"/> class.</summary>
    public KerberosOperationFailedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="KerberosOperationFailedException"/> class.</summary>
    /// <param name="message">The message; never a secret.</param>
    public KerberosOperationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="KerberosOperationFailedException"/> class.</summary>
    /// <param name="message">The message; never a secret.</param>
    /// <param name="innerException">The cause.</param>
    public KerberosOperationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
