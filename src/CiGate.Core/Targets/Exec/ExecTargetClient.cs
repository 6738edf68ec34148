using System.Diagnostics;
using System.Globalization;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// A <c>type: exec</c> target: the team's own code as a process speaking <c>cigate-exec/1</c>, with
/// the same concurrency gate, per-attempt timeout, retries and response cache as model targets.
/// A crash fails the requests in flight as transport errors (retried) and the next request
/// restarts the app, at most <see cref="ExecSpec.MaxRestarts"/> times, with backoff.
/// </summary>
internal sealed partial class ExecTargetClient : ITargetClient
{
    private readonly ExecSpec spec;
    private readonly ResponseCache? cache;
    private readonly SemaphoreSlim gate;
    private readonly SemaphoreSlim startLock = new(1, 1);
    private readonly Dictionary<string, string> environment;
    private readonly ExecLog log;
    private readonly string prefix;
    private ExecProcess? current;
    private string? fatal;
    private int restarts;
    private long nextId;

    /// <exception cref="Diagnostics.CiGateException">
    /// An env value reads an unset variable or names an unknown target (exit 2).
    /// </exception>
    public ExecTargetClient(TargetConfig config, ResponseCache? cache)
    {
        Config = config;
        spec = config.Exec ?? throw new ArgumentException("not an exec target", nameof(config));
        this.cache = cache;
        gate = new SemaphoreSlim(config.Concurrency, config.Concurrency);
        prefix = $"target '{config.Name}' (exec {string.Join(' ', spec.Command)})";
        (environment, var secrets) = ExecReferences.Resolve(config.Name, spec, Environment.GetEnvironmentVariable);
        log = new ExecLog(spec.LogDirectory ?? Path.GetTempPath(), config.Name, TargetSecrets.Of(secrets));
    }

    public TargetConfig Config { get; }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ct.ThrowIfCancellationRequested();
        string? cacheKey = null;
        if (cache is not null && !request.NoCache)
        {
            var scope = request.CacheScope is { Length: > 0 } s ? $"{Config.Model}\u001f{s}" : Config.Model;
            cacheKey = ResponseCache.ComputeKey(Config.CacheIdentity, scope, ExecProtocol.Request(request, null));
            if (cache.TryGet(cacheKey, out var hit))
            {
                return new ModelResponse(
                    hit.Text, hit.FinishReason, hit.Usage, hit.ServedModel, null, FromCache: true, Attempts: 0, 0)
                {
                    ToolCalls = hit.ToolCalls,
                    Reasoning = hit.Reasoning,
                    Refusal = hit.Refusal,
                    Trace = hit.Trace,
                };
            }
        }

        var started = Stopwatch.GetTimestamp();
        var maxAttempts = Math.Max(1, Config.Retry.MaxAttempts);
        var firstFailure = AttemptFailure.None;
        var mixed = false;
        for (var attempt = 1; ; attempt++)
        {
            var (reply, served, failure, detail) = await AttemptAsync(request, ct);
            if (failure == AttemptFailure.None)
            {
                var response = Respond(reply!, served, attempt, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (cacheKey is not null)
                {
                    await cache!.AddAsync(
                        cacheKey,
                        new CachedResponse(
                            response.Text, response.FinishReason, response.Usage, response.ServedModel, null)
                        {
                            ToolCalls = response.ToolCalls,
                            Reasoning = response.Reasoning,
                            Refusal = response.Refusal,
                            Trace = response.Trace,
                        },
                        CancellationToken.None);
                }

                return response;
            }

            if (failure is AttemptFailure.Rejected or AttemptFailure.Unreachable)
            {
                var kind = failure == AttemptFailure.Rejected ? TargetErrorKind.Rejected : TargetErrorKind.Unreachable;
                throw new TargetException(kind, $"{prefix}: {detail}", null, attempt);
            }

            mixed |= firstFailure != AttemptFailure.None && firstFailure != failure;
            firstFailure = firstFailure == AttemptFailure.None ? failure : firstFailure;
            if (attempt >= maxAttempts)
            {
                throw Exhausted(mixed ? AttemptFailure.RetryableStatus : firstFailure, attempt, detail);
            }

            var delay = RetryDelay.Compute(Config.Retry, attempt, null);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, ct);
            }
        }
    }

    public Task<Embeddings> EmbedAsync(
        IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
        throw Unserved("embeddings", "similar");

    public Task<Moderations> ModerateAsync(
        IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
        throw Unserved("moderations", "moderation");

    public async ValueTask DisposeAsync()
    {
        await startLock.WaitAsync(CancellationToken.None);
        try
        {
            if (current is not null)
            {
                await current.DisposeAsync();
                current = null;
            }
        }
        finally
        {
            startLock.Release();
        }

        log.Note("stopped");
        log.Dispose();

        gate.Dispose();
    }

    private ModelResponse Respond(ExecReply reply, string? served, int attempt, double latencyMs) =>
        new(
            log.Redact(reply.Output!),
            reply.FinishReason,
            reply.Usage,
            reply.Model is { } model ? log.Redact(model) : served ?? Config.Model,
            null,
            FromCache: false,
            attempt,
            latencyMs)
        {
            ToolCalls = [.. reply.ToolCalls.Select(c => c with { Arguments = log.Redact(c.Arguments) })],
            Reasoning = reply.Reasoning is { } reasoning ? log.Redact(reasoning) : null,
            Refusal = reply.Refusal is { } refusal ? log.Redact(refusal) : null,
            Trace = reply.Trace is { } trace ? log.Redact(trace) : null,
        };

    private TargetException Exhausted(AttemptFailure every, int attempts, string lastError)
    {
        var (kind, message) = every switch
        {
            AttemptFailure.Timeout => (
                TargetErrorKind.Timeout,
                $"{prefix} timed out on all {attempts} attempt(s): {lastError}"),
            AttemptFailure.BadResponse => (
                TargetErrorKind.BadResponse,
                $"{prefix} returned an unusable response on all {attempts} attempt(s): {lastError}"),
            _ => (
                TargetErrorKind.RetriesExhausted,
                $"{prefix} still failing after {attempts} attempt(s); last error: {lastError}"),
        };
        return new TargetException(kind, message, null, attempts);
    }

    private TargetException Unserved(string what, string assertion) =>
        new(
            TargetErrorKind.Rejected,
            $"{prefix} is an exec target, which serves no {what}; name a model target for '{assertion}'",
            null,
            0);

    private string NextId() => "r" + Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
}
