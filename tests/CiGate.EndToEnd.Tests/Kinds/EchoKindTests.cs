using System.Text.Json;
using CiGate.Cli;
using CiGate.Core.Suites;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests.Kinds;

/// <summary>
/// The suite-kind seam, kept honest: a kind defined here, outside Core, registers itself and then
/// goes through the whole pipeline with the real command line (config → run against the simulator
/// → compare → PR comment) without any stage knowing its name. docs/architecture.md shows its code.
/// </summary>
public sealed class EchoKindTests
{
    [Fact]
    public async Task A_kind_defined_outside_core_runs_compares_and_comments_once_registered()
    {
        using var folder = new TempFolder();
        var config = folder.Write("echo.yml", """
            targets:
              sim: { model: bot, simulator: {} }
            suites:
              parrot:
                kind: echo
                words: [alpha, beta, gamma, delta]
                generation: { max_tokens: 16 }
            """);
        SuiteKinds.Register(new EchoKind());

        var @base = await RunAsync("run", config, "--out", folder.File("base"), "--quiet");
        var head = await RunAsync("run", config, "--out", folder.File("head"), "--quiet");
        var compare = await RunAsync(
            "compare", "--base", folder.File("base"), "--head", folder.File("head"), "--out", folder.File("cmp"));

        Assert.True(@base.Code == 0, @base.Output);
        Assert.True(head.Code == 0, head.Output);
        Assert.True(compare.Code == 0, compare.Output);
        using var results = JsonDocument.Parse(File.ReadAllText(folder.File("head/results.json")));
        var suite = results.RootElement.GetProperty("suites")[0];
        Assert.Equal("echo", suite.GetProperty("kind").GetString());
        Assert.Equal(4, suite.GetProperty("counts").GetProperty("completed").GetInt32());
        Assert.Equal(1.0, suite.GetProperty("metrics").GetProperty("answered").GetProperty("value").GetDouble());
        Assert.Equal(4, File.ReadAllLines(folder.File("head/items.jsonl")).Length);
        var comment = File.ReadAllText(folder.File("cmp/comment.md"));
        Assert.StartsWith("<!-- cigate:comment:cigate -->\n### ", comment, StringComparison.Ordinal);
        Assert.Contains("CiGate: pass", comment, StringComparison.Ordinal);
        Assert.Contains("parrot", comment, StringComparison.Ordinal);
        Assert.Contains("answered", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Until_a_kind_is_registered_its_name_is_an_unknown_kind()
    {
        using var folder = new TempFolder();
        var config = folder.Write("unknown.yml", """
            targets:
              sim: { model: bot, simulator: {} }
            suites:
              parrot:
                kind: echo-unregistered
                words: [alpha]
            """);

        var run = await RunAsync("validate", config);

        Assert.Equal(2, run.Code);
        const string Expected =
            "unknown suite kind 'echo-unregistered'; this version runs: accuracy, prompts, perf, safety, tools";
        Assert.Contains(Expected, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_architecture_guide_shows_this_kind_as_it_is()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CiGate.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var source = Between(File.ReadAllText(Path.Combine(root, "tests/CiGate.EndToEnd.Tests/Kinds/EchoKind.cs")));
        var guide = Between(File.ReadAllText(Path.Combine(root, "docs/architecture.md")));

        Assert.Equal(source, guide);
    }

    /// <summary>The real command line in this process, where the test kind is registered.</summary>
    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        return (code, $"{stdout}{stderr}");
    }

    private static string Between(string text)
    {
        const string Begin = "// begin: echo kind", End = "// end: echo kind";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the echo kind markers are missing");
        return text[(start + Begin.Length)..end].Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }
}
