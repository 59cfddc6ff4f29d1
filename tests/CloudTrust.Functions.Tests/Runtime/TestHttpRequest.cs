using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace CloudTrust.Functions.Tests.Runtime;

/// <summary>An HTTP request as the worker hands it to an HTTP trigger function.</summary>
public sealed class TestHttpRequest : HttpRequestData
{
    private readonly byte[] body;

    public TestHttpRequest(FunctionContext context, string method, string url, byte[]? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
        : base(context)
    {
        Method = method;
        Url = new Uri(url);
        this.body = body ?? [];
        Body = new MemoryStream(this.body, writable: false);
        Headers = new HttpHeadersCollection();
        foreach (var (name, value) in headers ?? [])
        {
            Headers.Add(name, value);
        }
    }

    public override Stream Body { get; }

    public override HttpHeadersCollection Headers { get; }

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; }

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; }

    public override HttpResponseData CreateResponse() => new TestHttpResponse(FunctionContext);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>The response an HTTP trigger function returns; the test reads its status, headers and body.</summary>
public sealed class TestHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    public override HttpHeadersCollection Headers { get; set; } = new();

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException();

    public string Text => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());
}
