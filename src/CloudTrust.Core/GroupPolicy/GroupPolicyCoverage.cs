using CloudTrust.Core.Precedence;

namespace CloudTrust.Core.GroupPolicy;

/// <summary>The Group Policy sources that configure WHfB for a ring's devices, and those that may but cannot be decided.</summary>
/// <param name="Sources">GPO sources (computer configuration) linked above at least one of the ring's devices.</param>
/// <param name="Uncertain">GPO sources that may apply but the agent's answer cannot tell (user configuration, truncated computer lists, security filtering).</param>
/// <param name="Unreadable">Domains whose GPOs could not be listed, each with the reason (<c>contoso.com: the agent could not be reached</c>).</param>
public sealed record GroupPolicyCoverage(IReadOnlyList<HelloSource> Sources, IReadOnlyList<UncertainGroupPolicy> Uncertain, IReadOnlyList<string>? Unreadable = null)
{
    /// <summary>Gets coverage that found nothing and read nothing.</summary>
    public static GroupPolicyCoverage None { get; } = new([], []);
}

/// <summary>A GPO source that may apply to a ring, and why it cannot be decided.</summary>
/// <param name="Source">The source.</param>
/// <param name="Reason">Why it may or may not apply, in one sentence.</param>
public sealed record UncertainGroupPolicy(HelloSource Source, string Reason);
