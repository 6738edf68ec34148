using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Running;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Suites.Tools;

/// <summary>
/// The bfcl preset in <c>mode: prompt</c> against the simulator (real HTTP): the functions go in the
/// system message, the simulated model writes its calls as Python text, CiGate decodes them as BFCL
/// does. A perfect model passes all 1,240 items; at accuracy 0.8 every item gets the same verdict as
/// in function-calling mode (the simulator draws the same mistakes), so the two modes agree.
/// </summary>
public sealed class BfclPromptModeTests
{
    [Fact]
    public async Task Prompt_mode_passes_every_item_of_a_perfect_model_and_agrees_with_function_calling()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataset = BfclData.Folder().Replace('\\', '/');
        await using var server = await SimulatorServer.StartAsync(
            new SimulatorOptions
            {
                Models = [new SimulatorModel("perfect", 1.0, 1), new SimulatorModel("fc", 0.8, 1)],
                BfclKeys = [dataset],
            },
            ct);
        using var folder = new TempFolder();

        var perfect = await RunAsync(folder, server, dataset, "perfect", "prompt", ct);
        var prompt = await RunAsync(folder, server, dataset, "fc", "prompt", ct);
        var api = await RunAsync(folder, server, dataset, "fc", "function_calling", ct);

        Assert.Equal(1240, perfect.Items.Count);
        Assert.All(perfect.Items, i => Assert.True(i.Scores["pass"] == 1, $"{i.Item}: {i.Extracted["pass"]}"));
        Assert.Equal(1240, prompt.Items.Count);
        var verdicts = api.Items.ToDictionary(i => i.Item, i => i.Scores["pass"], StringComparer.Ordinal);
        Assert.All(prompt.Items, i => Assert.True(
            verdicts[i.Item] == i.Scores["pass"], $"{i.Item}: prompt {i.Extracted["pass"]}, api {verdicts[i.Item]}"));
        Assert.InRange(prompt.Items.Average(i => i.Scores["pass"]), 0.7, 0.9);
    }

    private static async Task<LoadedRun> RunAsync(
        TempFolder folder, SimulatorServer server, string dataset, string model, string mode, CancellationToken ct)
    {
        var config = folder.Write($"{model}-{mode}.yml", $$"""
            version: 1
            targets:
              sim: { base_url: {{server.BaseUrl}}, model: {{model}}, concurrency: 64, timeout: 10s }
            suites:
              bfcl:
                preset: bfcl
                mode: {{mode}}
                bfcl: { dataset: "{{dataset}}" }
            """);
        var loaded = ConfigLoader.Load(config);
        var output = Path.Combine(folder.Path, $"{model}-{mode}");
        await using var client = TargetClientFactory.Create(loaded.Targets.Single().Config);
        var clients = new Dictionary<string, ITargetClient>(StringComparer.Ordinal) { ["sim"] = client };
        await Runner.RunAsync(
            PlanBuilder.Build(loaded), clients, new RunOptions(output, false), new RunContext(config, "0.0.0-test"),
            null, ct);
        return LoadedRun.Load(output);
    }
}
