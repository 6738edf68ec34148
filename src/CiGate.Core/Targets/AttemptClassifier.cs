using System.ClientModel.Primitives;
using System.Globalization;

namespace CiGate.Core.Targets;

/// <summary>
/// What one attempt against an OpenAI-compatible target came to: a parsed completion (secrets masked),
/// a failure to retry, or one to give up on, and the one-line message a user reads when the retries run
/// out. Kept apart from <see cref="OpenAITargetClient"/>, which owns the sending, retrying and caching.
/// </summary>
internal sealed class AttemptClassifier(string model, TargetSecrets secrets, string prefix, TimeSpan timeout)
{
    private readonly string _model = model;
    private readonly TargetSecrets _secrets = secrets;
    private readonly string _prefix = prefix;
    private readonly TimeSpan _timeout = timeout;

    public AttemptOutcome Classify(PipelineResponse response, TargetApi api, int expected)
    {
        int status = response.Status;
        ReadOnlySpan<byte> content = response.Content.ToMemory().Span;
        if (status is >= 200 and < 300)
        {
            ParsedCompletion parsed;
            string problem;
            bool ok = api switch
            {
                TargetApi.Embeddings => EmbeddingsParser.TryParse(content, expected, out parsed, out problem),
                TargetApi.Moderations => ModerationsParser.TryParse(content, expected, out parsed, out problem),
                _ => ResponseParser.TryParse(content, api, _model, out parsed, out problem),
            };
            return ok
                ? AttemptOutcome.Success(Masked(parsed))
                : AttemptOutcome.Failed(AttemptFailure.BadResponse, status, Clean(problem));
        }

        string serverMessage = ErrorText.FromBody(content, _secrets);
        return status is 408 or 429 or >= 500
            ? AttemptOutcome.Failed(
                AttemptFailure.RetryableStatus, status, serverMessage, RetryDelay.ReadRetryAfter(response.Headers))
            : AttemptOutcome.Failed(AttemptFailure.Rejected, status, serverMessage);
    }

    public AttemptOutcome FromException(Exception e)
    {
        if (TransportErrors.IsTimeout(e))
        {
            string seconds = _timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return AttemptOutcome.Failed(AttemptFailure.Timeout, null, $"no response within {seconds} s", error: e);
        }

        TransportErrors.TryClassify(e, out AttemptFailure failure, out string detail);
        return AttemptOutcome.Failed(failure, null, Clean(detail), error: e);
    }

    public TargetException Exhausted(AttemptOutcome last, int attempts, AttemptFailure every)
    {
        string lastError = last.StatusCode is { } status && last.Failure != AttemptFailure.BadResponse
            ? $"HTTP {status}: {last.Detail}"
            : last.Detail;
        (TargetErrorKind kind, string message) = every switch
        {
            AttemptFailure.Unreachable => (TargetErrorKind.Unreachable,
                $"{_prefix} is unreachable after {attempts} attempt(s): {lastError}"),
            AttemptFailure.Timeout => (TargetErrorKind.Timeout,
                $"{_prefix} timed out on all {attempts} attempt(s): {lastError}"),
            AttemptFailure.BadResponse => (TargetErrorKind.BadResponse,
                $"{_prefix} returned an unusable response on all {attempts} attempt(s): {lastError}"),
            _ => (TargetErrorKind.RetriesExhausted,
                $"{_prefix} still failing after {attempts} attempt(s); last error: {lastError}"),
        };
        return new TargetException(kind, message, last.StatusCode, attempts, last.Error);
    }

    /// <summary>
    /// A server that echoes the key or a header value (in the text, or even the model name) never gets it
    /// into results.
    /// </summary>
    public ParsedCompletion Masked(ParsedCompletion c) => c with
    {
        Text = _secrets.Redact(c.Text),
        ServedModel = c.ServedModel is { } model ? _secrets.Redact(model) : null,
        SystemFingerprint = c.SystemFingerprint is { } fingerprint ? _secrets.Redact(fingerprint) : null,
        Reasoning = c.Reasoning is { } reasoning ? _secrets.Redact(reasoning) : null,
        Refusal = c.Refusal is { } refusal ? _secrets.Redact(refusal) : null,
        ToolCalls = c.ToolCalls.Count == 0 ? c.ToolCalls
            : [.. c.ToolCalls.Select(t => new ToolCall(
                t.Id is { } id ? _secrets.Redact(id) : null,
                _secrets.Redact(t.Name),
                _secrets.Redact(t.Arguments)))],
    };

    private string Clean(string text) => ErrorText.OneLine(_secrets.Redact(text), ErrorText.MaxServerMessageLength);
}
