namespace CiGate.EndToEnd.Tests.Support;

/// <summary>A 12-item multiple-choice suite on the simulator, written beside the config: runs in seconds, needs no shared dataset.</summary>
internal static class SmallSuite
{
    public static string Write(TempFolder folder, int items = 12, string simulator = "accuracy: 0.7, seed: 1", int concurrency = 4)
    {
        folder.Write("data.jsonl", string.Concat(Enumerable.Range(1, items).Select(i =>
            $$"""{"id": "q{{i}}", "question": "Which option is number {{i}}?", "options": ["one", "two", "three", "four"], "answer": "{{(char)('A' + (i % 4))}}"}""" + "\n")));
        return folder.Write("cigate.yml", $$$"""
            version: 1
            targets:
              sim:
                simulator: { {{{simulator}}} }
                concurrency: {{{concurrency}}}
            suites:
              qa:
                dataset: { path: data.jsonl, id: id }
                prompt:
                  template: |-
                    Question: {{ question }}
                    {{ for option in options }}{{ letters[for.index] }}. {{ option }}
                    {{ end }}Answer:
                scoring:
                  reference: "{{ answer }}"
                  filters:
                    - name: letter
                      cascade:
                        - { pattern: 'answer is \(?([A-J])\)?' }
                        - { pattern: '\b[A-J]\b', select: last }

            """);
    }
}
