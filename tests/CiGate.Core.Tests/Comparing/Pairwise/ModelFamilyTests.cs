using CiGate.Core.Comparing.Pairwise;

namespace CiGate.Core.Tests.Comparing.Pairwise;

public sealed class ModelFamilyTests
{
    [Theory]
    [InlineData("gpt-4o-2024-08-06", "o3-mini", true)]
    [InlineData("openai/gpt-4.1", "GPT-4o", true)]
    [InlineData("meta-llama/Llama-3.1-70B-Instruct", "llama3.2:3b", true)]
    [InlineData("claude-sonnet-4", "gpt-4o", false)]
    [InlineData("Qwen/Qwen2.5-72B-Instruct", "qwq-32b", true)]
    [InlineData("mixtral-8x7b", "mistral-large", true)]
    [InlineData("cigate-sim", "cigate-sim-v2", true)]
    [InlineData("gemini-2.5-pro", "gemma-3-27b", true)]
    [InlineData("", "gpt-4o", false)]
    [InlineData("7b", "7b", false)]
    public void Knows_when_judge_and_head_share_a_family(string judge, string head, bool shared)
    {
        Assert.Equal(shared, ModelFamily.Shared(judge, head));
    }
}
