using System.Reflection;
using Microsoft.Extensions.AI;

namespace CiGate.Target;

/// <summary>
/// Serves an app to cigate's <c>exec</c> target over the cigate-exec/1 protocol: JSON lines on standard
/// input and output, many requests in flight, replies matched by id. Serving ends when standard input
/// closes (requests in flight finish first). A handler's exception becomes an error reply, never a
/// crash; see <see cref="CiGateTargetException"/> to choose whether cigate retries.
/// </summary>
/// <example>
/// <code>
/// IChatClient client = new ChatClientBuilder(inner).Use(...).Build();
/// await CiGateTarget.ServeAsync(client);
/// </code>
/// </example>
public static class CiGateTarget
{
    /// <summary>The protocol this library speaks.</summary>
    public const string Protocol = ProtocolJson.Version;

    /// <summary>
    /// Serves a chat client on standard input and output: each request's messages and options go to
    /// <see cref="IChatClient.GetResponseAsync"/> (see <see cref="TargetRequest.ToChatMessages"/>,
    /// <see cref="TargetRequest.ToChatOptions"/>) and the response comes back as
    /// <see cref="TargetReply.FromChatResponse"/> maps it.
    /// </summary>
    public static Task ServeAsync(
        IChatClient client, CiGateTargetOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ServeAsync(ChatHandler(client), options, ct);
    }

    /// <summary>Serves a handler on standard input and output.</summary>
    public static async Task ServeAsync(
        Func<TargetRequest, CancellationToken, Task<TargetReply>> handler,
        CiGateTargetOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new CiGateTargetOptions();
        var stdin = Console.OpenStandardInput();
        var stdout = Console.OpenStandardOutput();
        var originalOut = Console.Out;
        var originalIn = Console.In;
        var log = options.Log ?? Console.Error;
        if (options.RedirectConsole)
        {
            // The app's own Console.WriteLine would land between protocol lines: send it to stderr.
            Console.SetOut(Console.Error);
            Console.SetIn(TextReader.Null);
        }

        try
        {
            await ServeAsync(handler, stdin, stdout, options, log, ct).ConfigureAwait(false);
        }
        finally
        {
            if (options.RedirectConsole)
            {
                Console.SetOut(originalOut);
                Console.SetIn(originalIn);
            }

            await stdin.DisposeAsync().ConfigureAwait(false);
            await stdout.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Serves a chat client on the given streams (to host the protocol elsewhere; for tests).</summary>
    public static Task ServeAsync(
        IChatClient client,
        Stream input,
        Stream output,
        CiGateTargetOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ServeAsync(ChatHandler(client), input, output, options, ct);
    }

    /// <summary>Serves a handler on the given streams; nothing is redirected. The streams stay open.</summary>
    public static Task ServeAsync(
        Func<TargetRequest, CancellationToken, Task<TargetReply>> handler,
        Stream input,
        Stream output,
        CiGateTargetOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new CiGateTargetOptions();
        return ServeAsync(handler, input, output, options, options.Log ?? Console.Error, ct);
    }

    private static Task ServeAsync(
        Func<TargetRequest, CancellationToken, Task<TargetReply>> handler,
        Stream input,
        Stream output,
        CiGateTargetOptions options,
        TextWriter log,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        var named = new CiGateTargetOptions
        {
            AppName = options.AppName ?? Assembly.GetEntryAssembly()?.GetName().Name,
            AppVersion = options.AppVersion ?? EntryVersion(),
            MaxConcurrency = options.MaxConcurrency,
        };
        return new TargetServer(handler, named, TextWriter.Synchronized(log)).RunAsync(input, output, ct);
    }

    private static Func<TargetRequest, CancellationToken, Task<TargetReply>> ChatHandler(IChatClient client) =>
        async (request, ct) =>
        {
            var response = await client.GetResponseAsync(request.ToChatMessages(), request.ToChatOptions(), ct)
                .ConfigureAwait(false);
            return TargetReply.FromChatResponse(response);
        };

    private static string? EntryVersion()
    {
        var assembly = Assembly.GetEntryAssembly();
        var version = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version ?? assembly?.GetName().Version?.ToString();
    }
}
