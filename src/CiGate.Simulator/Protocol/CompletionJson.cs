using System.Text.Json;

namespace CiGate.Simulator.Protocol;

/// <summary>Writes OpenAI-shaped completion bodies and stream chunks with pre-encoded property names.</summary>
internal static partial class CompletionJson
{
    public const string SystemFingerprint = "fp_cigate_sim";

    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ObjectName = JsonEncodedText.Encode("object");
    private static readonly JsonEncodedText CreatedName = JsonEncodedText.Encode("created");
    private static readonly JsonEncodedText ModelName = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText FingerprintName = JsonEncodedText.Encode("system_fingerprint");
    private static readonly JsonEncodedText ChoicesName = JsonEncodedText.Encode("choices");
    private static readonly JsonEncodedText IndexName = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText DeltaName = JsonEncodedText.Encode("delta");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText ContentName = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText RefusalName = JsonEncodedText.Encode("refusal");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText LogprobsName = JsonEncodedText.Encode("logprobs");
    private static readonly JsonEncodedText FinishReasonName = JsonEncodedText.Encode("finish_reason");
    private static readonly JsonEncodedText UsageName = JsonEncodedText.Encode("usage");
    private static readonly JsonEncodedText PromptTokensName = JsonEncodedText.Encode("prompt_tokens");
    private static readonly JsonEncodedText CompletionTokensName = JsonEncodedText.Encode("completion_tokens");
    private static readonly JsonEncodedText TotalTokensName = JsonEncodedText.Encode("total_tokens");
    private static readonly JsonEncodedText Assistant = JsonEncodedText.Encode("assistant");
    private static readonly JsonEncodedText SentTsName = JsonEncodedText.Encode("cigate_sent_ts");
    private static readonly JsonEncodedText PreviousFlushedTsName = JsonEncodedText.Encode("cigate_prev_flushed_ts");

    public static void WriteResponse(
        Utf8JsonWriter w,
        in ResponseMeta meta,
        ReplyPlan plan,
        SimulatedMessage? message = null)
    {
        message ??= SimulatedMessage.Plain;
        var chat = meta.Kind == CompletionKind.Chat;
        WriteHeader(w, meta, chat ? "chat.completion" : "text_completion");
        w.WriteStartArray(ChoicesName);
        w.WriteStartObject();
        w.WriteNumber(IndexName, 0);
        if (chat)
        {
            w.WriteStartObject(MessageName);
            w.WriteString(RoleName, Assistant);
            if (!message.HasToolCalls)
            {
                w.WriteString(ContentName, plan.Text);
            }
            else
            {
                w.WriteNull(ContentName);
            }

            w.WriteNull(RefusalName);
            WriteExtras(w, meta, message);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString(TextName, plan.Text);
        }

        w.WriteNull(LogprobsName);
        w.WriteString(FinishReasonName, message.HasToolCalls ? "tool_calls" : plan.FinishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, meta.PromptTokens, plan.CompletionTokens);
        w.WriteEndObject();
    }

    /// <summary>
    /// One stream chunk. <paramref name="roleChunk"/> writes the chat opening delta; a non-null
    /// <paramref name="finishReason"/> writes the closing one.
    /// </summary>
    /// <param name="runningTokens">Non-negative: vLLM's continuous usage (this many completion tokens so far) instead of <c>usage: null</c>.</param>
    /// <param name="sentTs">Non-zero: written as <c>cigate_sent_ts</c> (see <see cref="PerformanceOptions.SendTimestamps"/>).</param>
    /// <param name="previousFlushedTs">Non-zero: written as <c>cigate_prev_flushed_ts</c>, when the flush of the previous token chunk returned.</param>
    public static void WriteChunk(
        Utf8JsonWriter w, in ResponseMeta meta, ReadOnlySpan<char> content, bool roleChunk, string? finishReason, bool includeUsage, int runningTokens = -1, long sentTs = 0, long previousFlushedTs = 0)
    {
        var chat = meta.Kind == CompletionKind.Chat;
        WriteHeader(w, meta, chat ? "chat.completion.chunk" : "text_completion");
        w.WriteStartArray(ChoicesName);
        w.WriteStartObject();
        w.WriteNumber(IndexName, 0);
        if (chat)
        {
            w.WriteStartObject(DeltaName);
            if (roleChunk)
            {
                w.WriteString(RoleName, Assistant);
                w.WriteString(ContentName, ""u8);
            }
            else if (finishReason is null)
            {
                w.WriteString(ContentName, content);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteString(TextName, content);
        }

        w.WriteNull(LogprobsName);
        if (finishReason is null)
        {
            w.WriteNull(FinishReasonName);
        }
        else
        {
            w.WriteString(FinishReasonName, finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        if (runningTokens >= 0)
        {
            WriteUsage(w, meta.PromptTokens, runningTokens);
        }
        else if (includeUsage)
        {
            w.WriteNull(UsageName);
        }

        if (sentTs != 0)
        {
            w.WriteNumber(SentTsName, sentTs);
        }

        if (previousFlushedTs != 0)
        {
            w.WriteNumber(PreviousFlushedTsName, previousFlushedTs);
        }

        w.WriteEndObject();
    }

    /// <summary>The <c>stream_options.include_usage</c> chunk: empty choices plus usage.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter w, in ResponseMeta meta, int completionTokens)
    {
        WriteHeader(w, meta, meta.Kind == CompletionKind.Chat ? "chat.completion.chunk" : "text_completion");
        w.WriteStartArray(ChoicesName);
        w.WriteEndArray();
        WriteUsage(w, meta.PromptTokens, completionTokens);
        w.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter w, in ResponseMeta meta, string objectType)
    {
        w.WriteStartObject();
        w.WriteString(IdName, meta.Id);
        w.WriteString(ObjectName, objectType);
        w.WriteNumber(CreatedName, meta.Created);
        w.WriteString(ModelName, meta.Model);
        w.WriteString(FingerprintName, meta.Fingerprint);
    }

    private static void WriteUsage(Utf8JsonWriter w, int promptTokens, int completionTokens)
    {
        w.WriteStartObject(UsageName);
        w.WriteNumber(PromptTokensName, promptTokens);
        w.WriteNumber(CompletionTokensName, completionTokens);
        w.WriteNumber(TotalTokensName, promptTokens + completionTokens);
        w.WriteEndObject();
    }
}
