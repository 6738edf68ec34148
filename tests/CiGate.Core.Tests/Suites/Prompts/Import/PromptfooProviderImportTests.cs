using CiGate.Core.Config;
using CiGate.Core.Targets;
using CiGate.Core.Suites.Prompts.Import;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Prompts.Import;

/// <summary>
/// promptfoo's http, exec:, file:// (Python, JavaScript), ollama: and anthropic: providers become
/// http, one-shot exec and OpenAI-compatible targets; the script ones really answer through the shims.
/// </summary>
public sealed class PromptfooProviderImportTests : IDisposable
{
    private const string Providers = """
        description: app providers
        prompts: ["{{q}}"]
        providers:
          - id: https
            label: sums
            config:
              url: "http://127.0.0.1:8766/v1/answer"
              method: post
              headers: { Authorization: "Bearer {{env.APP_TOKEN}}", X-Case: "{{q}}" }
              body: { question: "{{prompt}}", case: "{{ q }}", top_k: 3, exact: true }
              transformResponse: json.result["text"]
          - "exec: python3 chain.py"
          - id: file://provider.py:answer
            config: { x: 5 }
          - id: file://provider.js
            config: { x: 6 }
          - ollama:chat:llama3.1:8b
          - anthropic:messages:claude-sonnet-4-5
        tests:
          - vars: { q: "hi there" }
            assert: [ { type: contains, value: "hi there" } ]
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Each_provider_becomes_its_target_and_the_config_loads()
    {
        var source = Write(Providers);
        var output = Path.Combine(folder.Path, "out", "cigate.yml");

        var result = PromptfooImporter.Convert(source, output);
        var config = Save(result, output);

        Assert.Equal(["sums", "chain", "provider", "provider-2", "llama3.1-8b", "claude-sonnet-4-5"],
            config.Targets.Select(t => t.Name));
        var http = config.Target("sums").Config;
        Assert.Equal("POST", http.Http!.Method);
        Assert.Equal("Bearer ${env:APP_TOKEN}", http.Headers["Authorization"]);
        Assert.Equal("{{ vars.q }}", http.Headers["X-Case"]);
        Assert.Equal("/result/text", http.Http.Response.Output.ToString());
        Assert.Contains(
            "body:\n      question: \"{{ prompt }}\"\n      case: \"{{ vars.q }}\"\n      top_k: 3\n      exact: true",
            result.Yaml,
            StringComparison.Ordinal);
        var chain = config.Target("chain").Config.Exec!;
        Assert.Equal(
            ["python3", "out/cigate-shims/promptfoo_provider.py", "exec", "python3 chain.py", "{}"], chain.Command);
        Assert.Equal(folder.Path, chain.WorkingDirectory);
        Assert.Equal(CiGate.Core.Targets.Exec.ExecMode.Once, chain.Mode);
        Assert.Equal(
            ["python3", "out/cigate-shims/promptfoo_provider.py", "python", "provider.py", "answer", """{"x":5}"""],
            config.Target("provider").Config.Exec!.Command);
        Assert.Equal(["node", "out/cigate-shims/promptfoo_provider.mjs", "provider.js", "", """{"x":6}"""],
            config.Target("provider-2").Config.Exec!.Command);
        var ollama = config.Target("llama3.1-8b").Config;
        Assert.Equal(("http://localhost:11434/v1", "llama3.1:8b", null),
            (ollama.BaseUrl.AbsoluteUri.TrimEnd('/'), ollama.Model, ollama.ApiKeyEnv));
        var claude = config.Target("claude-sonnet-4-5").Config;
        Assert.Equal(("https://api.anthropic.com/v1", "claude-sonnet-4-5", "ANTHROPIC_API_KEY"),
            (claude.BaseUrl.AbsoluteUri.TrimEnd('/'), claude.Model, claude.ApiKeyEnv));
        Assert.Equal(
            ["cigate-shims/promptfoo_provider.mjs", "cigate-shims/promptfoo_provider.py"], result.Files.Keys.Order());
        Assert.DoesNotContain(result.Warnings, w => w.Dropped);
        Assert.Contains(result.Warnings,
            w => w.Message.Contains("Anthropic's OpenAI SDK compatibility", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_converted_script_providers_answer_through_the_shims()
    {
        File.WriteAllText(Path.Combine(folder.Path, "provider.py"), """
            async def answer(prompt, options, context):
                return {"output": f"py:{prompt}:{context['vars']['q']}:{options['config']['x']}",
                        "tokenUsage": {"prompt": 3, "completion": 4}}
            """);
        File.WriteAllText(Path.Combine(folder.Path, "provider.js"), """
            module.exports = class Provider {
              constructor(options) { this.config = options.config; }
              id() { return 'p'; }
              async callApi(prompt, context) { return { output: `js:${prompt}:${context.vars.q}:${this.config.x}` }; }
            };
            """);
        File.WriteAllText(Path.Combine(folder.Path, "chain.py"), """
            import json, sys
            print("exec:" + sys.argv[1] + ":" + json.loads(sys.argv[3])["vars"]["q"])
            """);
        var output = Path.Combine(folder.Path, "out", "cigate.yml");
        var config = Save(PromptfooImporter.Convert(Write(Providers), output), output);
        var request = new ModelRequest(TargetApi.Chat, [new ChatMessage("user", "hi there")], null, 16, [], 0, 1)
        {
            Vars = new Dictionary<string, object?> { ["q"] = "hi there" },
        };

        var answers = new Dictionary<string, ModelResponse>();
        foreach (var name in new[] { "chain", "provider", "provider-2" })
        {
            var defined = config.Target(name).Config;
            var target = defined with { Exec = defined.Exec! with { LogDirectory = folder.Path } };
            await using var client = TargetClientFactory.Create(target);
            answers[name] = await client.CompleteAsync(request, TestContext.Current.CancellationToken);
        }

        Assert.Equal("exec:hi there:hi there", answers["chain"].Text);
        Assert.Equal("py:hi there:hi there:5", answers["provider"].Text);
        Assert.Equal(new TokenUsage(3, 4), answers["provider"].Usage);
        Assert.Equal("js:hi there:hi there:6", answers["provider-2"].Text);
    }

    [Theory]
    [InlineData("transformResponse: 'json => json.data.text'", "is code, not a path")]
    [InlineData("transformResponse: 'file://parse.js'", "is code, not a path")]
    [InlineData("body: { key: \"{{env.SECRET}}\" }", "reads the environment outside a header")]
    public void What_cannot_be_converted_is_dropped_and_named(string key, string message)
    {
        var source = Write($$$"""
            prompts: ["{{q}}"]
            providers:
              - id: https
                config:
                  url: "http://127.0.0.1:8766/v1/answer"
                  {{{key}}}
            tests: [ { vars: { q: x } } ]
            """);

        var result = PromptfooImporter.Convert(source, Path.Combine(folder.Path, "cigate.yml"));

        var dropped = Assert.Single(result.Warnings, w => w.Dropped);
        Assert.Contains(message, dropped.Message, StringComparison.Ordinal);
        Assert.Equal(6, dropped.Line);
    }

    private string Write(string yaml) => folder.Write("promptfooconfig.yaml", yaml);

    private static CiGateConfig Save(ImportResult result, string output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, result.Yaml);
        foreach (var (relative, text) in result.Files)
        {
            var file = Path.Combine(Path.GetDirectoryName(output)!, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        return ConfigLoader.Load(output);
    }
}
