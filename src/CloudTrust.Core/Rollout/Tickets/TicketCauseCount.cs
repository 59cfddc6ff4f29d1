namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>How many of a ring's devices fail for one cause, and what the admin does about it.</summary>
/// <param name="Cause">The cause.</param>
/// <param name="Count">How many devices.</param>
/// <param name="Action">The admin's next action.</param>
public sealed record TicketCauseCount(TicketFailureCause Cause, int Count, string Action);
