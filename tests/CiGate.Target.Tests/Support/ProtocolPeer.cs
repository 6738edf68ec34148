using System.Text;
using System.Text.Json;

namespace CiGate.Target.Tests.Support;

/// <summary>
/// cigate's side of cigate-exec/1 for tests: writes lines to the app's input and reads its output
/// lines, each parsed as one JSON object (a line that is not fails the test).
/// </summary>
internal sealed class ProtocolPeer(Stream toApp, Stream fromApp) : IDisposable
{
    private readonly StreamWriter _writer = new(toApp, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
    private readonly StreamReader _reader = new(fromApp, new UTF8Encoding(false));

    public List<string> RawLines { get; } = [];

    public async Task SendAsync(string line) => await _writer.WriteLineAsync(line);

    public Task SendAsync(object message) => SendAsync(JsonSerializer.Serialize(message));

    /// <summary>The next line as JSON; null at end of output.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        var line = await _reader.ReadLineAsync(cts.Token);
        if (line is null)
        {
            return null;
        }

        RawLines.Add(line);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        return doc.RootElement.Clone();
    }

    public async Task<JsonElement> ReceiveRequiredAsync() =>
        await ReceiveAsync() ?? throw new InvalidOperationException("The app closed its output early.");

    /// <summary>Reads <paramref name="count"/> lines and keys them by id.</summary>
    public async Task<Dictionary<string, JsonElement>> ReceiveManyAsync(int count)
    {
        var replies = new Dictionary<string, JsonElement>();
        for (var i = 0; i < count; i++)
        {
            var reply = await ReceiveRequiredAsync();
            Assert.True(replies.TryAdd(reply.GetProperty("id").GetString()!, reply), "a duplicate reply id");
        }

        return replies;
    }

    public void CloseInput() => _writer.Dispose();

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
    }

    public static object Request(string id, string user, object? options = null) => new
    {
        type = "request",
        id,
        item = "case-" + id,
        messages = new[] { new { role = "user", content = user } },
        prompt = (string?)null,
        vars = new { question = user },
        options = options
            ?? new { max_tokens = 200, temperature = (double?)null, seed = (long?)null, stop = Array.Empty<string>() },
    };

    public static readonly object Hello = new { type = "hello", protocol = "cigate-exec/1" };
}
