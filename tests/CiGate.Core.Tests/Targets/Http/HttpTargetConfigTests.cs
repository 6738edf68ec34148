using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets.Http;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Targets.Http;

/// <summary>`type: http` targets as cigate.yml declares them: what loads, and each mistake as one placed CIGATE line.</summary>
public sealed class HttpTargetConfigTests
{
    private const string Suite = """

        suites:
          s:
            kind: prompts
            prompts: [ { id: p, text: "{{ question }}" } ]
            tests: [ { vars: { question: "What is 1 + 2?" }, assert: [ { type: equals, value: "3" } ] } ]
        """;

    [Fact]
    public void A_complete_http_target_loads_with_its_request_and_response_settings()
    {
        var target = Load("""
            targets:
              app:
                type: http
                url: "http://127.0.0.1:8080/v1/answer?lang={{ vars.lang }}"
                method: put
                headers: { Authorization: "Bearer ${env:APP_TOKEN}" }
                body:
                  question: "{{ vars.question }}"
                  history: "{{ messages | json }}"
                  top_k: 3
                response:
                  output: /result/text
                  tool_calls: /calls
                  usage: { prompt_tokens: /meta/tokens/in, completion_tokens: /meta/tokens/out }
                  model: /meta/engine
                  trace: /trace
                stream: sse
                concurrency: 3
                timeout: 5s
                retries: { max_attempts: 2 }
            """);

        var http = Assert.IsType<HttpTargetSettings>(target.Config.Http);
        Assert.Equal("PUT", http.Method);
        Assert.True(http.Stream);
        Assert.Equal("/result/text", http.Response.Output.ToString());
        Assert.Equal("/meta/tokens/out", http.Response.CompletionTokens.ToString());
        Assert.NotNull(http.Body);
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1/answer"), target.Config.BaseUrl);
        Assert.Equal("app", target.Config.Model);
        Assert.Equal(3, target.Config.Concurrency);
        Assert.Equal(2, target.Config.Retry.MaxAttempts);
        Assert.Equal("Bearer ${env:APP_TOKEN}", target.Config.Headers["Authorization"]);
    }

    [Fact]
    public void A_secret_header_to_a_host_that_is_not_loopback_is_a_privilege_the_trust_policy_sees()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", """
            targets:
              app:
                type: http
                url: "https://app.example.com/answer"
                headers: { Authorization: "Bearer ${env:APP_TOKEN}" }
                response: { output: /answer }
            """ + Suite);

        var privilege = Assert.Single(ConfigLoader.Load(path).Privileges);

        Assert.Equal(PrivilegeKind.SecretToHost, privilege.Kind);
        Assert.Equal("app.example.com", privilege.Host);
        Assert.Equal("targets.app.url", privilege.Key);
        Assert.Equal(4, privilege.Place.Line);
    }

    [Theory]
    [InlineData("response: { model: /m }", "CIGATE0004", 5, 15, "'targets.app.response' is missing the required key 'output'")]
    [InlineData("response: { output: answer }", "CIGATE0310", 5, 25, "'targets.app.response.output' is not a JSON Pointer")]
    [InlineData("response: { output: /a, usage: { prompt_tokens: 'x/y' } }", "CIGATE0310", 5, 53, "usage.prompt_tokens' is not a JSON Pointer")]
    [InlineData("method: FETCH\n    response: { output: /a }", "CIGATE0311", 5, 13, "must be one of GET, POST, PUT, PATCH, DELETE, not 'FETCH'")]
    [InlineData("method: GET\n    body: { q: x }\n    response: { output: /a }", "CIGATE0311", 6, 11, "sends GET, which carries no body")]
    [InlineData("body: { q: \"{{ 1 + }}\" }\n    response: { output: /a }", "CIGATE0201", 5, 24, "template error")]
    [InlineData("response: { output: /a }\n    strem: sse", "CIGATE0002", 6, 5, "did you mean 'stream'?")]
    [InlineData("headers: { X-Case: \"${env:A_B} {{ 1 + }}\" }\n    response: { output: /a }", "CIGATE0201", 5, 43, "template error")]
    public void Each_mistake_is_one_CIGATE_line_at_its_place(string keys, string code, int line, int column, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", $"""
            targets:
              app:
                type: http
                url: "http://127.0.0.1:8080/answer"
                {keys}
            """ + Suite);

        var error = Assert.Single(Assert.Throws<CiGateException>(() => ConfigLoader.Load(path)).Diagnostics);

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((path, line, column), (error.File, error.Line, error.Column));
    }

    [Theory]
    [InlineData("\"{{ vars.base }}/answer\"")]
    [InlineData("\"http://{{ vars.host }}/answer\"")]
    [InlineData("ftp://127.0.0.1/answer")]
    public void A_url_whose_scheme_and_host_are_not_literal_is_refused(string url)
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", $$"""
            targets:
              app:
                type: http
                url: {{url}}
                response: { output: /a }
            """ + Suite);

        var error = Assert.Single(Assert.Throws<CiGateException>(() => ConfigLoader.Load(path)).Diagnostics);

        Assert.Equal(("CIGATE0312", 4, 10), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void An_unknown_target_type_is_refused_at_the_type_key()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", """
            targets:
              app:
                type: grpc
                base_url: http://127.0.0.1:8000/v1
                model: m
            """ + Suite);

        var error = Assert.Single(Assert.Throws<CiGateException>(() => ConfigLoader.Load(path)).Diagnostics);

        Assert.Equal(("CIGATE0005", 3, 11), (error.Code, error.Line, error.Column));
    }

    internal static Core.Config.TargetDefinition Load(string targets)
    {
        using var folder = new TempFolder();
        return ConfigLoader.Load(folder.Write("cigate.yml", targets + Suite)).Targets.Single();
    }
}
