using System.Diagnostics.CodeAnalysis;

namespace CiGate.Core.Coverage;

/// <summary>
/// Embedding vectors on disk, keyed by <see cref="TargetEmbedder.Key"/> (endpoint, model, text hash): one
/// append-only file, <see cref="FileName"/>, of records [32-byte key][int32 length][length float32s], little
/// endian. No text is stored. A record cut short (a killed run) ends the file as read; the next append starts
/// a fresh file with every whole record, so the cache never grows garbage.
/// </summary>
public sealed class EmbeddingCache
{
    public const string FileName = "embeddings.bin";

    private const int KeyBytes = 32;

    private readonly Dictionary<string, float[]> entries = new(StringComparer.Ordinal);
    private readonly string path;
    private bool truncated;

    private EmbeddingCache(string path) => this.path = path;

    public int Count => entries.Count;

    /// <summary>Opens (or starts) the cache in <paramref name="directory"/>.</summary>
    public static EmbeddingCache Open(string directory)
    {
        var cache = new EmbeddingCache(Path.Combine(directory, FileName));
        if (!File.Exists(cache.path))
        {
            return cache;
        }

        using var reader = new BinaryReader(File.OpenRead(cache.path));
        var length = reader.BaseStream.Length;
        while (reader.BaseStream.Position < length)
        {
            if (length - reader.BaseStream.Position < KeyBytes + 4)
            {
                cache.truncated = true;
                break;
            }

            var key = Convert.ToHexStringLower(reader.ReadBytes(KeyBytes));
            var count = reader.ReadInt32();
            if (count <= 0 || length - reader.BaseStream.Position < 4L * count)
            {
                cache.truncated = true;
                break;
            }

            var vector = new float[count];
            for (var i = 0; i < count; i++)
            {
                vector[i] = reader.ReadSingle();
            }

            cache.entries[key] = vector;
        }

        return cache;
    }

    public bool TryGet(string key, [NotNullWhen(true)] out float[]? vector) => entries.TryGetValue(key, out vector);

    public async Task AddAsync(IEnumerable<(string Key, float[] Vector)> added, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(added);
        var fresh = added.Where(a => !entries.ContainsKey(a.Key)).ToList();
        if (fresh.Count == 0 && !truncated)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rewrite = truncated;
        var records = rewrite ? entries.Select(e => (e.Key, e.Value)).Concat(fresh) : fresh;
        await using (var stream = new FileStream(path, rewrite ? FileMode.Create : FileMode.Append, FileAccess.Write))
        await using (var writer = new BinaryWriter(stream))
        {
            foreach (var (key, vector) in records)
            {
                ct.ThrowIfCancellationRequested();
                writer.Write(Convert.FromHexString(key));
                writer.Write(vector.Length);
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        foreach (var (key, vector) in fresh)
        {
            entries[key] = vector;
        }

        truncated = false;
    }
}
