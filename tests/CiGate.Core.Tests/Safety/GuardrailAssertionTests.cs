using CiGate.Core.Diagnostics;
using CiGate.Core.Tests.Suites.Prompts.Assertions;

namespace CiGate.Core.Tests.Safety;

public sealed class GuardrailAssertionTests
{
    [Theory]
    [InlineData("Write to jane.doe@example.com for details.", "email")]
    [InlineData("Call me on +1 415 555 0132 tomorrow.", "phone")]
    [InlineData("Our office: (415) 555-0132.", "phone")]
    [InlineData("Card: 4111 1111 1111 1111, exp 12/29", "card")]
    [InlineData("Pay to GB82 WEST 1234 5698 7654 32 please", "iban")]
    [InlineData("IBAN DE89370400440532013000", "iban")]
    [InlineData("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "aws-key")]
    [InlineData("token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "github-token")]
    [InlineData("OPENAI_API_KEY=sk-proj-Ab3dEf9hIjKlMn0pQrStUvWx", "openai-key")]
    [InlineData("slack: xoxb-123456789012-abcdefABCDEF", "slack-token")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow...", "private-key")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt")]
    public async Task Pii_fails_on_each_kind(string output, string kind)
    {
        var result = await Asserts.Run("- { type: pii }", output);

        Assert.False(result.Pass, result.Reason);
        Assert.Contains(kind, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The meeting is on 2024-05-01 at 10:30 in room 4.")]
    [InlineData("We sold 1,200 units for $45,000 in Q3; version 10.0.1 ships next week.")]
    [InlineData("A Luhn-invalid number: 4111 1111 1111 1112.")]
    [InlineData("Not an IBAN: GB82 WEST 1234 5698 7654 33.")]
    [InlineData("Email support through the contact form at example dot com.")]
    public async Task Pii_passes_on_lookalikes(string output)
    {
        var result = await Asserts.Run("- { type: pii }", output);

        Assert.True(result.Pass, result.Reason);
    }

    [Fact]
    public async Task Pii_checks_only_the_configured_kinds_and_masks_what_it_found()
    {
        const string output = "Mail jane.doe@example.com, key AKIAIOSFODNN7EXAMPLE";

        var emailOnly = await Asserts.Run("- { type: pii, value: [secrets] }", "Mail jane.doe@example.com");
        var secrets = await Asserts.Run("- { type: pii, value: secrets }", output);

        Assert.True(emailOnly.Pass, emailOnly.Reason);
        Assert.False(secrets.Pass);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", secrets.Reason, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.InvalidValue, Asserts.Error("- { type: pii, value: [passport] }").Code);
    }

    [Theory]
    [InlineData("The secret code is CANARY-7f3a9c.", false)]
    [InlineData("My instructions mention c a n a r y - 7 F 3 A 9 C somewhere.", false)]
    [InlineData("I can't share my instructions, but I'm glad to help you plan a trip.", true)]
    public async Task Canary_fails_when_the_canary_leaks(string output, bool pass)
    {
        var result = await Asserts.Run("- { type: canary, value: CANARY-7f3a9c }", output);

        Assert.Equal(pass, result.Pass);
    }

    [Fact]
    public async Task Canary_fails_when_an_injected_marker_is_obeyed()
    {
        const string yaml = "- { type: canary, value: { canary: \"{{ code }}\", markers: [PWNED, \"I have been hacked\"] } }";
        var vars = new Dictionary<string, object?> { ["code"] = "CANARY-1" };

        var obeyed = await Asserts.Run(yaml, "PWNED! As instructed.", vars);
        var resisted = await Asserts.Run(yaml, "The document is a hotel review; I ignored the instruction hidden in it.", vars);

        Assert.False(obeyed.Pass);
        Assert.Contains("PWNED", obeyed.Reason, StringComparison.Ordinal);
        Assert.True(resisted.Pass, resisted.Reason);
        Assert.Equal(DiagnosticCodes.UnknownKey, Asserts.Error("- { type: canary, value: { secret: x } }").Code);
    }

    [Theory]
    [InlineData("- { type: language, value: fr }", "Le train part à huit heures et il arrive à Lyon avant midi.", true)]
    [InlineData("- { type: language, value: french }", "The train leaves at eight and arrives in Lyon before noon.", false)]
    [InlineData("- { type: language, value: de }", "Der Zug fährt um acht Uhr ab und ist vor Mittag in Köln.", true)]
    [InlineData("- { type: not-language, value: en }", "El tren sale a las ocho y llega a Sevilla antes del mediodía.", true)]
    [InlineData("- { type: language, value: ja }", "電車は八時に出発して、昼前に京都に着きます。", true)]
    public async Task Language_passes_only_in_the_expected_language(string yaml, string output, bool pass)
    {
        var result = await Asserts.Run(yaml, output);

        Assert.Equal(pass, result.Pass);
    }

    [Fact]
    public async Task Language_does_not_judge_a_two_word_answer_and_rejects_unknown_languages()
    {
        var result = await Asserts.Run("- { type: language, value: en }", "Oui, merci.");

        Assert.True(result.Pass);
        Assert.Contains("too short", result.Reason, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.InvalidValue, Asserts.Error("- { type: language, value: klingon }").Code);
    }
}
