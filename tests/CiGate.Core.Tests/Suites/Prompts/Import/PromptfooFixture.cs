using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Prompts.Import;

/// <summary>A promptfoo project covering the common subset the import converts.</summary>
internal static class PromptfooFixture
{
    public const string Config = """
        description: Travel assistant
        prompts:
          - "Answer briefly: {{ question | upper }}"
          - file://prompts/answer.txt
        providers:
          - id: openai:chat:gpt-4o-mini
            label: mini
            config:
              temperature: 0.2
              max_tokens: 150
              apiBaseUrl: http://127.0.0.1:8000/v1
          - bedrock:anthropic.claude-3-5-sonnet-20241022-v2:0
        defaultTest:
          vars:
            tone: friendly
          assert:
            - type: not-icontains
              value: as an ai
        tests:
          - description: names the capital of France
            vars:
              question: "What is the capital of France?"
            assert:
              - type: icontains
                value: Paris
              - type: javascript
                value: output.length < 100
          - description: keeps answers short
            vars: { question: "What is the capital of Japan?", note: "yes: really", count: "1" }
            assert:
              - type: max-words
                value: 8
                weight: 0.5
                metric: brevity
              - type: contains
                value: Tokyo
            threshold: 0.5
          - description: explains the reason
            vars: { question: "Why is winter in Paris cold?" }
            assert:
              - type: regex
                value: '\bbecause\b'
          - file://more-tests.csv
        """;

    /// <summary>Writes the promptfoo config, its prompt file and CSV; returns the config's path.</summary>
    public static string Write(TempFolder folder)
    {
        folder.Write("prompts/answer.txt", "You are a {{ tone }} travel assistant.\nQuestion: {{ question }}\n");
        folder.Write("more-tests.csv", "description,question\nadds numbers,What is 2+2?\nnames Italy's capital,What is the capital of Italy?\n");
        return folder.Write("promptfooconfig.yaml", Config);
    }
}
