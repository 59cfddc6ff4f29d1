namespace CloudTrust.Core.Precedence;

/// <summary>How much a precedence finding matters to the rollout.</summary>
public enum PrecedenceSeverity
{
    /// <summary>Worth knowing; nothing to do.</summary>
    Info,

    /// <summary>The rollout goes on, but the admin should look.</summary>
    Warning,

    /// <summary>The ring cannot get cloud trust as planned: the rollout blocks it.</summary>
    Block,
}
