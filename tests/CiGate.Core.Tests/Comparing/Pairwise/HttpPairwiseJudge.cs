using System.Net.Http.Json;
using System.Text.Json;
using CiGate.Core.Comparing.Pairwise;

namespace CiGate.Core.Tests.Comparing.Pairwise;

/// <summary>
/// A pairwise judge over real HTTP: the default pairwise prompt sent to a chat completions
/// endpoint (the simulator on 127.0.0.1), its reply read by <see cref="PairwisePrompt.TryParse"/>.
/// </summary>
internal sealed class HttpPairwiseJudge(HttpClient http, Uri baseUrl, string model, string criteria) : IPairwiseJudge
{
    public async ValueTask<PairwiseWinner> JudgeAsync(PairwiseQuestion question, CancellationToken cancellationToken)
    {
        var messages = PairwisePrompt.Messages(question, criteria)
            .Select(m => new { role = m.Role, content = m.Content });
        using var response = await http.PostAsJsonAsync(
            new Uri(baseUrl, "v1/chat/completions"), new { model, messages, temperature = 0 }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var reply = json.RootElement.GetProperty("choices")[0].GetProperty("message")
            .GetProperty("content").GetString();
        return PairwisePrompt.TryParse(reply ?? "", out var winner, out var problem)
            ? winner
            : throw new InvalidOperationException(problem + ": " + reply);
    }
}
