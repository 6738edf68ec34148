using System.Globalization;
using CiGate.GitHub.Fake.State;
using Microsoft.AspNetCore.Http;

namespace CiGate.GitHub.Fake.Endpoints;

/// <summary>
/// Applies the scripted faults to API routes (never to /_fake/): a required token (401 "Bad
/// credentials"), one primary rate limit (403, x-ratelimit-remaining 0, reset 1 s ahead) and
/// one secondary limit (403 with retry-after 1), a token without the permission (403 "Resource
/// not accessible by integration"), N server errors (502) and N dropped connections. Records
/// every API request it lets through.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FakeState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ControlEndpoints.IsControl(context.Request.Path))
        {
            await next(context);
            return;
        }

        await HandleAsync(context);
        state.Record(new FakeRequest(context.Request.Method, context.Request.PathBase + context.Request.Path, context.Response.StatusCode));
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (state.Config.RequireToken is { } token && Token(context) != token)
        {
            await FakeJson.ErrorAsync(context, 401, "Bad credentials");
            return;
        }

        if (state.TakeOnce(c => c.DroppedConnections > 0, c => c with { DroppedConnections = c.DroppedConnections - 1 }))
        {
            // No status line at all: the client sees the connection reset, as on a network fault.
            context.Abort();
            return;
        }

        var now = DateTimeOffset.UtcNow;
        context.Response.Headers["x-ratelimit-limit"] = "5000";
        context.Response.Headers["x-ratelimit-reset"] = (now.ToUnixTimeSeconds() + 3600).ToString(CultureInfo.InvariantCulture);
        if (state.TakeOnce(c => c.RateLimitOnce, c => c with { RateLimitOnce = false }))
        {
            context.Response.Headers["x-ratelimit-remaining"] = "0";
            context.Response.Headers["x-ratelimit-reset"] = (now.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture);
            await FakeJson.ErrorAsync(context, 403, "API rate limit exceeded for installation ID 1.");
            return;
        }

        if (state.TakeOnce(c => c.SecondaryLimitOnce, c => c with { SecondaryLimitOnce = false }))
        {
            context.Response.Headers["x-ratelimit-remaining"] = "4999";
            context.Response.Headers["retry-after"] = "1";
            await FakeJson.ErrorAsync(context, 403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
            return;
        }

        context.Response.Headers["x-ratelimit-remaining"] = "4999";
        if (state.TakeOnce(c => c.ServerErrors > 0, c => c with { ServerErrors = c.ServerErrors - 1 }))
        {
            await FakeJson.ErrorAsync(context, 502, "Server Error");
            return;
        }

        if (state.Config.Forbidden)
        {
            await FakeJson.ErrorAsync(context, 403, "Resource not accessible by integration");
            return;
        }

        await next(context);
    }

    /// <summary>Accepts "token X" and "Bearer X", as GitHub does.</summary>
    private static string? Token(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? null : header[(space + 1)..].Trim();
    }
}
