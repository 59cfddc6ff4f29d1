namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>One device without both tickets, with its cause and the evidence behind it.</summary>
/// <param name="DeviceName">The device's name as Intune reports it (plain text; readers escape it).</param>
/// <param name="Cause">The one cause it was classified into.</param>
/// <param name="Detail">The evidence, or for <see cref="TicketFailureCause.Unknown"/> the raw reason the output could not be classified.</param>
public sealed record TicketDeviceFailure(string DeviceName, TicketFailureCause Cause, string Detail);
