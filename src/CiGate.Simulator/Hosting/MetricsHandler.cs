using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CiGate.Simulator.Hosting;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text with vLLM's names, from the simulator's capacity model:
/// requests decoding and queued for a decode slot, the share of slots in use as KV-cache usage
/// (0 with no slot limit), and counters of prompt and generated tokens.
/// </summary>
internal sealed class MetricsHandler(DecodeCapacity capacity, SimulatorStats stats, IEnumerable<SimulatorModel> models)
{
    private readonly string label = $"{{model_name=\"{models.Select(m => m.Name).FirstOrDefault() ?? SimulatorModel.DefaultName}\"}}";

    public async Task HandleAsync(HttpContext context)
    {
        var text = new StringBuilder(1024);
        Gauge(text, "vllm:num_requests_running", "Number of requests in model execution batches.", capacity.Running);
        Gauge(text, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", capacity.Waiting);
        Gauge(text, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", capacity.Usage);
        Counter(text, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", stats.PromptTokens);
        Counter(text, "vllm:generation_tokens_total", "Number of generation tokens processed.", stats.GeneratedTokens);
        var body = Encoding.UTF8.GetBytes(text.ToString());
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private void Gauge(StringBuilder text, string name, string help, double value) => Write(text, name, help, "gauge", value);

    private void Counter(StringBuilder text, string name, string help, double value) => Write(text, name, help, "counter", value);

    private void Write(StringBuilder text, string name, string help, string type, double value) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(label).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
}
