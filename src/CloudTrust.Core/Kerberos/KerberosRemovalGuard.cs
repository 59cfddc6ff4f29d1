namespace CloudTrust.Core.Kerberos;

/// <summary>
/// Whether a domain's Kerberos server object may be removed: not while a rollout that relies on it is unfinished, and
/// not while a finished rollout has left cloud trust assigned (devices would lose their on-premises tickets); an
/// aborted rollout (its assignments rolled back), a blocked one or an invalid plan rely on nothing.
/// </summary>
public static class KerberosRemovalGuard
{
    /// <summary>Gives the reason a removal is refused, or null when it may go ahead.</summary>
    /// <param name="domain">The domain whose object would be removed.</param>
    /// <param name="rollouts">The rollouts whose plans name the domain.</param>
    /// <param name="abortHint">How the caller aborts a rollout, given its id (the CLI's command when null).</param>
    /// <returns>The refusal with what to do, or null.</returns>
    public static string? Refusal(string domain, IEnumerable<RolloutOnDomain> rollouts, Func<string, string>? abortHint = null)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        abortHint ??= id => $"cloudtrust rollout abort {id}";
        foreach (var rollout in rollouts)
        {
            if (!rollout.Finished)
            {
                return $"rollout {rollout.RolloutId} relies on the Kerberos server object of {domain} and has not finished: abort it first ({abortHint(rollout.RolloutId)}). Nothing was changed";
            }

            if (rollout.AssignedCloudTrust)
            {
                return $"rollout {rollout.RolloutId} assigned cloud Kerberos trust relying on the object of {domain}: devices would lose their on-premises tickets. "
                    + "Take the cloud-trust profile's assignments away first. Nothing was changed";
            }
        }

        return null;
    }
}

/// <summary>A rollout whose plan names a domain, as the guard needs it.</summary>
/// <param name="RolloutId">The rollout's id.</param>
/// <param name="Finished">Whether it has ended.</param>
/// <param name="AssignedCloudTrust">Whether it ended with cloud trust assigned (completed, not aborted).</param>
public sealed record RolloutOnDomain(string RolloutId, bool Finished, bool AssignedCloudTrust);
