using System.Buffers.Binary;
using System.Text;

namespace CiGate.Bench;

/// <summary>
/// One HTTP exchange as it crossed the loopback interface, from a tcpdump capture: the request's
/// X-Request-ID and the kernel's packet stamps (CLOCK_REALTIME, ns) of the packet that carried the
/// request's last byte, of the one that completed the first SSE event with text (the first token)
/// and of the one that completed `data: [DONE]`.
/// </summary>
internal sealed record PcapExchange(string RequestId, long RequestSentNs, long FirstTokenNs, long DoneNs);

/// <summary>
/// Reads a pcap file (nanosecond or microsecond stamps; Ethernet, Linux cooked v1/v2 or BSD
/// loopback framing; IPv4 TCP) and rebuilds each connection's two byte streams, then pairs the
/// connection's requests with its responses in order (HTTP/1.1: one at a time per connection).
/// The stamps are the ones the truth is defined by: TTFT = first-token packet − request
/// packet, as StreamingClient defines it (send stamp after the request's last write, chunk stamp
/// the arrival of the bytes that completed its event).
/// </summary>
internal static class PcapExchanges
{
    public static (List<PcapExchange> Exchanges, int Packets, int Gaps) Read(string path, int serverPort)
    {
        var data = File.ReadAllBytes(path);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var nanos = magic switch
        {
            0xa1b23c4d => true,
            0xa1b2c3d4 => false,
            _ => throw new InvalidDataException($"{path}: not a little-endian pcap file (magic {magic:x8})"),
        };
        var link = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(20));
        var linkHeader = link switch
        {
            0 => 4,    // BSD loopback
            1 => 14,   // Ethernet (Linux `lo`)
            113 => 16, // Linux cooked v1 (`-i any`)
            276 => 20, // Linux cooked v2
            _ => throw new InvalidDataException($"{path}: link type {link} is not read"),
        };
        var connections = new Dictionary<int, Connection>();
        var packets = 0;
        for (var at = 24; at + 16 <= data.Length;)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
            var fraction = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 4));
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 8));
            var stamp = (seconds * 1_000_000_000L) + (nanos ? fraction : fraction * 1000L);
            var frame = data.AsSpan(at + 16, Math.Min(captured, data.Length - at - 16));
            at += 16 + captured;
            packets++;
            if (frame.Length < linkHeader + 40)
            {
                continue;
            }

            var ip = frame[linkHeader..];
            if (ip[0] >> 4 != 4 || ip[9] != 6)
            {
                continue;
            }

            var ipHeader = (ip[0] & 0xF) * 4;
            var total = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(ip[2..]), ip.Length);
            var tcp = ip[ipHeader..total];
            var source = BinaryPrimitives.ReadUInt16BigEndian(tcp);
            var destination = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
            var sequence = BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]);
            var payload = tcp[((tcp[12] >> 4) * 4)..];
            var toServer = destination == serverPort;
            if (!toServer && source != serverPort)
            {
                continue;
            }

            var port = toServer ? source : destination;
            if (!connections.TryGetValue(port, out var connection))
            {
                connections[port] = connection = new Connection();
            }

            var syn = (tcp[13] & 0x02) != 0;
            (toServer ? connection.Up : connection.Down).Add(sequence, syn, payload, stamp);
        }

        var exchanges = new List<PcapExchange>();
        foreach (var connection in connections.Values)
        {
            exchanges.AddRange(connection.Exchanges());
        }

        return (exchanges, packets, connections.Values.Sum(c => c.Up.Gaps + c.Down.Gaps));
    }

    /// <summary>One direction of a TCP connection: its bytes in order and the stamp of each byte's packet.</summary>
    private sealed class Direction
    {
        private readonly List<(long End, long Stamp)> packets = [];
        private uint next;
        private bool started;

        public List<byte> Bytes { get; } = [];

        public int Gaps { get; private set; }

        public void Add(uint sequence, bool syn, ReadOnlySpan<byte> payload, long stamp)
        {
            if (syn)
            {
                next = sequence + 1;
                started = true;
                return;
            }

            if (payload.IsEmpty)
            {
                return;
            }

            if (!started)
            {
                // A connection opened before the capture began: take it from here.
                next = sequence;
                started = true;
            }

            var original = payload.Length;
            var offset = (int)(sequence - next);
            if (offset > 0)
            {
                Gaps++; // bytes the capture lost: what follows is still read, its pairing may be off
            }
            else if (-offset >= original)
            {
                return; // a retransmission of bytes already seen
            }
            else if (offset < 0)
            {
                payload = payload[-offset..];
            }

            Bytes.AddRange(payload);
            packets.Add((Bytes.Count, stamp));
            next = sequence + (uint)original;
        }

        /// <summary>The stamp of the packet that carried byte <paramref name="offset"/>.</summary>
        public long StampOf(int offset)
        {
            int low = 0, high = packets.Count - 1;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (packets[mid].End > offset)
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            return packets[low].Stamp;
        }

        public int IndexOf(ReadOnlySpan<byte> pattern, int from)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Bytes);
            if (from >= span.Length)
            {
                return -1;
            }

            var at = span[from..].IndexOf(pattern);
            return at < 0 ? -1 : from + at;
        }
    }

    private sealed class Connection
    {
        public Direction Up { get; } = new();

        public Direction Down { get; } = new();

        public List<PcapExchange> Exchanges()
        {
            var exchanges = new List<PcapExchange>();
            var requests = new List<(string? Id, int End)>();
            for (var from = 0; ;)
            {
                var headEnd = Up.IndexOf("\r\n\r\n"u8, from);
                if (headEnd < 0)
                {
                    break;
                }

                var head = Encoding.ASCII.GetString(Up.Bytes.GetRange(from, headEnd - from).ToArray());
                var end = headEnd + 4 + (int.TryParse(Header(head, "Content-Length"), out var length) ? length : 0);
                requests.Add((Header(head, "X-Request-ID"), end));
                from = end;
            }

            var responses = new List<int>();
            for (var from = Down.IndexOf("HTTP/1.1 "u8, 0); from >= 0; from = Down.IndexOf("HTTP/1.1 "u8, from + 9))
            {
                responses.Add(from);
            }

            for (var i = 0; i < Math.Min(requests.Count, responses.Count); i++)
            {
                if (requests[i].Id is not { } id || requests[i].End > Up.Bytes.Count)
                {
                    continue;
                }

                var limit = i + 1 < responses.Count ? responses[i + 1] : Down.Bytes.Count;
                var first = FirstTokenEnd(responses[i], limit);
                var done = Down.IndexOf("data: [DONE]\n\n"u8, responses[i]);
                if (first < 0 || done < 0 || done >= limit)
                {
                    continue;
                }

                var sent = Up.StampOf(requests[i].End - 1);
                exchanges.Add(new PcapExchange(id, sent, Down.StampOf(first), Down.StampOf(done + 13)));
            }

            return exchanges;
        }

        /// <summary>The offset of the last byte of the first event whose content is not empty (its "\n\n").</summary>
        private int FirstTokenEnd(int from, int limit)
        {
            var key = "\"content\":\""u8.ToArray();
            for (var at = Down.IndexOf(key, from); at >= 0 && at < limit; at = Down.IndexOf(key, at + 1))
            {
                if (Down.Bytes[at + 11] != (byte)'"')
                {
                    var end = Down.IndexOf("\n\n"u8, at);
                    return end < 0 || end >= limit ? -1 : end + 1;
                }
            }

            return -1;
        }

        private static string? Header(string head, string name)
        {
            foreach (var line in head.Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return line[(colon + 1)..].Trim();
                }
            }

            return null;
        }
    }
}
