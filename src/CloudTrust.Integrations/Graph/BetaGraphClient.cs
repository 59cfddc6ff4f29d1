using System.Net.Http.Json;
using System.Text.Json;
using CloudTrust.Integrations.Graph.Contracts;

namespace CloudTrust.Integrations.Graph;

/// <summary>
/// The beta endpoints the typed v1.0 SDK does not cover, called through the same Graph SDK pipeline (so retry,
/// redirect, compression and authentication apply) with our own small System.Text.Json contracts.
/// </summary>
internal sealed class BetaGraphClient(HttpClient http, Uri betaRoot)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Uri Root => betaRoot;

    public async Task<T> GetAsync<T>(string relativeOrAbsolute, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve(relativeOrAbsolute));
        return await SendAsync<T>(request, cancellationToken) ?? throw new GraphRequestException(200, "EmptyBody", "no body", $"GET {relativeOrAbsolute}");
    }

    /// <summary>Reads a collection page by page, following <c>@odata.nextLink</c>, so that a caller can fold each page and let it go.</summary>
    public async IAsyncEnumerable<IReadOnlyList<T>> GetPagesAsync<T>(string relative, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = relative;
        while (next is not null)
        {
            var page = await GetAsync<ODataPage<T>>(next, cancellationToken);
            yield return page.Value;
            next = page.NextLink;
        }
    }

    /// <summary>Reads every page of a collection, following <c>@odata.nextLink</c>.</summary>
    public async Task<List<T>> GetAllAsync<T>(string relative, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await ForEachPageAsync<T>(relative, items.AddRange, cancellationToken);
        return items;
    }

    /// <summary>
    /// Hands each page of a collection to <paramref name="page"/> as it arrives (one page held at a time), following
    /// <c>@odata.nextLink</c> by <see cref="CollectionPaging"/>'s rule; a page without <c>value</c> fails naming it.
    /// </summary>
    public async Task ForEachPageAsync<T>(string relative, Action<IReadOnlyList<T>> page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var request = $"GET {relative.Split('?')[0]}";
        string? next = relative;
        while (next is not null)
        {
            var body = await GetAsync<ODataPage<T>>(next, cancellationToken);
            page(body.Value ?? throw new UnexpectedGraphResponseException(request, "value", "is missing"));
            next = CollectionPaging.Next(request, next, body.NextLink);
        }
    }

    public async Task<T?> SendJsonAsync<T>(HttpMethod method, string relative, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Resolve(relative)) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
        await request.Content.LoadIntoBufferAsync(cancellationToken);
        return await SendAsync<T>(request, cancellationToken);
    }

    public async Task DeleteAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Resolve(relative));
        await SendAsync<JsonElement?>(request, cancellationToken);
    }

    private Uri Resolve(string relativeOrAbsolute)
        => Uri.TryCreate(relativeOrAbsolute, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(betaRoot, relativeOrAbsolute.TrimStart('/'));

    private async Task<T?> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            GraphError? error = null;
            try
            {
                error = (await response.Content.ReadFromJsonAsync<GraphErrorBody>(Json, cancellationToken))?.Error;
            }
            catch (JsonException)
            {
                // Not a Graph error body; report the status alone.
            }

            throw new GraphRequestException((int)response.StatusCode, error?.Code ?? response.StatusCode.ToString(), error?.Message ?? string.Empty, $"{request.Method} {request.RequestUri?.AbsolutePath}");
        }

        if (response.StatusCode == System.Net.HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return default;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
    }
}
