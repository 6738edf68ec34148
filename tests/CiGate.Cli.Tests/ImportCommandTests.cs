using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary><c>cigate import promptfoo</c>: refuses to write a config that tests less unless --allow-partial, writes one that validates, never clobbers a file.</summary>
public sealed class ImportCommandTests
{
    private const string Promptfoo = """
        description: Travel assistant
        prompts:
          - "Answer briefly: {{ question }}"
          - file://prompts/answer.txt
        providers:
          - id: openai:chat:gpt-4o-mini
            config: { temperature: 0, max_tokens: 100 }
          - bedrock:anthropic.claude-3-haiku
        defaultTest:
          assert: [ { type: not-icontains, value: as an ai } ]
        tests:
          - description: names the capital of France
            vars: { question: "What is the capital of France?" }
            assert:
              - { type: icontains, value: Paris }
              - { type: python, value: "len(output) < 100" }
          - file://cases.csv
        """;

    [Fact]
    public async Task Import_ThatWouldTestLess_FailsWithOneLinePerDroppedItem_AndWritesNothing()
    {
        using var folder = new TempFolder();
        var source = Write(folder);

        var result = await CliRunner.RunAsync("import", "promptfoo", source);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0080", source, (8, 5));
        Assert.Contains("provider 'bedrock:anthropic.claude-3-haiku'", CliAssert.HasError(result, "CIGATE0080", source, (8, 5)), StringComparison.Ordinal);
        Assert.Contains("--allow-partial", CliAssert.HasError(result, "CIGATE0080", source, (16, 9)), StringComparison.Ordinal);
        Assert.Equal(2, CliAssert.ErrorLines(result, "CIGATE0080").Count);
        CliAssert.NoStackTrace(result);
        Assert.False(File.Exists(folder.File("cigate.yml")));
    }

    [Fact]
    public async Task Import_WithAllowPartial_WritesAConfigThatValidates_ListsWhatWasDropped_AndWarnsOnStderr()
    {
        using var folder = new TempFolder();
        var source = Write(folder);
        var config = folder.File("cigate.yml");

        var result = await CliRunner.RunAsync("import", "promptfoo", source, "--allow-partial");
        var validate = await CliRunner.RunAsync("validate", config);

        CliAssert.Succeeds(result);
        Assert.Contains($"wrote {config}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{source}(8,5): warning: provider 'bedrock:anthropic.claude-3-haiku'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{source}(16,9): warning: assertion type 'python' is commented out: suites run no code", result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("# converted from promptfooconfig.yaml by cigate import", File.ReadAllText(config), StringComparison.Ordinal);
        Assert.Contains("\n# DROPPED: 2 thing(s) the promptfoo config tests and this file does not", File.ReadAllText(config), StringComparison.Ordinal);
        CliAssert.Succeeds(validate);
        Assert.Contains("ok: 1 suite(s), 1 target(s), 4 sample(s) per target", validate.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OfAScriptProvider_WritesTheShimBesideTheConfig()
    {
        using var folder = new TempFolder();
        var source = folder.Write("promptfooconfig.yaml", """
            prompts: ["{{ question }}"]
            providers: [ "file://my_provider.py", "exec: python3 chain.py" ]
            tests: [ { vars: { question: hi }, assert: [ { type: icontains, value: hi } ] } ]
            """);
        var config = folder.File("ci/cigate.yml");

        var result = await CliRunner.RunAsync("import", "promptfoo", source, "--out", config);

        CliAssert.Succeeds(result);
        var shim = folder.File("ci/cigate-shims/promptfoo_provider.py");
        Assert.Contains($"wrote {shim}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("call_api(prompt", File.ReadAllText(shim), StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("ci/cigate-shims/promptfoo_provider.mjs")));
        Assert.Contains("command: [python3, ci/cigate-shims/promptfoo_provider.py, python, my_provider.py",
            File.ReadAllText(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WritesWhereOutAndSuiteSay()
    {
        using var folder = new TempFolder();
        var source = Write(folder);
        var config = folder.File("ci/evals.yml");

        var result = await CliRunner.RunAsync("import", "promptfoo", source, "--out", config, "--suite", "travel", "--allow-partial");
        var validate = await CliRunner.RunAsync("validate", config);

        CliAssert.Succeeds(result);
        Assert.Contains("  travel:\n", File.ReadAllText(config), StringComparison.Ordinal);
        Assert.Contains("file: ../prompts/answer.txt", File.ReadAllText(config), StringComparison.Ordinal);
        CliAssert.Succeeds(validate);
    }

    [Fact]
    public async Task Import_RefusesToOverwriteWithoutForce()
    {
        using var folder = new TempFolder();
        var source = Write(folder);
        var config = folder.Write("cigate.yml", "# mine\n");

        var refused = await CliRunner.RunAsync("import", "promptfoo", source);
        var kept = File.ReadAllText(config);
        var forced = await CliRunner.RunAsync("import", "promptfoo", source, "--force", "--allow-partial");

        CliAssert.Fails(refused);
        CliAssert.HasError(refused, "CIGATE0005", config);
        Assert.Equal("# mine\n", kept);
        CliAssert.Succeeds(forced);
        Assert.Contains("kind: prompts", File.ReadAllText(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OfAMissingFile_IsAConfigNotFoundError()
    {
        using var folder = new TempFolder();
        var missing = folder.File("promptfooconfig.yaml");

        var result = await CliRunner.RunAsync("import", "promptfoo", missing);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0006", missing);
        Assert.False(File.Exists(folder.File("cigate.yml")));
    }

    [Fact]
    public async Task Import_OfInvalidYaml_IsAPlacedSyntaxError()
    {
        using var folder = new TempFolder();
        var source = folder.Write("promptfooconfig.yaml", "prompts: [\"a\"\ntests: {\n");

        var result = await CliRunner.RunAsync("import", "promptfoo", source);

        CliAssert.Fails(result);
        Assert.Single(CliAssert.ErrorLines(result, "CIGATE0001"));
    }

    private static string Write(TempFolder folder)
    {
        folder.Write("prompts/answer.txt", "You are a travel assistant. {{ question }}\n");
        folder.Write("cases.csv", "description,question\nasks about Rome,What is the capital of Italy?\n");
        return folder.Write("promptfooconfig.yaml", Promptfoo);
    }
}
