namespace CloudTrust.Core.Rollout.Plan;

/// <summary>Whether a kind of character may, must or must not appear in a PIN (the PINComplexity CSP values 0, 1, 2).</summary>
public enum PinCharacterRule
{
    /// <summary>May appear (CSP value 0).</summary>
    Allowed = 0,

    /// <summary>At least one must appear (CSP value 1).</summary>
    Required = 1,

    /// <summary>Must not appear (CSP value 2).</summary>
    Disallowed = 2,
}
