namespace CloudTrust.Core.Rotation;

/// <summary>Why a rotation run was started, which decides which domains it touches.</summary>
public enum RotationMode
{
    /// <summary>An operator asked for it now: every healthy domain is rotated, whatever its key's age.</summary>
    Now,

    /// <summary>The schedule (or <c>rotate --due</c>): only domains whose key is older than the policy allows, inside the maintenance window.</summary>
    Due,
}
