using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// Calls a tool's live implementation while recording (<c>cigate run --record-tools</c>): an HTTP
/// POST of the call's arguments (a JSON object) to the tool's <c>live.url</c>. A 2xx reply's body is
/// the result; any other status, a timeout or a refused connection is an error result naming it, so
/// the model sees a failing tool as it would in production. Never used outside recording.
/// </summary>
internal static class LiveToolClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public static async Task<ToolResult> CallAsync(Uri url, JsonObject arguments, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var content = new StringContent(arguments.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var reply = await Http.PostAsync(url, content, timeout.Token);
            var body = await reply.Content.ReadAsStringAsync(timeout.Token);
            return reply.IsSuccessStatusCode
                ? new ToolResult(body, false)
                : Error($"HTTP {(int)reply.StatusCode} from {url}: {Clip(body)}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Error($"no reply from {url} within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return Error($"{url}: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static ToolResult Error(string message) =>
        new(new JsonObject { ["error"] = message }.ToJsonString(Text.PlainJson.Readable), true);
}
