using CiGate.Core.Targets;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Targets;

/// <summary>One GET of /version and one of /v1/models per target: what the server says, or why not.</summary>
public sealed class ServerProbeTests
{
    [Fact]
    public async Task Reads_the_version_and_the_models_a_server_lists()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new SimulatorOptions { Models = [new("b-model", 0.7, 1), new("a-model", 0.7, 1)] };
        await using var sim = await SimulatorServer.StartAsync(options, ct);

        var server = await ServerProbe.ProbeAsync(Config(sim.BaseUrl), ct);

        Assert.StartsWith("cigate-sim ", server.Version, StringComparison.Ordinal);
        Assert.Equal(["a-model", "b-model"], server.Models);
        Assert.Null(server.Unavailable);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_recorded_as_unavailable_not_a_failure()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dead = new DeadEndpoint();

        var server = await ServerProbe.ProbeAsync(Config(dead.BaseUrl), ct);

        Assert.Equal((null, null), (server.Version, server.Models));
        Assert.Equal("/version and /v1/models did not answer", server.Unavailable);
    }

    [Theory]
    [InlineData("http://host:8000/v1", "http://host:8000/")]
    [InlineData("http://host:8000/v1/", "http://host:8000/")]
    [InlineData("https://host/openai/v1", "https://host/openai/")]
    [InlineData("http://host:8000", "http://host:8000/")]
    public void The_version_endpoint_lives_beside_v1(string baseUrl, string root) =>
        Assert.Equal(root, ServerProbe.Root(new Uri(baseUrl)).AbsoluteUri);

    private static TargetConfig Config(Uri baseUrl) =>
        new("t", baseUrl, "a-model", null, new Dictionary<string, string>(), TargetApi.Chat, 1, TimeSpan.FromSeconds(5),
            new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), 0, null);
}
