namespace CloudTrust.Api;

/// <summary>
/// Who answered an approval over HTTP. App Service Authentication (Easy Auth) signs the caller in and sets
/// <c>X-MS-CLIENT-PRINCIPAL-NAME</c>, removing any such header the client sent; without it the header is whatever the
/// caller wrote, so it is believed only when authentication is on (App Service sets <c>WEBSITE_AUTH_ENABLED</c> then:
/// learn.microsoft.com, "Work with user identities in Azure App Service authentication", Access user claims in app
/// code). Otherwise the only thing known is that the caller held a function key.
/// </summary>
public static class Approver
{
    /// <summary>The header App Service Authentication sets to the signed-in principal's name.</summary>
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>What is recorded when the caller is known only by the function key it held.</summary>
    public const string FunctionKey = "function key";

    private const int MaxLength = 256;

    /// <summary>
    /// The problem answer when App Service Authentication is on but the request carries no signed-in principal: with
    /// Entra ID sign-in configured, an approval (a Hello container deletion cannot be undone) must say who gave it.
    /// </summary>
    /// <param name="appServiceAuthentication">Whether App Service Authentication is on for the app.</param>
    /// <param name="principalName">The header's value, if any.</param>
    /// <returns>A 401 problem, or null when the approval may go ahead.</returns>
    public static ApiProblem? RequireSignIn(bool appServiceAuthentication, string? principalName)
        => appServiceAuthentication && Name(true, principalName) == FunctionKey
            ? ApiProblem.Invalid("the approval", [new Core.Validation.ValidationError("caller", "sign in with Microsoft Entra ID to approve: App Service Authentication is on for this app, so an approval must name who gave it")]) with { Status = 401, Title = "Unauthorized" }
            : null;

    /// <summary>Names the approver.</summary>
    /// <param name="appServiceAuthentication">Whether App Service Authentication is on for the app.</param>
    /// <param name="principalName">The header's value, if any.</param>
    /// <returns>The principal's name (bounded, without control characters), or <see cref="FunctionKey"/>.</returns>
    public static string Name(bool appServiceAuthentication, string? principalName)
    {
        if (!appServiceAuthentication || string.IsNullOrWhiteSpace(principalName))
        {
            return FunctionKey;
        }

        var clean = new string([.. principalName.Trim().Where(c => !char.IsControl(c)).Take(MaxLength)]);
        return clean.Length > 0 ? clean : FunctionKey;
    }
}
