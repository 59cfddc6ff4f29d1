namespace CloudTrust.Integrations.Graph;

/// <summary>
/// The one rule every paged read follows on <c>@odata.nextLink</c>: an empty page with a next link is legal OData
/// (directory queries return them) and is followed, but a next link that repeats the one just read makes no progress
/// and fails, naming the field, instead of looping or stopping with a short count.
/// </summary>
internal static class CollectionPaging
{
    /// <summary>Gives the link to read next, or null at the end.</summary>
    /// <param name="request">The collection read, for the error.</param>
    /// <param name="current">The link of the page just read (null for the first page).</param>
    /// <param name="next">The page's <c>@odata.nextLink</c>.</param>
    /// <returns>The next link, or null.</returns>
    public static string? Next(string request, string? current, string? next)
        => next is null
            ? null
            : string.Equals(next, current, StringComparison.Ordinal)
                ? throw new UnexpectedGraphResponseException(request, "@odata.nextLink", "repeats the page just read, so paging would never end")
                : next;
}
