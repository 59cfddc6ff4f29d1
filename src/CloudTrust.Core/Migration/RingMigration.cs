using CloudTrust.Core.Precedence;

namespace CloudTrust.Core.Migration;

/// <summary>How one ring moves from its current trust model to cloud Kerberos trust.</summary>
/// <param name="Ring">The ring's name.</param>
/// <param name="From">The trust model it starts from.</param>
/// <param name="Steps">The steps in order.</param>
/// <param name="Warnings">What the admin must know before starting.</param>
public sealed record RingMigration(string Ring, TrustModel From, IReadOnlyList<MigrationStep> Steps, IReadOnlyList<string> Warnings)
{
    /// <summary>Gets the first step that cannot be undone, if any.</summary>
    public MigrationStep? PointOfNoReturn => Steps.FirstOrDefault(s => !s.Reversible);

    /// <summary>Gets whether the ring ends with deleting users' Hello containers.</summary>
    public bool DeletesContainers => Steps.Any(s => s.Kind == MigrationStepKind.DeleteHelloContainer);
}
