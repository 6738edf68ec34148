using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CiGate.Simulator.AnswerKeys;
using CiGate.Simulator.Protocol;
using CiGate.Simulator.Scripts;
using Microsoft.AspNetCore.Http;

namespace CiGate.Simulator.Hosting;

/// <summary>Handles <c>/v1/chat/completions</c> and <c>/v1/completions</c>.</summary>
internal sealed class CompletionHandler
{
    private readonly ReplySource _replies;
    private readonly SimulatorStats _stats;
    private readonly FaultInjector _faults;
    private readonly Dictionary<string, SimulatorModel> _models;
    private readonly string? _servedModel;
    private readonly string _fingerprint;
    private readonly RequestLog? _requestLog;
    private readonly Latency _latency;
    private readonly TimeSpan _retryAfter;
    private readonly TimeSpan _stallFor;
    private readonly PerformanceOptions _performance;
    private readonly DecodeCapacity _capacity;
    private readonly DecodeSteps? _steps;

    public CompletionHandler(
        SimulatorOptions options, AnswerKeyIndex index, ScriptBook scripts, SimulatorStats stats, Tools.BfclKey? bfcl = null)
    {
        // Settings are copied so that changing the options object after start has no half-applied effect.
        _replies = new ReplySource(index, scripts, options.Flip, options.InvalidRate, options.JudgeAll, stats, Refusals.RefusalResponder.Create(options), bfcl, options.PairwiseJudge);
        _stats = stats;
        _faults = new FaultInjector(options.Faults.Rate, options.Faults.Kinds, options.Faults.Seed);
        _models = options.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _servedModel = options.ServedModel;
        _fingerprint = options.SystemFingerprint;
        _requestLog = options.RequestLog is { } log ? new RequestLog(log) : null;
        _latency = new Latency(options.TimeToFirstToken, options.InterTokenLatency);
        _retryAfter = options.Faults.RetryAfter;
        _stallFor = options.Faults.StallFor;
        _performance = options.Performance;
        _capacity = new DecodeCapacity(options.Performance);
        _steps = options.Performance.DecodeSteps && options.InterTokenLatency > TimeSpan.Zero ? new DecodeSteps(options.InterTokenLatency, _capacity) : null;
    }

    /// <summary>The capacity model /metrics reports on.</summary>
    public DecodeCapacity Capacity => _capacity;

    public Task HandleChatAsync(HttpContext context) => HandleAsync(context, CompletionKind.Chat);

    public Task HandleTextAsync(HttpContext context) => HandleAsync(context, CompletionKind.Text);

    private async Task HandleAsync(HttpContext context, CompletionKind kind)
    {
        var ct = context.RequestAborted;
        var number = _stats.RecordRequest();
        _requestLog?.Append(kind == CompletionKind.Chat ? "chat" : "text");
        var drawn = _faults.Next();
        try
        {
            if (!TryReadFaultHeader(context, out var forced))
            {
                await OpenAiErrors.BadRequestAsync(
                    context, $"Unknown {FaultKindNames.HeaderName} value: expected 429, 500, reset, malformed or stall.", ct);
                return;
            }

            var request = await ReadRequestAsync(context, kind, ct);
            if (request is null)
            {
                return;
            }

            if (!_models.TryGetValue(request.Model, out var model))
            {
                await OpenAiErrors.WriteAsync(
                    context, StatusCodes.Status404NotFound,
                    $"The model `{request.Model}` does not exist or you do not have access to it.",
                    "invalid_request_error", "model_not_found", ct);
                return;
            }

            var judge = _replies.IsJudge(request, kind);
            var served = judge ? SimulatorModel.ServedVersion(request.Model) : _servedModel ?? request.Model;
            var meta = new ResponseMeta(
                kind,
                NewId(kind, number),
                DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                served,
                request.PromptTokens,
                _fingerprint);
            var fault = forced ?? drawn;
            if (fault is { } injected)
            {
                _stats.RecordFault(injected);
                if (injected != FaultKind.StalledStream)
                {
                    await FaultResponder.WriteAsync(context, injected, meta, request.Stream, _retryAfter, ct);
                    return;
                }
            }

            var minTokens = request.IgnoreEos && request.MaxTokens is { } exact ? exact : request.MinTokens;
            var reply = _replies.Reply(
                request,
                model,
                judge,
                name => context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null);
            var (text, message) = kind == CompletionKind.Chat
                ? _replies.Shape(request, model, judge, reply)
                : (reply, SimulatedMessage.Plain);
            var plan = ReplyPlan.Create(text, request.Stop, request.MaxTokens, minTokens);
            TimeSpan? stall = fault is null ? null : _stallFor;
            if (request.Stream)
            {
                var usage = request.IncludeUsage && _performance.SendUsage;
                var failing = _performance.MidStreamErrorEvery > 0 && number % _performance.MidStreamErrorEvery == 0;
                var settings = new StreamSettings(_capacity, usage, usage && request.ContinuousUsage, _performance.SendTimestamps, failing, _steps);
                await StreamResponder.WriteAsync(context, meta, plan, settings, _latency, stall, message, ct);
            }
            else
            {
                await StreamResponder.Delay((stall ?? TimeSpan.Zero) + _latency.Total(plan.CompletionTokens), ct);
                var buffer = new ArrayBufferWriter<byte>(1024);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    CompletionJson.WriteResponse(writer, meta, plan, message);
                }

                await JsonBody.WriteAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory, ct);
            }

            _stats.RecordCompletion();
            _stats.RecordTokens(request.PromptTokens, plan.CompletionTokens);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (or the server is stopping); there is nobody left to answer.
        }
    }

    private static async Task<CompletionRequest?> ReadRequestAsync(HttpContext context, CompletionKind kind, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, ct);
        }
        catch (JsonException)
        {
            await OpenAiErrors.BadRequestAsync(
                context, "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.", ct);
            return null;
        }

        using (document)
        {
            if (RequestParser.TryParse(document.RootElement, kind, out var request, out var error))
            {
                return request;
            }

            await OpenAiErrors.BadRequestAsync(context, error!, ct);
            return null;
        }
    }

    private static bool TryReadFaultHeader(HttpContext context, out FaultKind? forced)
    {
        forced = null;
        if (!context.Request.Headers.TryGetValue(FaultKindNames.HeaderName, out var values) || string.IsNullOrWhiteSpace(values))
        {
            return true;
        }

        if (!FaultKindNames.TryParse(values.ToString(), out var kind))
        {
            return false;
        }

        forced = kind;
        return true;
    }

    private static string NewId(CompletionKind kind, long number) =>
        (kind == CompletionKind.Chat ? "chatcmpl-sim" : "cmpl-sim") + number.ToString("x8", CultureInfo.InvariantCulture);
}
