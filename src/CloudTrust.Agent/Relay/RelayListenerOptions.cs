using System.Security.Cryptography.X509Certificates;

namespace CloudTrust.Agent.Relay;

/// <summary>How the agent listens on its hybrid connection.</summary>
public sealed record RelayListenerOptions
{
    /// <summary>Gets the relay namespace's address, for example <c>https://contoso.servicebus.windows.net/</c>.</summary>
    public required Uri RelayAddress { get; init; }

    /// <summary>Gets the hybrid connection's name.</summary>
    public required string HybridConnectionName { get; init; }

    /// <summary>Gets the name of the shared access rule with the Listen right.</summary>
    public required string ListenRuleName { get; init; }

    /// <summary>Gets how long each SAS token is valid.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Gets how long before expiry the token is renewed on the open channel.</summary>
    public TimeSpan RenewBeforeExpiry { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets a value indicating whether the token is renewed on the open channel (turned off only to test what
    /// the relay does when a token expires).</summary>
    public bool RenewTokens { get; init; } = true;

    /// <summary>Gets the first delay before reconnecting after the channel drops; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest delay between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the one extra certificate to trust (the simulator's); null against the real cloud.</summary>
    public X509Certificate2? PinnedCertificate { get; init; }

    /// <summary>Gets the control-channel address.</summary>
    /// <returns>The <c>wss://…/$hc/{name}?sb-hc-action=listen&amp;sb-hc-id=…</c> address.</returns>
    internal Uri ControlChannelAddress(string connectionId)
        => new($"wss://{RelayAddress.Authority}/$hc/{Uri.EscapeDataString(HybridConnectionName)}?sb-hc-action=listen&sb-hc-id={Uri.EscapeDataString(connectionId)}");

    /// <summary>Gets the resource URI tokens are signed over, in the form Microsoft's SDKs write (<c>http://{ns}/{name}/</c>).</summary>
    internal string Resource => Core.Relay.SharedAccessSignature.ResourceFor(RelayAddress, HybridConnectionName);
}
