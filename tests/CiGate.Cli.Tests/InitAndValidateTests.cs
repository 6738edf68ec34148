using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>The happy paths of init and validate, so the error tests above are not passing on a tool that rejects everything.</summary>
public sealed class InitAndValidateTests
{
    [Fact]
    public async Task GoodConfig_Validates()
    {
        using var folder = new TempFolder();
        var config = Configs.WriteWithData(folder, items: 6);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Succeeds(result);
        Assert.Contains("ok: 1 suite(s), 1 target(s), 6 sample(s) per target", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task InitThenValidate_SucceedsAtOnce()
    {
        using var folder = new TempFolder();
        var config = folder.File("cigate.yml");

        var init = await CliRunner.RunAsync("init", config);
        var validated = await CliRunner.RunAsync("validate", config);

        CliAssert.Succeeds(init);
        Assert.Contains("wrote " + config + " (prompts suite)", init.Stdout, StringComparison.Ordinal);
        CliAssert.Succeeds(validated);
        Assert.Matches(@"^ok: 1 suite\(s\), \d+ target\(s\), 5 sample\(s\) per target", validated.Stdout);
    }

    [Fact]
    public async Task Init_RefusesToOverwriteWithoutForce()
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", "# mine\n");

        var refused = await CliRunner.RunAsync("init", config);
        var kept = File.ReadAllText(config);
        var forced = await CliRunner.RunAsync("init", config, "--force");

        CliAssert.Fails(refused);
        Assert.Contains("--force", CliAssert.HasError(refused, "CIGATE0005", config), StringComparison.Ordinal);
        Assert.Equal("# mine\n", kept);
        CliAssert.Succeeds(forced);
        Assert.Contains("suites:", File.ReadAllText(config), StringComparison.Ordinal);
    }
}
