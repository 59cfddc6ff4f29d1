namespace CloudTrust.Core.Validation;

/// <summary>One problem with an input, at a path such as <c>rings[1].groupIds[0]</c>.</summary>
/// <param name="Path">Where the problem is (a JSON path without the leading <c>$.</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
