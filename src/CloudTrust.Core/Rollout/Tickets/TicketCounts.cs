namespace CloudTrust.Core.Rollout.Tickets;

/// <summary>What a ring's ticket probe says so far: how many devices reported it and how many hold both tickets.</summary>
/// <param name="Reported">The ring's devices whose probe output was read.</param>
/// <param name="Working">Of those, devices with both CloudTgt and OnPremTgt YES.</param>
/// <param name="OnPremTgtMissing">Devices with CloudTgt but no OnPremTgt (the DC exchange failed).</param>
/// <param name="CloudTgtMissing">Devices without a cloud TGT.</param>
/// <param name="Unknown">Devices whose output could not be read (truncated, another version, another format).</param>
public sealed record TicketCounts(int Reported, int Working, int OnPremTgtMissing, int CloudTgtMissing, int Unknown = 0)
{
    /// <summary>Gets the share of reporting devices with both tickets (0 when none reported).</summary>
    public double WorkingShare => Reported == 0 ? 0 : (double)Working / Reported;
}
