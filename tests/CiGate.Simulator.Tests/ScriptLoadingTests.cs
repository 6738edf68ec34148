using CiGate.Simulator.Tests.Support;

namespace CiGate.Simulator.Tests;

public sealed class ScriptLoadingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("- match: x\n  reply: a\n- match: y\n  replys: [a]\n", "line 3", "unknown key 'replys'")]
    [InlineData("- reply: a\n", "line 1", "missing key 'match'")]
    [InlineData("- match: x\n", "line 1", "exactly one of 'reply' or 'replies'")]
    [InlineData("- match: x\n  reply: a\n  replies: [b]\n", "line 1", "exactly one of 'reply' or 'replies'")]
    [InlineData("- match: x\n  replies: []\n", "line 1", "must not be empty")]
    [InlineData("- match: x\n  reply: a\n  flaky: sometimes\n", "line 1", "'flaky' must be true or false")]
    [InlineData("- match: /a(b/\n  reply: a\n", "line 1", "invalid regex")]
    [InlineData("- match: /ab/q\n  reply: a\n", "line 1", "unknown regex flag 'q'")]
    [InlineData("match: x\nreply: a\n", "line 1", "expected a list of rules")]
    [InlineData("- match: [x\n", "line", "")]
    public async Task A_malformed_script_fails_the_start_naming_file_and_line(string yaml, string where, string message)
    {
        var path = _temp.File("bad.yaml");
        await File.WriteAllTextAsync(path, yaml, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            SimulatorServer.StartAsync(new SimulatorOptions { Scripts = [path] }, TestContext.Current.CancellationToken));

        Assert.StartsWith($"{path}: {where}", ex.Message);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task An_alias_bomb_script_is_refused_at_once_with_its_line()
    {
        var path = _temp.File("bomb.yaml");
        var lines = new List<string> { "- match: x", "  reply: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var (n, previous) = ('b', 'a'); n <= 'i'; previous = n, n++)
        {
            lines.Add($"  r{n}: &{n} [{string.Join(",", Enumerable.Repeat($"*{previous}", 9))}]");
        }

        await File.WriteAllTextAsync(path, string.Join("\n", lines) + "\n", TestContext.Current.CancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            SimulatorServer.StartAsync(new SimulatorOptions { Scripts = [path] }, TestContext.Current.CancellationToken));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.StartsWith($"{path}: line 6, column", ex.Message);
        Assert.Contains("alias bomb", ex.Message);
    }

    [Fact]
    public async Task A_script_nested_thousands_deep_is_refused_with_its_line()
    {
        var path = _temp.File("deep.yaml");
        await File.WriteAllTextAsync(path, "- match: x\n  reply: " + new string('[', 20_000) + new string(']', 20_000) + "\n", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            SimulatorServer.StartAsync(new SimulatorOptions { Scripts = [path] }, TestContext.Current.CancellationToken));

        Assert.StartsWith($"{path}: line 2, column", ex.Message);
        Assert.Contains("nests deeper than 64 levels", ex.Message);
    }

    [Fact]
    public async Task A_malformed_JSON_script_names_the_rule()
    {
        var path = _temp.File("bad.json");
        await File.WriteAllTextAsync(path, """[{"match": "a", "reply": "b"}, {"match": "c", "reply": {"x": 1}}]""", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            SimulatorServer.StartAsync(new SimulatorOptions { Scripts = [path] }, TestContext.Current.CancellationToken));

        Assert.StartsWith($"{path}: rule 2: 'reply' must be", ex.Message);
    }

    [Fact]
    public async Task A_missing_script_is_a_FileNotFoundException_and_a_blank_path_is_invalid()
    {
        var missing = _temp.File("absent.yaml");

        var notFound = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            SimulatorServer.StartAsync(new SimulatorOptions { Scripts = [missing] }, TestContext.Current.CancellationToken));
        Assert.Equal(missing, notFound.FileName);
        Assert.Throws<ArgumentException>(() => new SimulatorOptions { Scripts = [" "] }.Validate());
    }

    [Fact]
    public async Task An_empty_script_loads_no_rules()
    {
        var path = _temp.File("empty.yaml");
        await File.WriteAllTextAsync(path, "# nothing yet\n", TestContext.Current.CancellationToken);

        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Scripts = [path] }, TestContext.Current.CancellationToken);

        Assert.Equal(0, server.ScriptRules);
    }
}
