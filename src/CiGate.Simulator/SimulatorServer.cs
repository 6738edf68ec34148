using System.Net;
using CiGate.Simulator.AnswerKeys;
using CiGate.Simulator.Hosting;
using CiGate.Simulator.Scripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CiGate.Simulator;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 that answers benchmark questions from answer keys, prompts
/// from script rules, grading requests as a judge (<see cref="SimulatedJudge"/>) and embeddings
/// (<see cref="SimulatedEmbedding"/>).
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private SimulatorServer(WebApplication app, Uri baseUrl, int answerKeyEntries, int scriptRules, SimulatorStats stats)
    {
        _app = app;
        BaseUrl = baseUrl;
        AnswerKeyEntries = answerKeyEntries;
        ScriptRules = scriptRules;
        Stats = stats;
    }

    /// <summary>The OpenAI base URL, e.g. <c>http://127.0.0.1:43121/v1</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    public int Port => BaseUrl.Port;

    /// <summary>Number of records loaded from all answer keys.</summary>
    public int AnswerKeyEntries { get; }

    /// <summary>Number of rules loaded from all script files.</summary>
    public int ScriptRules { get; }

    public SimulatorStats Stats { get; }

    /// <summary>Loads the answer keys and scripts, then binds 127.0.0.1 and starts serving.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">An answer key or script is missing.</exception>
    /// <exception cref="InvalidDataException">An answer key record or script rule is malformed (message names file and line).</exception>
    /// <exception cref="IOException">The port could not be bound.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var index = await AnswerKeyLoader.LoadAsync(options.AnswerKeys, ct);
        var scripts = await ScriptLoader.LoadAsync(options.Scripts, ct);
        var stats = new SimulatorStats();

        // The empty builder reads no appsettings/environment, so nothing on the machine can rebind
        // the port or turn logging on behind the caller's back.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        if (options.Performance.SendTimestamps)
        {
            // Send on the writing thread, not after a hop through the thread pool: a chunk's
            // cigate_sent_ts is then taken microseconds before its send() call, even when a decode
            // step releases hundreds of streams at once and the pool's queue is long.
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        if (options.LogToConsole)
        {
            builder.Logging.AddSimpleConsole();
        }

        var app = builder.Build();
        var bfcl = options.BfclKeys.Count == 0 ? null : Tools.BfclKey.Load(options.BfclKeys);
        var completions = new CompletionHandler(options, index, scripts, stats, bfcl);
        var embeddings = new EmbeddingsHandler(stats);
        var models = new ModelsHandler(options.Models);
        app.MapGet("/v1/models", (RequestDelegate)models.HandleAsync);
        app.MapPost("/v1/chat/completions", (RequestDelegate)completions.HandleChatAsync);
        app.MapPost("/v1/completions", (RequestDelegate)completions.HandleTextAsync);
        app.MapPost("/v1/embeddings", (RequestDelegate)embeddings.HandleAsync);

        // Beside /v1, as vLLM serves them: readiness, version, Prometheus metrics and the tokenizer.
        app.MapGet("/health", (RequestDelegate)VersionHandler.HealthAsync);
        app.MapGet("/version", (RequestDelegate)VersionHandler.HandleAsync);
        app.MapGet("/metrics", (RequestDelegate)new MetricsHandler(completions.Capacity, stats, options.Models).HandleAsync);
        app.MapPost("/tokenize", (RequestDelegate)new TokenizeHandler(options.Models).HandleAsync);
        app.MapPost("/v1/moderations", (RequestDelegate)new ModerationsHandler().HandleAsync);
        app.MapFallback((RequestDelegate)ModelsHandler.NotFoundAsync);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/v1"), index.Count, scripts.Count, stats);
    }

    /// <summary>
    /// Serves until <paramref name="ct"/> is cancelled (e.g. Ctrl+C in <c>cigate sim</c>), then stops
    /// gracefully and returns normally.
    /// </summary>
    public async Task WaitForShutdownAsync(CancellationToken ct)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (ct.Register(() => stopping.TrySetResult()))
        using (_app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task;
        }

        await StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(CancellationToken.None);
        }
    }
}
