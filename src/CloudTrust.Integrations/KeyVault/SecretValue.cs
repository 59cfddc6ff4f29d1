namespace CloudTrust.Integrations.KeyVault;

/// <summary>
/// A secret read from Key Vault. Its <see cref="ToString"/> never shows the value, so passing one to a logger or an
/// exception message by mistake leaks nothing; code that needs the value reads <see cref="Reveal"/> on purpose.
/// </summary>
public sealed class SecretValue
{
    private readonly string value;

    /// <summary>Initializes a new instance of the <see cref="SecretValue"/> class.</summary>
    /// <param name="name">The secret's name.</param>
    /// <param name="version">The version read.</param>
    /// <param name="value">The value.</param>
    public SecretValue(string name, string version, string value)
    {
        Name = name;
        Version = version;
        this.value = value;
    }

    /// <summary>Gets the secret's name.</summary>
    public string Name { get; }

    /// <summary>Gets the version read.</summary>
    public string Version { get; }

    /// <summary>Returns the value; call only where it is used, never to log it.</summary>
    /// <returns>The secret value.</returns>
    public string Reveal() => value;

    /// <inheritdoc />
    public override string ToString() => $"secret {Name} (version {Version}, value hidden)";
}
