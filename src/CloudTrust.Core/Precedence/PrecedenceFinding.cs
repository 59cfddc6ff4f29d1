namespace CloudTrust.Core.Precedence;

/// <summary>One line of the precedence report.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">What was found and what wins.</param>
public sealed record PrecedenceFinding(PrecedenceSeverity Severity, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Message}";
}
