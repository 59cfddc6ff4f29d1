namespace CloudTrust.Core.Kerberos;

/// <summary>What the agent says about itself.</summary>
/// <param name="Backend">The backend it runs ("PowerShell" or "Simulated").</param>
/// <param name="AgentVersion">The agent's version.</param>
/// <param name="ContractVersion">The operation contract version it speaks.</param>
/// <param name="At">The agent's clock when it answered.</param>
public sealed record AgentHealth(string Backend, string AgentVersion, int ContractVersion, DateTimeOffset At);
