using System.ClientModel;
using System.ClientModel.Primitives;
using CiGate.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;

namespace CiGate.Target.Tests.Support;

/// <summary>The simulator on 127.0.0.1, answering from the example app's script as model travel-bot.</summary>
internal static class Simulators
{
    public const string Model = "travel-bot";

    public static Task<SimulatorServer> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions
        {
            Models = [new SimulatorModel(Model, 0.7, 1)],
            Scripts = [RepoPaths.ExampleScript],
        };
        configure?.Invoke(options);
        return SimulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
    }

    /// <summary>A real IChatClient: Microsoft.Extensions.AI.OpenAI over the simulator.</summary>
    public static IChatClient ChatClient(
        SimulatorServer server, int? maxRetries = null, HttpMessageHandler? http = null)
    {
        var options = new OpenAIClientOptions { Endpoint = server.BaseUrl };
        if (http is not null)
        {
            options.Transport = new HttpClientPipelineTransport(new HttpClient(http));
        }

        if (maxRetries is { } retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(retries);
        }

        return new OpenAIClient(new ApiKeyCredential("no-key"), options).GetChatClient(Model).AsIChatClient();
    }
}
