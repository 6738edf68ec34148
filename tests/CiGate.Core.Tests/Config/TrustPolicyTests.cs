using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Tests.Config;

public sealed class TrustPolicyTests
{
    private static readonly SourcePlace Place = new("cigate.yml", 7, 15);

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST.", true)]
    [InlineData("api.openai.com", true)]
    [InlineData("API.OpenAI.com", true)]
    [InlineData("my-res.openai.azure.com", true)]
    [InlineData("a.b.openai.azure.com", true)]
    [InlineData("openai.azure.com", false)]
    [InlineData("openai.azure.com.evil.example", false)]
    [InlineData("api.openai.com.evil.example", false)]
    [InlineData("evil.example", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    public void Trusts_loopback_listed_hosts_and_subdomains_of_a_star_entry_only(string host, bool trusted)
    {
        var policy = new TrustPolicy(false, ["api.openai.com", "*.openai.azure.com"]);

        Assert.Equal(trusted, policy.Trusts(host));
    }

    [Fact]
    public void The_environment_adds_hosts_and_allows_commands()
    {
        var environment = new Dictionary<string, string>
        {
            [TrustPolicy.HostsVariable] = "a.example, b.example\n*.c.example",
            [TrustPolicy.CommandsVariable] = "1",
        };

        var policy = TrustPolicy.From(false, ["d.example"], environment.GetValueOrDefault);

        Assert.True(policy.AllowCommands);
        Assert.Equal(["*.c.example", "a.example", "b.example", "d.example"], policy.TrustedHosts.Order(StringComparer.Ordinal));
        Assert.False(TrustPolicy.From(false, [], new Dictionary<string, string> { [TrustPolicy.CommandsVariable] = "0" }.GetValueOrDefault).AllowCommands);
        Assert.False(TrustPolicy.From(false, [], _ => null).AllowCommands);
    }

    [Fact]
    public void Enforce_refuses_each_privilege_not_granted_at_its_key_with_exit_2()
    {
        Privilege[] privileges =
        [
            new(PrivilegeKind.Command, "suites.gpu.server.command", "gpu", "a process", null, Place),
            new(PrivilegeKind.SecretToHost, "targets.openai.base_url", "openai", "the API key from OPENAI_API_KEY", "evil.example", Place with { Line = 3 }),
            new(PrivilegeKind.SecretToHost, "targets.local.base_url", "local", "the API key from K", "127.0.0.1", Place with { Line = 4 }),
        ];

        var ex = Assert.Throws<CiGateException>(() => new TrustPolicy(false, []).Enforce(privileges));

        Assert.Equal(ExitCodes.UsageOrConfig, ex.ExitCode);
        Assert.Collection(
            ex.Diagnostics,
            d => Assert.Equal((DiagnosticCodes.CommandNotAllowed, "cigate.yml", 7, 15), (d.Code, d.File, d.Line, d.Column)),
            d =>
            {
                Assert.Equal((DiagnosticCodes.UntrustedHost, 3), (d.Code, d.Line));
                Assert.Contains("would send the API key from OPENAI_API_KEY to 'evil.example'", d.Message, StringComparison.Ordinal);
            });
        new TrustPolicy(true, ["evil.example"]).Enforce(privileges);
    }
}
