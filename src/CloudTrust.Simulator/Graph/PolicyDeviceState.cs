namespace CloudTrust.Simulator.Graph;

/// <summary>
/// A device's state for a policy, with the numeric <c>PolicyStatus</c> code the simulated device report uses.
/// The codes are this simulator's; the product reads the textual state names they map to.
/// </summary>
internal enum PolicyDeviceState
{
    /// <summary>Not reported yet.</summary>
    Pending = 0,

    /// <summary>The policy does not apply.</summary>
    NotApplicable = 1,

    /// <summary>Applied.</summary>
    Succeeded = 2,

    /// <summary>Failed to apply.</summary>
    Error = 5,

    /// <summary>Another source configures the same settings differently.</summary>
    Conflict = 6,
}
