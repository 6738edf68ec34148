using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Targets;

public sealed class TargetSecretsTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["GATEWAY_KEY"] = "gw-0123456789",
        ["OPENAI_KEY"] = "sk-abcdefghij",
    };

    [Fact]
    public void Header_references_are_resolved_and_every_secret_is_masked()
    {
        var config = TestTargets.Config(
            new Uri("http://127.0.0.1:1/v1"),
            apiKeyEnv: "OPENAI_KEY",
            headers: new Dictionary<string, string> { ["api-key"] = "${env:GATEWAY_KEY}", ["x-route"] = "pre-${env:GATEWAY_KEY}-post", ["x-team"] = "team-literal", ["x-n"] = "abc" });

        var secrets = TargetSecrets.Resolve(config, Environment.GetValueOrDefault);

        Assert.Equal("sk-abcdefghij", secrets.ApiKey);
        Assert.Equal("gw-0123456789", secrets.Headers["api-key"]);
        Assert.Equal("pre-gw-0123456789-post", secrets.Headers["x-route"]);
        Assert.Equal("${env:GATEWAY_KEY}", config.Headers["api-key"]);
        Assert.Equal(
            "*** and *** and *** and Bearer *** but abc stays",
            secrets.Redact("pre-gw-0123456789-post and gw-0123456789 and team-literal and Bearer sk-abcdefghij but abc stays"));
        Assert.Equal(["OPENAI_KEY", "GATEWAY_KEY", "GATEWAY_KEY"], TargetSecrets.VariablesOf(config));
    }

    [Fact]
    public void A_missing_variable_is_CIGATE0011_at_the_key_that_names_it()
    {
        var config = TestTargets.Config(
            new Uri("http://127.0.0.1:1/v1"),
            apiKeyEnv: "NOT_SET_KEY",
            headers: new Dictionary<string, string> { ["api-key"] = "${env:NOT_SET_HEADER}" }) with
        {
            Places = new Dictionary<string, SourcePlace>
            {
                ["api_key_env"] = new("cigate.yml", 5, 18),
                ["headers.api-key"] = new("cigate.yml", 7, 16),
            },
        };

        var ex = Assert.Throws<CiGateException>(() => TargetSecrets.Resolve(config, Environment.GetValueOrDefault));

        Assert.Equal(ExitCodes.UsageOrConfig, ex.ExitCode);
        Assert.Collection(
            ex.Diagnostics,
            d => Assert.Equal((DiagnosticCodes.MissingEnvironmentVariable, "cigate.yml", 5, 18), (d.Code, d.File, d.Line, d.Column)),
            d =>
            {
                Assert.Equal((DiagnosticCodes.MissingEnvironmentVariable, 7, 16), (d.Code, d.Line, d.Column));
                Assert.Contains("header 'api-key' reads environment variable 'NOT_SET_HEADER'", d.Message, StringComparison.Ordinal);
            });
    }

    [Theory]
    [InlineData("${env:OK}", null)]
    [InlineData("plain", null)]
    [InlineData("${env:}", "${env:}")]
    [InlineData("${OK}", "${OK}")]
    [InlineData("a ${env:1BAD}", "${env:1BAD}")]
    public void Malformed_references_are_found(string value, string? malformed)
    {
        Assert.Equal(malformed, TargetSecrets.FindMalformed(value));
    }
}
