using CiGate.Simulator.Tests.Support;

namespace CiGate.Simulator.Tests;

public sealed class ScriptTests : IDisposable
{
    private const string Rules = """
        # comments are fine
        - match: "capital of France"
          reply: "Paris"
        - match: /^translate:\s*(\w+)$/im
          model: polyglot
          reply: "Hola"
        - match: /^translate:/im
          reply: "I only speak English."
        - match: "echo:"
          reply: "You said: $last_line"
        - match: "capital"
          reply: "Shadowed by the first rule for France, used for others."
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_substring_rule_answers_chat_and_text_completions()
    {
        await using var server = await ScriptServers.StartAsync(_temp, Rules);
        using var client = new HttpClient();

        var chat = await SimHttp.AskAsync(client, server, "What is the capital of France?");
        using var text = await SimHttp.PostAsync(client, server, "completions", SimHttp.Text("cigate-sim", "Q: capital of France\nA:"));

        Assert.Equal("Paris", chat);
        Assert.Equal("Paris", (await SimHttp.JsonAsync(text)).GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(2, server.Stats.ScriptedReplies);
        Assert.Equal(0, server.Stats.UnmatchedPrompts);
        Assert.Equal(5, server.ScriptRules);
    }

    [Fact]
    public async Task A_reply_can_echo_request_headers_as_a_careless_server_would()
    {
        await using var server = await ScriptServers.StartAsync(_temp, "- match: leak\n  reply: \"key={{header:X-Api-Key}} auth={{header:authorization}} none={{header:X-Absent}}.\"\n");
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("x-api-key", "gw-secret");
        client.DefaultRequestHeaders.Add("Authorization", "Bearer sk-secret");

        Assert.Equal("key=gw-secret auth=Bearer sk-secret none=.", await SimHttp.AskAsync(client, server, "leak it"));
    }

    [Fact]
    public async Task Rules_are_tried_in_order_and_a_substring_is_case_sensitive()
    {
        await using var server = await ScriptServers.StartAsync(_temp, Rules);
        using var client = new HttpClient();

        Assert.Equal("Shadowed by the first rule for France, used for others.", await SimHttp.AskAsync(client, server, "What is the capital of Peru?"));
        Assert.Equal("Shadowed by the first rule for France, used for others.", await SimHttp.AskAsync(client, server, "The capital of FRANCE?"));
    }

    [Fact]
    public async Task A_regex_rule_honours_its_flags_and_a_model_specific_rule_only_answers_that_model()
    {
        var models = new[] { new SimulatorModel("cigate-sim", 0.7, 1), new SimulatorModel("polyglot", 0.7, 1) };
        await using var server = await ScriptServers.StartAsync(_temp, Rules, "script.yml", models);
        using var client = new HttpClient();
        const string prompt = "Please help.\nTRANSLATE: hello";

        Assert.Equal("Hola", await SimHttp.AskAsync(client, server, prompt, "polyglot"));
        Assert.Equal("I only speak English.", await SimHttp.AskAsync(client, server, prompt, "cigate-sim"));
        Assert.Equal("I only speak English.", await SimHttp.AskAsync(client, server, "translate: two words", "polyglot"));
    }

    [Fact]
    public async Task Last_line_is_replaced_by_the_prompts_last_non_blank_line()
    {
        await using var server = await ScriptServers.StartAsync(_temp, Rules);
        using var client = new HttpClient();

        var reply = await SimHttp.AskAsync(client, server, "echo: what follows\nfirst line\n  the very last line  \n\n");

        Assert.Equal("You said: the very last line", reply);
    }

    [Fact]
    public async Task Unmatched_prompts_still_fall_through_to_the_unmatched_reply()
    {
        await using var server = await ScriptServers.StartAsync(_temp, Rules);
        using var client = new HttpClient();

        var reply = await SimHttp.AskAsync(client, server, "Nothing scripted here.");

        Assert.StartsWith("Sorry,", reply);
        Assert.Equal(1, server.Stats.UnmatchedPrompts);
        Assert.Equal(0, server.Stats.ScriptedReplies);
    }

    [Fact]
    public async Task Script_rules_answer_before_the_answer_keys()
    {
        var questions = SyntheticKeys.LetterQuestions(3);
        var key = SyntheticKeys.Write(_temp.File("key.jsonl"), questions);
        var script = _temp.File("override.yaml");
        await File.WriteAllTextAsync(script, $"- match: \"{questions[0].Question}\"\n  reply: \"Scripted (B).\"\n", TestContext.Current.CancellationToken);
        await using var server = await Servers.StartAsync(key, configure: o => o.Scripts = [script]);
        using var client = new HttpClient();

        Assert.Equal("Scripted (B).", await SimHttp.AskAsync(client, server, Prompts.MultipleChoice(questions[0])));
        Assert.NotNull(Extract.Letter(await SimHttp.AskAsync(client, server, Prompts.MultipleChoice(questions[1]))));
    }

    [Fact]
    public async Task A_JSON_script_with_a_rules_key_is_read_too()
    {
        const string json = """
            { "rules": [
                { "match": "/^ping$/", "reply": "pong" },
                { "match": "answer", "reply": 42, "flaky": false },
            ] }
            """;
        await using var server = await ScriptServers.StartAsync(_temp, json, "script.json");
        using var client = new HttpClient();

        Assert.Equal("pong", await SimHttp.AskAsync(client, server, "ping"));
        Assert.Equal("42", await SimHttp.AskAsync(client, server, "the answer"));
        Assert.StartsWith("Sorry,", await SimHttp.AskAsync(client, server, "ping pong"));
    }
}
