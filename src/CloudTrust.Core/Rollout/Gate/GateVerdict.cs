namespace CloudTrust.Core.Rollout.Gate;

/// <summary>What the ring gate says about the evidence so far.</summary>
public enum GateVerdict
{
    /// <summary>Not enough evidence yet: keep polling.</summary>
    Wait,

    /// <summary>The ring met its threshold after soaking: go on.</summary>
    Pass,

    /// <summary>Too many errors, or the deadline passed below the threshold: stop and ask a person.</summary>
    Fail,
}
