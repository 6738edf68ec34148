using System.Text.Encodings.Web;
using System.Text.Json;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Perf;

/// <summary>The JSON bodies of a load point, built before it starts: streaming with usage, a fixed output length.</summary>
internal static class RequestBodies
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(TargetConfig target, TargetApi api, WorkloadSpec workload, PerfPrompt prompt)
    {
        using var buffer = new MemoryStream(prompt.Text.Length + 512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("model"u8, target.Model);
            if (api == TargetApi.Chat)
            {
                w.WriteStartArray("messages"u8);
                w.WriteStartObject();
                w.WriteString("role"u8, "user"u8);
                w.WriteString("content"u8, prompt.Text);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            else
            {
                w.WriteString("prompt"u8, prompt.Text);
            }

            w.WriteNumber("max_tokens"u8, prompt.OutputTokens);
            if (workload.IgnoreEos)
            {
                // vLLM, SGLang and TGI honour these; the generated length is then checked against usage.
                w.WriteBoolean("ignore_eos"u8, true);
                w.WriteNumber("min_tokens"u8, prompt.OutputTokens);
            }

            w.WriteNumber("temperature"u8, target.Temperature);
            w.WriteBoolean("stream"u8, true);
            w.WriteStartObject("stream_options"u8);
            w.WriteBoolean("include_usage"u8, true);
            if (workload.ContinuousUsage)
            {
                w.WriteBoolean("continuous_usage_stats"u8, true);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
