using System.Reflection;
using System.Text;
using System.Text.Json;
using CiGate.Simulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace CiGate.Simulator.Hosting;

/// <summary><c>GET /version</c> as vLLM answers it, <c>{"version": "cigate-sim 0.1.0"}</c>, and <c>GET /health</c> (200, empty).</summary>
internal static class VersionHandler
{
    public static readonly string Version = "cigate-sim " + (typeof(VersionHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["version"] = Version }));

    public static Task HandleAsync(HttpContext context) => JsonBody.WriteAsync(context, StatusCodes.Status200OK, Body, context.RequestAborted);

    public static Task HealthAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
