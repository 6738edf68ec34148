using CiGate.Core.Config.TargetReaders;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets.Exec;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Targets.Exec;

/// <summary>`type: exec` in cigate.yml: the keys, their defaults, references and the errors a user can make.</summary>
public sealed class ExecTargetReaderTests
{
    private const string Suite = "suites:\n  s:\n    kind: prompts\n    targets: [app]\n"
        + "    prompts: [{ id: p, text: '{{q}}' }]\n    tests: [{ vars: { q: hi } }]\n";

    [Fact]
    public void Reads_an_exec_target_with_its_defaults_and_asks_for_the_command_privilege()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "evals"));
        var path = folder.Write("cigate.yml", """
            targets:
              sim: { simulator: {} }
              app:
                type: exec
                command: python3 -u "my app.py"
                working_dir: evals
                env: { OPENAI_BASE_URL: "${target:sim.base_url}", APP_TOKEN: "${env:APP_TOKEN}", MODE: fast }
            """ + "\n" + Suite);

        var config = ConfigLoader.Load(path);

        var target = config.Target("app").Config;
        var spec = target.Exec!;
        Assert.Equal(["python3", "-u", "my app.py"], spec.Command);
        Assert.Equal(Path.Combine(folder.Path, "evals"), spec.WorkingDirectory);
        Assert.Equal(ExecMode.Server, spec.Mode);
        Assert.Equal((16, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30)),
            (target.Concurrency, target.Timeout, spec.StartupTimeout));
        Assert.Equal(RetryPolicy.Default, target.Retry);
        Assert.StartsWith("cigate-exec/1:", target.CacheIdentity, StringComparison.Ordinal);
        var privilege = Assert.Single(config.Privileges);
        Assert.Equal((PrivilegeKind.Command, "targets.app.command", 5),
            (privilege.Kind, privilege.Key, privilege.Place.Line));
    }

    [Fact]
    public void Binding_resolves_other_targets_base_urls_without_changing_the_cache_identity()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", """
            targets:
              sim: { base_url: "http://127.0.0.1:9/v1", model: m }
              app: { type: exec, command: [python3, app.py], env: { BASE: "${target:sim.base_url}" } }
            """ + "\n" + Suite);
        var config = ConfigLoader.Load(path);
        var port = new Uri("http://127.0.0.1:4321/v1");
        var moved = config with
        {
            Targets = [.. config.Targets.Select(
                t => t.Name == "sim" ? t with { Config = t.Config with { BaseUrl = port } } : t)],
        };

        var bound = ExecTargets.Bind(moved, folder.Path).Target("app").Config;
        var (environment, secrets) = ExecReferences.Resolve("app", bound.Exec!, _ => null);

        Assert.Equal("http://127.0.0.1:4321/v1", environment["BASE"]);
        Assert.Empty(secrets);
        Assert.Equal(folder.Path, bound.Exec!.LogDirectory);
        Assert.Equal(config.Target("app").Config.CacheIdentity, bound.CacheIdentity);
    }

    [Fact]
    public void A_secret_is_resolved_at_start_and_never_part_of_the_identity()
    {
        var spec = new ExecSpec(["app"], "/", new Dictionary<string, string> { ["T"] = "Bearer ${env:TOKEN}" },
            ExecMode.Server, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1);

        var (environment, secrets) = ExecReferences.Resolve("app", spec, name => name == "TOKEN" ? "abc123456" : null);

        Assert.Equal("Bearer abc123456", environment["T"]);
        Assert.Equal(["abc123456"], secrets);
        Assert.DoesNotContain("abc123456", ExecIdentity.Of(spec), StringComparison.Ordinal);
        Assert.NotEqual(ExecIdentity.Of(spec), ExecIdentity.Of(spec with { Command = ["app", "--v2"] }));
    }

    [Fact]
    public void An_unset_variable_is_a_config_error_at_the_value_when_the_client_is_built()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", """
            targets:
              app:
                type: exec
                command: [python3, app.py]
                env: { APP_TOKEN: "${env:CIGATE_TEST_SURELY_UNSET_VARIABLE}" }
            """ + "\n" + Suite);
        var config = ExecTargets.Bind(ConfigLoader.Load(path), folder.Path);

        var error = Assert.Throws<CiGateException>(() => TargetClientFactory.Create(config.Target("app").Config));

        Assert.Equal(ExitCodes.UsageOrConfig, error.ExitCode);
        Assert.Equal(
            $"{path}(5,23): error CIGATE0011: target 'app' env 'APP_TOKEN' reads environment variable "
            + "'CIGATE_TEST_SURELY_UNSET_VARIABLE', which is not set or empty",
            Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void Every_mistake_is_reported_at_once_with_its_place()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cigate.yml", """
            targets:
              sim: { simulator: {} }
              a: { type: exec, env: { X: "${target:simm.base_url}" } }
              b: { type: exec, command: "python3 'app.py", mode: forever }
              c: { type: exec, command: [python3], env: { Y: "${env:}" }, base_url: "http://x" }
              d: { type: shell, command: [x] }
            """ + "\n" + Suite.Replace("[app]", "[a]", StringComparison.Ordinal));

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        var lines = error.Diagnostics.Select(d => $"{d.Line}: {d.Code}: {d.Message}").ToList();
        Assert.Contains("3: CIGATE0004: 'targets.a' (type: exec) is missing the required key 'command'", lines);
        Assert.Contains(
            "3: CIGATE0007: target 'a' env 'X' refers to target 'simm', "
            + "which is not a defined model or simulator target; did you mean 'sim'?",
            lines);
        Assert.Contains("4: CIGATE0005: 'targets.b.command' has an unclosed single quote", lines);
        Assert.Contains("4: CIGATE0005: 'targets.b.mode' must be one of server, once, not 'forever'", lines);
        Assert.Contains(lines,
            l => l.StartsWith("5: CIGATE0005: 'targets.c.env.Y': '${env:}' is not a valid reference",
            StringComparison.Ordinal));
        Assert.Contains(lines,
            l => l.StartsWith("5: CIGATE0002: unknown key 'base_url' in 'targets.c'", StringComparison.Ordinal));
        Assert.Contains("6: CIGATE0005: 'targets.d.type' must be one of openai, exec, http, not 'shell'", lines);
    }
}
