using System.Text.Json;

namespace CiGate.Core.Results;

/// <summary>The items.jsonl line format, written and read by hand: it is the hot path of a run.</summary>
internal static partial class ItemJson
{
    public static void Write(Utf8JsonWriter w, ItemRecord r)
    {
        w.WriteStartObject();
        w.WriteString("suite", r.Suite);
        w.WriteString("target", r.Target);
        w.WriteString("item", r.Item);
        w.WriteNumber("repeat", r.Repeat);
        w.WriteString("prompt_hash", r.PromptHash);
        WriteOptional(w, "group", r.Group);
        WriteOptional(w, "reference", r.Reference);
        WriteOptional(w, "question", r.Question);
        WriteOptional(w, "output", r.Output);
        WriteOptional(w, "finish_reason", r.FinishReason);
        w.WriteStartObject("extracted");
        foreach (var (name, value) in r.Extracted)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
        w.WriteStartObject("scores");
        foreach (var (name, value) in r.Scores)
        {
            w.WriteNumber(name, value);
        }

        w.WriteEndObject();
        w.WriteNumber("latency_ms", Math.Round(r.LatencyMs, 3));
        if (r.PromptTokens is not null || r.CompletionTokens is not null)
        {
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", r.PromptTokens ?? 0);
            w.WriteNumber("completion_tokens", r.CompletionTokens ?? 0);
            WriteOptional(w, "cached_tokens", r.CachedTokens);
            WriteOptional(w, "reasoning_tokens", r.ReasoningTokens);
            w.WriteEndObject();
        }

        if (r.GraderRequests is { } graderRequests)
        {
            w.WriteStartObject("grader_usage");
            w.WriteNumber("requests", graderRequests);
            w.WriteNumber("prompt_tokens", r.GraderPromptTokens ?? 0);
            w.WriteNumber("completion_tokens", r.GraderCompletionTokens ?? 0);
            w.WriteEndObject();
        }

        w.WriteNumber("attempts", r.Attempts);
        w.WriteBoolean("cached", r.Cached);
        WriteOptional(w, "served_model", r.ServedModel);
        WriteResponseExtras(w, r);
        WriteOptional(w, "trace", r.Trace);
        if (r.Error is not null)
        {
            w.WriteStartObject("error");
            w.WriteString("kind", r.ErrorKind);
            w.WriteString("message", r.Error);
            w.WriteEndObject();
        }

        WriteOptional(w, "scoring_error", r.ScoringError);
        w.WriteEndObject();
    }

    /// <summary>Parses one line with a forward-only reader: no DOM, no copy (compare reads 24k lines).</summary>
    public static ItemRecord Parse(ReadOnlySpan<byte> line)
    {
        var r = new Utf8JsonReader(line);
        Expect(ref r, JsonTokenType.StartObject);
        string? suite = null, target = null, item = null, promptHash = null, group = null, reference = null, question = null;
        string? output = null, finish = null, served = null, error = null, errorKind = null, scoringError = null;
        string? trace = null;
        int repeat = 0, attempts = 0;
        int? promptTokens = null, completionTokens = null, cachedTokens = null, reasoningTokens = null;
        int? graderRequests = null, graderPrompt = null, graderCompletion = null;
        string? fingerprint = null, reasoning = null, refusal = null, reusedFrom = null;
        IReadOnlyList<Targets.ToolCall>? toolCalls = null;
        double latency = 0;
        var cached = false;
        var extracted = new Dictionary<string, string>(2, StringComparer.Ordinal);
        var scores = new Dictionary<string, double>(2, StringComparer.Ordinal);
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var name = r.GetString();
            Next(ref r);
            try
            {
                ReadField(ref r, name);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                // GetInt32 on a string, GetString on a number: a line in the right shape with a wrong value.
                throw new InvalidDataException($"field '{name}' has the wrong type ({r.TokenType} where the schema has another)", ex);
            }
        }

        void ReadField(ref Utf8JsonReader r, string? name)
        {
            switch (name)
            {
                case "suite": suite = r.GetString(); break;
                case "target": target = r.GetString(); break;
                case "item": item = r.GetString(); break;
                case "repeat": repeat = r.GetInt32(); break;
                case "prompt_hash": promptHash = r.GetString(); break;
                case "group": group = r.GetString(); break;
                case "reference": reference = r.GetString(); break;
                case "question": question = r.GetString(); break;
                case "output": output = r.GetString(); break;
                case "finish_reason": finish = r.GetString(); break;
                case "latency_ms": latency = r.GetDouble(); break;
                case "attempts": attempts = r.GetInt32(); break;
                case "cached": cached = r.GetBoolean(); break;
                case "served_model": served = r.GetString(); break;
                case "trace": trace = r.GetString(); break;
                case "scoring_error": scoringError = r.GetString(); break;
                case "system_fingerprint": fingerprint = r.GetString(); break;
                case "reasoning": reasoning = r.GetString(); break;
                case "refusal": refusal = r.GetString(); break;
                case "reused_from": reusedFrom = r.GetString(); break;
                case "tool_calls": toolCalls = ReadToolCalls(ref r); break;
                case "extracted":
                    ExpectObject(ref r);
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var key = r.GetString()!;
                        Next(ref r);
                        extracted[key] = r.GetString() ?? "";
                    }

                    break;
                case "scores":
                    ExpectObject(ref r);
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var key = r.GetString()!;
                        Next(ref r);
                        scores[key] = r.GetDouble();
                    }

                    break;
                case "usage" when r.TokenType == JsonTokenType.StartObject:
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var key = r.GetString();
                        Next(ref r);
                        if (key == "prompt_tokens")
                        {
                            promptTokens = r.GetInt32();
                        }
                        else if (key == "completion_tokens")
                        {
                            completionTokens = r.GetInt32();
                        }
                        else if (key == "cached_tokens")
                        {
                            cachedTokens = r.GetInt32();
                        }
                        else if (key == "reasoning_tokens")
                        {
                            reasoningTokens = r.GetInt32();
                        }
                        else
                        {
                            r.Skip();
                        }
                    }

                    break;
                case "grader_usage" when r.TokenType == JsonTokenType.StartObject:
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var key = r.GetString();
                        Next(ref r);
                        switch (key)
                        {
                            case "requests": graderRequests = r.GetInt32(); break;
                            case "prompt_tokens": graderPrompt = r.GetInt32(); break;
                            case "completion_tokens": graderCompletion = r.GetInt32(); break;
                            default: r.Skip(); break;
                        }
                    }

                    break;
                case "error" when r.TokenType == JsonTokenType.StartObject:
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        var key = r.GetString();
                        Next(ref r);
                        if (key == "kind")
                        {
                            errorKind = r.GetString();
                        }
                        else if (key == "message")
                        {
                            error = r.GetString();
                        }
                        else
                        {
                            r.Skip();
                        }
                    }

                    break;
                default:
                    r.Skip(); // fields a later schema adds are ignored, not fatal
                    break;
            }
        }

        return new ItemRecord
        {
            Suite = suite ?? throw new JsonException("record has no suite"),
            Target = target ?? throw new JsonException("record has no target"),
            Item = item ?? throw new JsonException("record has no item"),
            Repeat = repeat,
            PromptHash = promptHash ?? "",
            Group = group,
            Reference = reference,
            Question = question,
            Output = output,
            FinishReason = finish,
            Extracted = extracted,
            Scores = scores,
            LatencyMs = latency,
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            Attempts = attempts,
            Cached = cached,
            ServedModel = served,
            SystemFingerprint = fingerprint,
            CachedTokens = cachedTokens,
            ReasoningTokens = reasoningTokens,
            GraderRequests = graderRequests,
            GraderPromptTokens = graderPrompt,
            GraderCompletionTokens = graderCompletion,
            Reasoning = reasoning,
            Refusal = refusal,
            ToolCalls = toolCalls,
            Trace = trace,
            Error = error,
            ErrorKind = errorKind,
            ScoringError = scoringError,
            ReusedFrom = reusedFrom,
        };
    }

    private static void ExpectObject(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException("expected an object");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader r) =>
        r.Read() ? r.TokenType : throw new JsonException("the record ends early");

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (Next(ref r) != type)
        {
            throw new JsonException($"expected {type}, found {r.TokenType}");
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
