namespace CloudTrust.Core.Precedence;

/// <summary>What a ring's devices and users already report, to refine the trust model read from the settings.</summary>
/// <param name="UsersWithHello">Users of the ring with a WHfB method registered.</param>
/// <param name="DevicesProbed">Devices that ran the ticket probe.</param>
/// <param name="DevicesWithCloudAndOnPremTgt">Probed devices reporting both CloudTgt and OnPremTgt YES.</param>
public sealed record TrustModelEvidence(int UsersWithHello, int DevicesProbed, int DevicesWithCloudAndOnPremTgt)
{
    /// <summary>Gets evidence that says nothing.</summary>
    public static TrustModelEvidence None { get; } = new(0, 0, 0);
}
