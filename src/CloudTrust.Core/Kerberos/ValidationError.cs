namespace CloudTrust.Core.Kerberos;

/// <summary>One problem with a request, at a JSON path such as <c>$.userPrincipalNames[2]</c>.</summary>
/// <param name="Path">Where the problem is.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
