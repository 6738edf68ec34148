using System.Text;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>A prompts suite of sums against Apps/answer_app.py through a `type: http` target.</summary>
internal static class HttpSuiteConfig
{
    /// <summary>The reply mapping for /v1/answer (one JSON document).</summary>
    public const string JsonReply = """
            response:
              output: /result/text
              tool_calls: /calls
              usage: { prompt_tokens: /meta/tokens/in, completion_tokens: /meta/tokens/out }
              model: /meta/engine
              trace: /trace
        """;

    /// <summary>The reply mapping for /v1/stream (server-sent events: deltas, then meta and trace).</summary>
    public const string StreamReply = """
            stream: sse
            response:
              output: /delta
              usage: { prompt_tokens: /meta/tokens/in, completion_tokens: /meta/tokens/out }
              model: /meta/engine
              trace: /trace
        """;

    /// <param name="target">Extra lines for the target (indented four spaces), e.g. headers, concurrency.</param>
    public static string Write(TempFolder folder, string name, AnswerApp app, int cases, string target = "", string path = "v1/answer", string reply = JsonReply)
    {
        var yaml = new StringBuilder($$$"""
            targets:
              app:
                type: http
                url: "{{{app.Root}}}{{{path}}}"
                body:
                  question: "{{ vars.question }}"
                  history: "{{ messages | json }}"
                  case: "{{ item_id }}"

            """);
        yaml.Append(reply).Append('\n');
        yaml.Append(target);
        yaml.Append("""

            suites:
              sums:
                kind: prompts
                prompts: [ { id: ask, text: "{{ question }}" } ]
                default_test:
                  assert: [ { type: equals, value: "{{ expected }}" } ]
                tests:

            """);
        for (var i = 1; i <= cases; i++)
        {
            int a = (i * 37) % 50, b = (i * 11) % 23;
            yaml.Append($"      - {{ id: c{i:000}, vars: {{ question: \"What is {a} + {b}?\", expected: \"{a + b}\" }} }}\n");
        }

        return folder.Write(name, yaml.ToString());
    }
}
