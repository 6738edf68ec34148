using System.Text;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// A prompts suite on examples/dotnet-app's MyApp.Evals (CiGate.Target over an IChatClient
/// pipeline) through an exec target, the app calling a simulator that answers from the example's
/// sim-script.yaml. The app is the built DLL (`dotnet MyApp.Evals.dll`), not `dotnet run`.
/// </summary>
internal static class DotnetAppConfig
{
    /// <summary>The example's four cases, then `Repeat: item N` cases that the app echoes cleaned.</summary>
    /// <param name="simulator">More keys for the simulator (after a comma), such as faults.</param>
    public static string Write(TempFolder folder, string name, int repeats, string simulator, int concurrency = 16)
    {
        var example = Path.Combine(Repository.Root(), "examples", "dotnet-app");
        var yaml = new StringBuilder($$$"""
            targets:
              sim:
                model: travel-bot
                simulator: { scripts: ["{{{Path.Combine(example, "sim-script.yaml")}}}"]{{{simulator}}} }
              app:
                type: exec
                command: [dotnet, "{{{AppDll()}}}"]
                env: { OPENAI_BASE_URL: "${target:sim.base_url}", OPENAI_MODEL: travel-bot, DOTNET_NOLOGO: "1" }
                concurrency: {{{concurrency}}}
                timeout: 3s
                retries: { max_attempts: 8, initial_delay: 20ms, max_delay: 1s }
            suites:
              travel-app:
                kind: prompts
                targets: [app]
                prompts: [ { id: question, text: "{{ question }}" } ]
                default_test:
                  assert: [ { type: not-icontains, value: "answer:" } ]
                tests:
                  - { id: france, vars: { question: "What is the capital of France?" },
                      assert: [ { type: equals, value: "The capital of France is Paris." } ] }
                  - { id: japan, vars: { question: "What is the capital of Japan?" },
                      assert: [ { type: icontains, value: Tokyo } ] }
                  - { id: louvre, vars: { question: "When is the Louvre open?" },
                      assert: [ { type: regex, value: '\b9 am\b' } ] }
                  - { id: winter, vars: { question: "Why is winter in Paris cold?" },
                      assert: [ { type: icontains, value: because } ] }

            """);
        for (var n = 1; n <= repeats; n++)
        {
            // Every sixth case expects the text without its "Repeat:" prefix, which the app keeps: a failing case.
            var expected = n % 6 == 0 ? $"item {n}" : $"Repeat: item {n}";
            yaml.Append($"      - {{ id: r{n:000}, vars: {{ question: \"Repeat: item {n}\" }}, ");
            yaml.Append($"assert: [ {{ type: equals, value: \"{expected}\" }} ] }}\n");
        }

        return folder.Write(name, yaml.ToString());
    }

    /// <summary>MyApp.Evals.dll as built with these tests (same configuration).</summary>
    public static string AppDll()
    {
        var binaries = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = new DirectoryInfo(binaries).Parent!.Name;
        var dll = Path.Combine(Repository.Root(), "examples", "dotnet-app", "MyApp.Evals", "bin", configuration,
            "net10.0", "MyApp.Evals.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project's reference should have built it");
        return dll;
    }
}
