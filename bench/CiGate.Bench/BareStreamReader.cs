using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Http.Headers;
using CiGate.Core.Suites.Perf;

namespace CiGate.Bench;

/// <summary>
/// The reference for the load generator's error: a bare HttpClient that posts the same bodies at
/// the same concurrency, timestamps each read once and finds each chunk's <c>cigate_sent_ts</c>
/// with a byte search. No SDK pipeline, no JSON parsing, no records: the cheapest reader one
/// could write, so the part of the error that is the machine (loopback, kernel, scheduling,
/// the server) shows apart from the part that is cigate's client.
/// </summary>
internal static class BareStreamReader
{
    private static readonly byte[] Marker = "\"cigate_sent_ts\":"u8.ToArray();
    private static readonly byte[] FlushedMarker = "\"cigate_prev_flushed_ts\":"u8.ToArray();

    public static async Task<List<RequestTiming>> RunAsync(Uri baseUrl, IReadOnlyList<byte[]> bodies, int streams, int requests, int expectedChunks)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = streams, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var endpoint = new Uri(baseUrl.ToString().TrimEnd('/') + "/chat/completions");
        var timings = new RequestTiming[requests];
        var next = -1;
        var workers = new Task[streams];
        for (var w = 0; w < streams; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < requests)
                {
                    timings[i] = await SendAsync(http, endpoint, bodies[i % bodies.Count], i, expectedChunks);
                }
            });
        }

        await Task.WhenAll(workers);
        return [.. timings];
    }

    private static async Task<RequestTiming> SendAsync(HttpClient http, Uri endpoint, byte[] body, int index, int expectedChunks)
    {
        var timing = new RequestTiming(index, Stopwatch.GetTimestamp(), expectedChunks);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        timing.SentTs = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            timing.Status = (int)response.StatusCode;
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16 * 1024];
            int read, carry = 0;
            var justAdded = false;
            while ((read = await stream.ReadAsync(buffer.AsMemory(carry))) > 0)
            {
                var now = Stopwatch.GetTimestamp();
                var span = buffer.AsSpan(0, carry + read);
                while (true)
                {
                    // The next stamp of either kind: a chunk carries its own sent stamp, then the previous chunk's flush stamp.
                    var sentAt = span.IndexOf(Marker);
                    var flushedAt = span.IndexOf(FlushedMarker);
                    if (sentAt < 0 && flushedAt < 0)
                    {
                        break;
                    }

                    var isSent = sentAt >= 0 && (flushedAt < 0 || sentAt < flushedAt);
                    var digits = span[((isSent ? sentAt : flushedAt) + (isSent ? Marker : FlushedMarker).Length)..];
                    if (!Utf8Parser.TryParse(digits, out long stamp, out var used) || used == digits.Length)
                    {
                        break; // the number may continue in the next read
                    }

                    if (isSent)
                    {
                        timing.AddChunk(now, 1, stamp);
                        justAdded = true;
                    }
                    else
                    {
                        timing.NoteServerFlushed(stamp, justAdded ? timing.Chunks - 2 : timing.Chunks - 1);
                        justAdded = false;
                    }

                    span = digits[used..];
                }

                // Keeps a tail long enough to hold a marker and its number split across two reads.
                carry = Math.Min(span.Length, 64);
                span[^carry..].CopyTo(buffer);
            }

            timing.Done = true;
        }
        catch (HttpRequestException e)
        {
            timing.Error = e.Message;
        }
        catch (IOException e)
        {
            timing.Error = e.Message;
        }

        timing.EndTs = Stopwatch.GetTimestamp();
        return timing;
    }
}
