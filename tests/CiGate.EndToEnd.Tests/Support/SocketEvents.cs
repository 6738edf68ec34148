using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// Every TCP connection this process opens and accepts while it lives, from .NET's own socket
/// telemetry (the System.Net.Sockets event source: ConnectStart/Stop, AcceptStop/Failed) and every
/// name it resolves (System.Net.NameResolution). Process-wide: a test that uses it must not run beside
/// others (<see cref="SocketCountCollection"/>).
/// </summary>
internal sealed partial class SocketEvents : EventListener
{
    public ConcurrentQueue<IPEndPoint?> Connects { get; } = new();

    public ConcurrentQueue<string> Resolved { get; } = new();

    private int connected;
    private int acceptStops;
    private int acceptFailures;

    public int Connected => Volatile.Read(ref connected);

    /// <summary>Connections accepted (an accept cancelled at shutdown logs AcceptFailed, then AcceptStop).</summary>
    public int Accepted => Volatile.Read(ref acceptStops) - Volatile.Read(ref acceptFailures);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name is "System.Net.Sockets" or "System.Net.NameResolution")
        {
            EnableEvents(source, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var payload = e.Payload is { Count: > 0 } p ? p[0]?.ToString() : null;
        switch (e.EventSource.Name, e.EventName)
        {
            case ("System.Net.Sockets", "ConnectStart"):
                Connects.Enqueue(Parse(payload));
                break;
            case ("System.Net.Sockets", "ConnectStop"):
                Interlocked.Increment(ref connected);
                break;
            case ("System.Net.Sockets", "AcceptStop"):
                Interlocked.Increment(ref acceptStops);
                break;
            case ("System.Net.Sockets", "AcceptFailed"):
                Interlocked.Increment(ref acceptFailures);
                break;
            case ("System.Net.NameResolution", "ResolutionStart"):
                Resolved.Enqueue(payload ?? "");
                break;
        }
    }

    /// <summary>A SocketAddress as ToString writes it: <c>InterNetwork:16:{port hi, port lo, a, b, c, d}</c>.</summary>
    public static IPEndPoint? Parse(string? address)
    {
        if (address is null || SocketAddressText().Match(address) is not { Success: true } m)
        {
            return null;
        }

        var bytes = m.Groups["bytes"].Value.Split(',')
            .Select(b => byte.Parse(b.Trim(), CultureInfo.InvariantCulture)).ToArray();
        var port = (bytes[0] << 8) | bytes[1];
        return m.Groups["family"].Value == "InterNetworkV6"
            ? new IPEndPoint(new IPAddress(bytes[6..22]), port)
            : new IPEndPoint(new IPAddress(bytes[2..6]), port);
    }

    [GeneratedRegex(@"^(?<family>InterNetwork|InterNetworkV6):\d+:\{(?<bytes>[0-9, ]+)\}$")]
    private static partial Regex SocketAddressText();
}

[CollectionDefinition(nameof(SocketCountCollection), DisableParallelization = true)]
public sealed class SocketCountCollection;
