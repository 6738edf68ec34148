using CiGate.Core.Templating;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// What an <c>http</c> target sends and how it reads the reply: any JSON API, not an
/// OpenAI-compatible endpoint. <see cref="Url"/> and <see cref="Body"/> are templates over the
/// case (see <see cref="HttpRequestModel"/>); headers stay on <see cref="TargetConfig.Headers"/>,
/// where <c>${env:NAME}</c> is resolved by <see cref="TargetSecrets"/> like a model target's, and
/// a header whose value holds <c>{{ }}</c> is also rendered per case (<see cref="HeaderTemplates"/>).
/// </summary>
/// <param name="Method">An upper-case HTTP method (GET, POST, PUT, PATCH, DELETE).</param>
/// <param name="Url">The URL template; its scheme and host are literal (the trust policy checks the host).</param>
/// <param name="Body">The body template; null sends no body.</param>
/// <param name="Response">Where the output, tool calls, usage and trace are in the reply.</param>
/// <param name="Stream">True: the reply is a server-sent event stream whose events are mapped one by one.</param>
/// <param name="HeaderTemplates">
/// The templated headers by name; each <c>${env:NAME}</c> in them is kept as a marker through
/// rendering (see <see cref="HttpHeaderTemplate"/>).
/// </param>
public sealed record HttpTargetSettings(
    string Method,
    ItemTemplate Url,
    HttpBody? Body,
    HttpResponseMap Response,
    bool Stream,
    IReadOnlyDictionary<string, ItemTemplate> HeaderTemplates);
