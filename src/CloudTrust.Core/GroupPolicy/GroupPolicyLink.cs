namespace CloudTrust.Core.GroupPolicy;

/// <summary>
/// One link of a GPO to a scope of management (the domain or an OU) and the computers under it (the whole subtree,
/// without regard to blocked inheritance or security filtering).
/// </summary>
/// <param name="Target">The linked container's distinguished name, for example <c>OU=Pilot,DC=contoso,DC=com</c>.</param>
/// <param name="Enabled">Whether the link is enabled (a disabled link applies nothing).</param>
/// <param name="Enforced">Whether the link is enforced (No Override: it wins over links below and ignores blocked inheritance).</param>
/// <param name="Computers">The computer names (<c>name</c>, not the <c>$</c> account name) under the target, at most <see cref="MaxComputers"/>.</param>
/// <param name="ComputersTruncated">True when there are more computers than <see cref="Computers"/> lists.</param>
public sealed record GroupPolicyLink(string Target, bool Enabled, bool Enforced, IReadOnlyList<string> Computers, bool ComputersTruncated = false)
{
    /// <summary>The most computer names one link lists.</summary>
    public const int MaxComputers = 5000;
}
