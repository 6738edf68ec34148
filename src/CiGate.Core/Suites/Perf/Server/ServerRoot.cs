namespace CiGate.Core.Suites.Perf.Server;

/// <summary>
/// The server's own root from an OpenAI base URL: <c>http://host:8000/v1</c> → <c>http://host:8000/</c>.
/// Health, version, metrics and tokenize endpoints live there, beside <c>/v1</c>, not under it.
/// </summary>
public static class ServerRoot
{
    public static Uri Of(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1", StringComparison.Ordinal))
        {
            path = path[..^3];
        }

        return new UriBuilder(baseUrl) { Path = path + "/", Query = "", Fragment = "" }.Uri;
    }

    public static Uri Endpoint(Uri baseUrl, string relative) => new(Of(baseUrl), relative.TrimStart('/'));
}
