using System.Net;
using CiGate.GitHub.Fake.Endpoints;
using CiGate.GitHub.Fake.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CiGate.GitHub.Fake;

/// <summary>
/// A fake GitHub REST API on 127.0.0.1 with in-memory state: enough for Octokit's comment,
/// check-run, status, artifact, workflow-run and tag calls. Serves both <c>/repos/...</c> and <c>/api/v3/repos/...</c>,
/// because Octokit appends /api/v3/ to any base address that is not api.github.com.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGitHubServer(WebApplication app, FakeState state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. <c>http://127.0.0.1:43121/</c>: pass it to Octokit (or as GITHUB_API_URL).</summary>
    public Uri BaseUrl { get; }

    public FakeState State { get; }

    public static async Task<FakeGitHubServer> StartAsync(int port, CancellationToken ct)
    {
        var state = new FakeState();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(state);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.UsePathBase("/api/v3");
        app.UseMiddleware<FaultMiddleware>();
        app.UseRouting();
        Map(app, state);
        app.UseEndpoints(_ => { });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakeGitHubServer(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static void Map(IEndpointRouteBuilder app, FakeState state)
    {
        RequestDelegate With(Func<HttpContext, FakeState, Task> handler) => context => handler(context, state);

        const string repo = "/repos/{owner}/{repo}";
        app.MapGet(repo + "/issues/{number:int}/comments", With(CommentEndpoints.ListAsync));
        app.MapPost(repo + "/issues/{number:int}/comments", With(CommentEndpoints.CreateAsync));
        app.MapMethods(repo + "/issues/comments/{id:long}", ["PATCH"], With(CommentEndpoints.UpdateAsync));
        app.MapPost(repo + "/check-runs", With(CheckRunEndpoints.CreateAsync));
        app.MapMethods(repo + "/check-runs/{id:long}", ["PATCH"], With(CheckRunEndpoints.UpdateAsync));
        app.MapPost(repo + "/statuses/{sha}", With(StatusEndpoints.CreateAsync));
        app.MapGet(repo + "/actions/artifacts", With(ArtifactEndpoints.ListAsync));
        app.MapGet(repo + "/actions/artifacts/{id:long}/zip", With(ArtifactEndpoints.DownloadAsync));
        app.MapGet(repo + "/actions/runs/{id:long}", With(ArtifactEndpoints.RunAsync));
        app.MapGet(repo, With(RepositoryEndpoints.GetAsync));
        app.MapGet(repo + "/git/ref/tags/{**tag}", With(RepositoryEndpoints.TagAsync));
        app.MapGet("/_fake/blobs/{id:long}", With(ArtifactEndpoints.BlobAsync));
        app.MapGet("/_fake/state", With(ControlEndpoints.StateAsync));
        app.MapPost("/_fake/reset", With(ControlEndpoints.ResetAsync));
        app.MapPost("/_fake/config", With(ControlEndpoints.ConfigAsync));
        app.MapPost("/_fake/comments", With(ControlEndpoints.SeedCommentsAsync));
        app.MapPost("/_fake/artifacts", With(ControlEndpoints.SeedArtifactAsync));
        app.MapPost("/_fake/tags", With(ControlEndpoints.SeedTagAsync));
        app.MapFallback(context => FakeJson.ErrorAsync(context, 404, "Not Found"));
    }
}
