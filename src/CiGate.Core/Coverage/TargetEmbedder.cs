using System.Security.Cryptography;
using System.Text;
using CiGate.Core.Targets;

namespace CiGate.Core.Coverage;

/// <summary>
/// Embeds redacted traffic and test cases with a target's OpenAI <c>/v1/embeddings</c> endpoint (`cigate coverage
/// --embedder target:NAME`): texts the cache lacks are sent in batches of <see cref="BatchSize"/>, as many
/// batches at once as the target's concurrency allows; every vector is cached on disk under the endpoint, the
/// model and the SHA-256 of its text (<see cref="EmbeddingCache"/>), so a second run over the same traffic sends
/// nothing. Texts are redacted before they get here: neither the endpoint nor the cache sees raw PII, and the
/// cache holds hashes and vectors, no text.
/// </summary>
public sealed class TargetEmbedder(ITargetClient client, string? model, EmbeddingCache? cache)
{
    /// <summary>Inputs per request (OpenAI accepts up to 2,048; servers such as vLLM batch them anyway).</summary>
    public const int BatchSize = 128;

    /// <summary>Requests sent to the endpoint by the last <see cref="EmbedAsync"/>.</summary>
    public int Requests { get; private set; }

    /// <summary>Vectors served from the cache by the last <see cref="EmbedAsync"/>.</summary>
    public int CacheHits { get; private set; }

    /// <summary>Distinct texts of the last <see cref="EmbedAsync"/> (each is embedded or looked up once).</summary>
    public int Distinct { get; private set; }

    /// <summary>The cache's key of a text under an endpoint and model: hex SHA-256 of the three.</summary>
    public static string Key(string endpoint, string model, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{endpoint}\n{model}\n{text}"));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>One vector per text, in input order, all of the same length.</summary>
    /// <exception cref="TargetException">The endpoint failed for good.</exception>
    /// <exception cref="InvalidDataException">The endpoint returned vectors of different lengths, or too
    /// few.</exception>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var name = model ?? client.Config.Model;
        var endpoint = client.Config.CacheIdentity;
        var vectors = new float[texts.Count][];
        var keys = texts.Select(t => Key(endpoint, name, t)).ToArray();
        var missing = new List<int>();
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var hits = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            if (cache?.TryGet(keys[i], out var cached) == true)
            {
                vectors[i] = cached;
                hits++;
            }
            else if (firstOf.TryAdd(keys[i], i))
            {
                missing.Add(i);
            }
        }

        CacheHits = hits;
        Distinct = keys.Distinct(StringComparer.Ordinal).Count();
        var batches = missing.Chunk(BatchSize).ToList();
        Requests = batches.Count;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, client.Config.Concurrency),
            CancellationToken = ct,
        };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            var response = await client.EmbedAsync([.. batch.Select(i => texts[i])], model, cacheScope: null, token);
            if (response.Vectors.Count != batch.Length)
            {
                throw new InvalidDataException(
                    $"the embeddings endpoint returned {response.Vectors.Count} vectors for {batch.Length} inputs");
            }

            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = response.Vectors[j];
            }
        });

        for (var i = 0; i < texts.Count; i++)
        {
            vectors[i] ??= vectors[firstOf[keys[i]]];
        }

        if (vectors.Length > 0 && vectors.Any(v => v.Length != vectors[0].Length || v.Length == 0))
        {
            throw new InvalidDataException("the embeddings endpoint returned vectors of different lengths");
        }

        if (cache is not null)
        {
            await cache.AddAsync(missing.Select(i => (keys[i], vectors[i])), ct);
        }

        return vectors;
    }
}
