namespace CloudTrust.Core.Rollout.Readiness;

/// <summary>A user's authentication-method registration, from <c>userRegistrationDetails</c>.</summary>
/// <param name="UserPrincipalName">The user.</param>
/// <param name="IsMfaRegistered">Whether MFA is registered (WHfB provisioning asks for it).</param>
/// <param name="MethodsRegistered">Registered methods, for example <c>windowsHelloForBusiness</c>.</param>
/// <param name="IsAdmin">Whether the user holds an admin role (privileged users are denied by the Kerberos server's replication policy).</param>
public sealed record UserFacts(string UserPrincipalName, bool IsMfaRegistered, IReadOnlyList<string> MethodsRegistered, bool IsAdmin);
