using System.Text.Json;

namespace CiGate.Simulator.Tests;

/// <summary>The assertion generator the simulator plays for `cigate draft-tests`: a pure function of the text.</summary>
public sealed class SimulatedGeneratorTests
{
    [Fact]
    public void Proposes_the_longest_word_and_no_ai_disclaimer()
    {
        var reply = SimulatedGenerator.Propose("Refund order 13 please, mail [email] or call [phone]");

        using var json = JsonDocument.Parse(reply);
        var asserts = json.RootElement.GetProperty("assert").EnumerateArray().ToList();
        Assert.Equal(2, asserts.Count);
        Assert.Equal("icontains", asserts[0].GetProperty("type").GetString());
        Assert.Equal("refund", asserts[0].GetProperty("value").GetString());
        Assert.Equal("not-icontains", asserts[1].GetProperty("type").GetString());
        Assert.Equal(reply, SimulatedGenerator.Propose("Refund order 13 please, mail [email] or call [phone]"));
    }

    [Fact]
    public void A_text_without_a_long_word_gets_only_the_disclaimer_check_and_garbage_gets_prose()
    {
        using var json = JsonDocument.Parse(SimulatedGenerator.Propose("hi 12 ok"));

        Assert.Single(json.RootElement.GetProperty("assert").EnumerateArray());
        Assert.Equal(SimulatedGenerator.GarbageReply, SimulatedGenerator.Propose("x [cigate-draft:garbage]"));
        Assert.True(SimulatedGenerator.IsGeneratorPrompt(SimulatedGenerator.Header + "\nmore"));
        Assert.False(SimulatedGenerator.IsGeneratorPrompt("You are a helpful assistant."));
    }
}
