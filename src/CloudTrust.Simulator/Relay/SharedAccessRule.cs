namespace CloudTrust.Simulator.Relay;

/// <summary>A shared access authorization rule of the simulated relay namespace.</summary>
/// <param name="KeyName">The rule's name (the token's <c>skn</c>).</param>
/// <param name="Key">The rule's key.</param>
/// <param name="Rights">What tokens signed with it may do.</param>
public sealed record SharedAccessRule(string KeyName, string Key, RelayRights Rights);

/// <summary>The rights of a shared access rule.</summary>
[Flags]
public enum RelayRights
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>May listen on the hybrid connection.</summary>
    Listen = 1,

    /// <summary>May send requests to the hybrid connection.</summary>
    Send = 2,
}
