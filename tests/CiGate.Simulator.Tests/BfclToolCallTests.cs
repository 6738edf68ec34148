using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Simulator.Tests.Support;

namespace CiGate.Simulator.Tests;

/// <summary>
/// The simulator answers BFCL questions with tool calls from their possible answers: right on about
/// the model's accuracy of items, the same per seed, streamed as OpenAI tool-call deltas.
/// </summary>
public sealed class BfclToolCallTests
{
    private static readonly string[] Categories =
        ["simple_python", "multiple", "parallel", "parallel_multiple", "irrelevance"];

    [Fact]
    public async Task A_perfect_model_calls_the_possible_answer_s_functions_with_accepted_values()
    {
        var folder = Folder();
        await using var server = await StartAsync(folder);
        using var client = new HttpClient();

        var item = Items(folder, "parallel_multiple").First(i => i.Id == "parallel_multiple_0");
        var (calls, finish, content) = await AskAsync(client, server, "perfect", item);

        Assert.Equal("tool_calls", finish);
        Assert.Equal(JsonValueKind.Null, content.ValueKind);
        Assert.Equal(["math_toolkit_sum_of_multiples", "math_toolkit_product_of_primes"], calls.Select(c => c.Name));
        Assert.Equal("""{"lower_limit":1,"upper_limit":1000,"multiples":[3,5]}""", calls[0].Arguments);
        Assert.Equal("""{"count":5}""", calls[1].Arguments);
    }

    [Fact]
    public async Task Streamed_tool_call_deltas_add_up_to_the_non_streamed_calls()
    {
        var folder = Folder();
        await using var server = await StartAsync(folder);
        using var client = new HttpClient();

        foreach (var item in Items(folder, "parallel").Take(20).Concat(Items(folder, "simple_python").Take(20)))
        {
            var whole = await AskAsync(client, server, "sim", item);
            var body = Body("sim", item, stream: true);
            using var response = await SimHttp.PostAsync(client, server, "chat/completions", body);
            var (events, done) = await SimHttp.ReadSseAsync(response);

            var streamed = new SortedDictionary<int, (string Name, string Arguments)>();
            string? finish = null;
            foreach (var e in events)
            {
                var choice = e.GetProperty("choices")[0];
                finish = choice.GetProperty("finish_reason").GetString() ?? finish;
                if (!choice.GetProperty("delta").TryGetProperty("tool_calls", out var deltas))
                {
                    continue;
                }

                foreach (var delta in deltas.EnumerateArray())
                {
                    var index = delta.GetProperty("index").GetInt32();
                    var function = delta.GetProperty("function");
                    var (name, arguments) = streamed.GetValueOrDefault(index, ("", ""));
                    if (function.TryGetProperty("name", out var n))
                    {
                        Assert.Equal("", name);
                        Assert.StartsWith("call_", delta.GetProperty("id").GetString());
                        name = n.GetString()!;
                    }

                    streamed[index] = (name, arguments + function.GetProperty("arguments").GetString());
                }
            }

            Assert.True(done);
            Assert.Equal(whole.Finish, finish);
            Assert.Equal(whole.Calls.Select(c => (c.Name, c.Arguments)), streamed.Values);
        }
    }

    [Fact]
    public async Task Accuracy_decides_the_share_of_right_items_and_the_seed_which_ones()
    {
        var folder = Folder();
        await using var server = await StartAsync(folder);
        using var client = new HttpClient();
        var items = Items(folder, "simple_python").Concat(Items(folder, "multiple")).ToList();

        var right = 0;
        var sameSeed = 0;
        var otherSeed = 0;
        var mistakes = new HashSet<string>();
        foreach (var item in items)
        {
            var perfect = Describe(await AskAsync(client, server, "perfect", item));
            var sim = Describe(await AskAsync(client, server, "sim", item));
            var again = Describe(await AskAsync(client, server, "sim", item));
            var reseeded = Describe(await AskAsync(client, server, "reseeded", item));
            right += sim == perfect ? 1 : 0;
            sameSeed += sim == again ? 1 : 0;
            otherSeed += sim == reseeded ? 1 : 0;
            if (sim != perfect)
            {
                mistakes.Add(Mistake(perfect, sim));
            }
        }

        Assert.Equal(items.Count, sameSeed);
        Assert.InRange(right / (double)items.Count, 0.65, 0.75);
        Assert.True(otherSeed < items.Count * 0.95, $"{otherSeed} of {items.Count} alike across seeds");
        Assert.Equal(["extra call", "no call", "wrong argument", "wrong function"], mistakes.Order());
    }

    [Fact]
    public async Task Irrelevance_is_answered_in_text_when_right_and_with_a_call_when_wrong()
    {
        var folder = Folder();
        await using var server = await StartAsync(folder);
        using var client = new HttpClient();
        var items = Items(folder, "irrelevance").Take(60).ToList();

        var perfect = new List<int>();
        var wrong = new List<int>();
        foreach (var item in items)
        {
            perfect.Add((await AskAsync(client, server, "perfect", item)).Calls.Count);
            wrong.Add((await AskAsync(client, server, "wrong", item)).Calls.Count);
        }

        Assert.All(perfect, count => Assert.Equal(0, count));
        Assert.All(wrong, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task After_a_tool_result_the_model_answers_in_text()
    {
        var folder = Folder();
        await using var server = await StartAsync(folder);
        using var client = new HttpClient();
        var item = Items(folder, "simple_python")[0];
        var body = Body("perfect", item, stream: false);
        body["messages"] = new object[]
        {
            new Dictionary<string, object> { ["role"] = "user", ["content"] = item.Prompt },
            new Dictionary<string, object>
            {
                ["role"] = "assistant",
                ["tool_calls"] = new[]
                {
                    new { id = "c1", type = "function", function = new { name = "f", arguments = "{}" } },
                },
            },
            new Dictionary<string, object> { ["role"] = "tool", ["tool_call_id"] = "c1", ["content"] = "42" },
        };

        using var response = await SimHttp.PostAsync(client, server, "chat/completions", body);
        var choice = (await SimHttp.JsonAsync(response)).GetProperty("choices")[0];

        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.False(string.IsNullOrEmpty(choice.GetProperty("message").GetProperty("content").GetString()));
    }

    private static string Describe(Reply r) =>
        string.Join("\n", r.Calls.Select(c => c.Name + " " + c.Arguments));

    private static string Mistake(string perfect, string sim)
    {
        var p = perfect.Split('\n');
        var s = sim.Split('\n');
        if (sim.Length == 0)
        {
            return "no call";
        }

        if (s.Length > p.Length)
        {
            return "extra call";
        }

        return s[0].Split(' ')[0] != p[0].Split(' ')[0] ? "wrong function" : "wrong argument";
    }

    private static async Task<Reply> AskAsync(
        HttpClient client, SimulatorServer server, string model, BfclQuestion item)
    {
        var body = Body(model, item, stream: false);
        using var response = await SimHttp.PostAsync(client, server, "chat/completions", body);
        response.EnsureSuccessStatusCode();
        var choice = (await SimHttp.JsonAsync(response)).GetProperty("choices")[0];
        var message = choice.GetProperty("message");
        var calls = message.TryGetProperty("tool_calls", out var list)
            ? list.EnumerateArray()
                .Select(c => (c.GetProperty("function").GetProperty("name").GetString()!,
                    c.GetProperty("function").GetProperty("arguments").GetString()!))
                .ToList()
            : [];
        var finish = choice.GetProperty("finish_reason").GetString();
        return new Reply(calls, finish, message.GetProperty("content").Clone());
    }

    private static Dictionary<string, object> Body(string model, BfclQuestion item, bool stream)
    {
        var body = SimHttp.Chat(model, item.Prompt, stream);
        body["tools"] = item.Tools;
        return body;
    }

    private static Task<SimulatorServer> StartAsync(string folder) =>
        Servers.StartAsync(null, configure: o =>
        {
            o.Models =
            [
                new SimulatorModel("perfect", 1.0, 1),
                new SimulatorModel("wrong", 0.0, 1),
                new SimulatorModel("sim", 0.7, 1),
                new SimulatorModel("reseeded", 0.7, 2),
            ];
            o.BfclKeys = [folder];
        });

    private static string Folder()
    {
        var question = DatasetPaths.Find("bfcl/BFCL_v4_simple_python.json");
        if (question is null)
        {
            Assert.Skip("shared/datasets/bfcl not found above the test folder");
        }

        return Path.GetDirectoryName(question)!;
    }

    /// <summary>A question as a client sends it: the user message and the functions as OpenAI tools.</summary>
    private static List<BfclQuestion> Items(string folder, string category)
    {
        Assert.Contains(category, Categories);
        var items = new List<BfclQuestion>();
        foreach (var line in File.ReadLines(Path.Combine(folder, $"BFCL_v4_{category}.json")))
        {
            var root = JsonNode.Parse(line)!.AsObject();
            var prompt = (string)root["question"]![0]![0]!["content"]!;
            var tools = root["function"]!.AsArray().Select(f => (object)new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = ((string)f!["name"]!).Replace('.', '_'),
                    ["description"] = (string?)f["description"],
                    ["parameters"] = new JsonObject { ["type"] = "object" },
                },
            }).ToList();
            items.Add(new BfclQuestion((string)root["id"]!, prompt, tools));
        }

        return items;
    }

    private sealed record BfclQuestion(string Id, string Prompt, List<object> Tools);

    private sealed record Reply(List<(string Name, string Arguments)> Calls, string? Finish, JsonElement Content);
}
