using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Gating;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Gating;

/// <summary>`gate: { mode, critical }`, `critical:` on cases and assertions, and their defaults, as read from cigate.yml.</summary>
public sealed class GateConfigTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Mode_and_critical_are_read_and_the_mode_follows_the_kind_when_unset()
    {
        var suites = Load("""
              cases: { kind: prompts, prompts: [ { id: p, text: "{{ q }}" } ], tests: [ { vars: { q: a } } ] }
              noisy: { kind: prompts, prompts: [ { id: p, text: "{{ q }}" } ], tests: [ { vars: { q: a } } ], gate: { mode: statistical } }
              strict: { kind: prompts, prompts: [ { id: p, text: "{{ q }}" } ], tests: [ { vars: { q: a } } ], gate: { critical: true } }
            """);

        Assert.Equal(GateMode.Cases, GateModes.Effective(suites["cases"].Gate, "prompts"));
        Assert.Equal(GateMode.Statistical, GateModes.Effective(suites["noisy"].Gate, "prompts"));
        Assert.True(suites["strict"].Gate.Critical);
        Assert.Equal(GateMode.Statistical, GateModes.Effective(GateSettings.Default, "accuracy"));
    }

    [Fact]
    public void Cases_mode_on_a_benchmark_and_an_unknown_mode_are_errors_at_their_lines()
    {
        folder.Write("data.jsonl", "{\"question\":\"1+1?\",\"answer\":\"2\"}\n");
        var error = Assert.Throws<CiGateException>(() => Load("""
              bench: { preset: gsm8k, dataset: { path: data.jsonl }, gate: { mode: cases } }
              typo: { kind: prompts, prompts: [ { id: p, text: "{{ q }}" } ], tests: [ { vars: { q: a } } ], gate: { mode: case } }
            """));

        Assert.Contains(error.Diagnostics, d => d.Code == DiagnosticCodes.InvalidValue && d.Line == 3 && d.Message.Contains("mode: statistical", StringComparison.Ordinal));
        Assert.Contains(error.Diagnostics, d => d.Code == DiagnosticCodes.InvalidValue && d.Line == 4 && d.Message.Contains("must be 'cases'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Canary_and_pii_are_critical_by_default_and_critical_false_turns_it_off()
    {
        var suite = (PromptsSuite)Load("""
              s:
                kind: prompts
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - vars: { q: a }
                    critical: true
                    assert:
                      - { type: canary, value: { canary: SECRET-1 } }
                      - { type: canary, value: { canary: SECRET-1 }, critical: false }
                      - { type: pii }
                      - { type: contains, value: b }
                      - { type: contains, value: b, critical: true }
            """)["s"];

        var context = new AssertionContext("a reply with SECRET-1", suite.Tests[0].Vars, 1, false, null, "m");
        var results = new List<AssertionResult>();
        foreach (var assertion in suite.Tests[0].Assertions)
        {
            results.Add(await assertion.EvaluateAsync(context, TestContext.Current.CancellationToken));
        }

        Assert.True(suite.Tests[0].Critical);
        Assert.Equal([true, false, true, false, true], results.Select(r => r.Critical));
        Assert.Equal([false, false, true, false, false], results.Select(r => r.Pass));
    }

    private Dictionary<string, SuiteDefinition> Load(string suites)
    {
        var path = folder.Write("cigate.yml", $$"""
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites:
            {{suites}}
            """);
        return ConfigLoader.Load(path).Suites.ToDictionary(s => s.Name);
    }
}
