using CiGate.Core.Targets;
using CiGate.Core.Targets.Exec;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Targets.Exec;

/// <summary>mode: once against a real script: plain text, a reply object, a failing exit.</summary>
public sealed class ExecOnceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plain_stdout_is_the_output_and_a_reply_object_is_read_as_one()
    {
        using var folder = new TempFolder();
        await using var client = TargetClientFactory.Create(ExecApp.Target(folder.Path, [], ExecMode.Once,
            concurrency: 4));

        var questions = Enumerable.Range(1, 8).Select(n => ExecApp.Ask($"question {n}"));
        var answers = await Task.WhenAll(questions.Select(q => client.CompleteAsync(q, Ct)));
        var json = await client.CompleteAsync(ExecApp.Ask("answer in json"), Ct);

        Assert.Equal([.. Enumerable.Range(1, 8).Select(n => $"plain: question {n}")], answers.Select(a => a.Text));
        Assert.Equal("as json: answer in json", json.Text);
        Assert.Equal(4, json.Usage!.CompletionTokens);
    }

    [Fact]
    public async Task A_failing_exit_is_an_error_with_the_last_stderr_line()
    {
        using var folder = new TempFolder();
        await using var client = TargetClientFactory.Create(ExecApp.Target(folder.Path, [], ExecMode.Once,
            maxAttempts: 2));

        var error = await Assert.ThrowsAsync<TargetException>(() => client.CompleteAsync(ExecApp.Ask("please fail"),
            Ct));

        Assert.Equal(TargetErrorKind.RetriesExhausted, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.EndsWith("exit code 1: boom: cannot answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("something went wrong", ExecApp.Log(folder.Path), StringComparison.Ordinal);
    }
}
